//! What a payload store asks the chain: whether to release a payload, what a block changed,
//! and which payloads live versions reference.

use super::*;

const WINDOW: Moment = 10 * 60 * 1000;

fn release(id: RecordId, requester: u64, content_hash: Hash32) -> PayloadRelease<u64> {
	RecordsPallet::payload_release(id, &requester, content_hash, WINDOW)
}

fn refused(patient: Option<u64>, refusal: ReleaseRefusal) -> PayloadRelease<u64> {
	PayloadRelease { patient, verdict: ReleaseVerdict::Refuse(refusal) }
}

fn log(who: u64, id: RecordId, purpose: Purpose) {
	assert_ok!(RecordsPallet::log_access(RuntimeOrigin::signed(who), id, purpose));
}

/// The block's events of this pallet, as the runtime API hands them over.
fn block_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::HealthRecords(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn the_patient_gets_their_own_payload_without_logging() {
	run(|| {
		let id = patient_lab_result();
		assert_eq!(
			release(id, PATIENT, hash(1)),
			PayloadRelease {
				patient: Some(PATIENT),
				verdict: ReleaseVerdict::Release(ReleaseGround::Patient)
			}
		);
		// Under another hash the record says nothing about that payload.
		assert_eq!(
			release(id, PATIENT, hash(2)),
			refused(Some(PATIENT), ReleaseRefusal::RecordHashMismatch)
		);
		assert_eq!(release(id + 1, PATIENT, hash(1)), refused(None, ReleaseRefusal::UnknownRecord));
		// A superseded version's payload stays readable history.
		let newer = amend(PATIENT, id, 2);
		assert!(matches!(release(id, PATIENT, hash(1)).verdict, ReleaseVerdict::Release(_)));
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), newer));
		for erased in [id, newer] {
			assert_eq!(
				release(erased, PATIENT, hash(1)),
				refused(None, ReleaseRefusal::RecordErased)
			);
		}
	});
}

#[test]
fn a_provider_gets_a_payload_only_within_the_window_of_its_logged_access() {
	run(|| {
		let id = patient_lab_result();
		let other = add(PATIENT, PATIENT, DataCategory::LabResult);
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_eq!(
			release(id, CLINICIAN, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::NoAccessLogged)
		);
		// A log of another record does not count for this one.
		log(CLINICIAN, other, Purpose::Treatment);
		assert_eq!(
			release(id, CLINICIAN, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::NoAccessLogged)
		);
		set_time(NOW + 5);
		log(CLINICIAN, id, Purpose::Treatment);
		let logged = |seq| PayloadRelease {
			patient: Some(PATIENT),
			verdict: ReleaseVerdict::Release(ReleaseGround::LoggedAccess {
				seq,
				at: NOW + 5,
				purpose: Purpose::Treatment,
				via: AccessVia::Consent(consent),
			}),
		};
		assert_eq!(release(id, CLINICIAN, hash(1)), logged(1));
		// The log is the clinician's own: a colleague of the same hospital must log too.
		assert_eq!(
			release(id, NURSE, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::NoAccessLogged)
		);
		set_time(NOW + 5 + WINDOW);
		assert_eq!(release(id, CLINICIAN, hash(1)), logged(1));
		set_time(NOW + 6 + WINDOW);
		assert_eq!(
			release(id, CLINICIAN, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::AccessWindowPassed)
		);
		// A new log opens a new window, counted from the latest entry.
		log(CLINICIAN, id, Purpose::Treatment);
		assert!(matches!(
			release(id, CLINICIAN, hash(1)).verdict,
			ReleaseVerdict::Release(ReleaseGround::LoggedAccess { seq: 2, .. })
		));
	});
}

#[test]
fn a_revocation_after_the_log_refuses_the_payload() {
	run(|| {
		let id = patient_lab_result();
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		log(CLINICIAN, id, Purpose::Treatment);
		assert!(matches!(release(id, CLINICIAN, hash(1)).verdict, ReleaseVerdict::Release(_)));
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), consent));
		assert_eq!(
			release(id, CLINICIAN, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::AccessRevoked(DenialReason::Revoked))
		);
	});
}

#[test]
fn an_emergency_access_releases_while_it_is_in_force() {
	run(|| {
		let id = patient_lab_result();
		assert_ok!(RecordsPallet::emergency_access(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			EmergencyReason::PatientUnconscious,
			hash(4),
		));
		log(CLINICIAN, id, Purpose::Treatment);
		assert!(matches!(
			release(id, CLINICIAN, hash(1)).verdict,
			ReleaseVerdict::Release(ReleaseGround::LoggedAccess {
				via: AccessVia::Emergency(0),
				..
			})
		));
		assert_ok!(RecordsPallet::end_emergency_access(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			CLINICIAN
		));
		assert_eq!(
			release(id, CLINICIAN, hash(1)),
			refused(Some(PATIENT), ReleaseRefusal::AccessRevoked(DenialReason::NoConsent))
		);
	});
}

#[test]
fn payload_changes_name_new_versions_with_their_hashes_and_every_erased_version() {
	run(|| {
		let first = patient_lab_result();
		let second = amend(PATIENT, first, 2);
		let other = add(PATIENT, PATIENT, DataCategory::Allergy);
		assert_eq!(
			RecordsPallet::payload_changes(block_events()),
			vec![
				PayloadChange::Referenced { record_id: first, content_hash: hash(1) },
				PayloadChange::Referenced { record_id: second, content_hash: hash(2) },
				PayloadChange::Referenced { record_id: other, content_hash: hash(1) },
			]
		);
		System::reset_events();
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), first));
		assert_eq!(
			RecordsPallet::payload_changes(block_events()),
			vec![
				PayloadChange::Erased { record_id: second },
				PayloadChange::Erased { record_id: first },
			]
		);
		// Added and erased in one block: only the erasure is left to act on.
		System::reset_events();
		let brief = add(PATIENT, PATIENT, DataCategory::Imaging);
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), brief));
		assert_eq!(
			RecordsPallet::payload_changes(block_events()),
			vec![PayloadChange::Erased { record_id: brief }]
		);
	});
}

#[test]
fn live_payloads_list_every_live_version_a_page_at_a_time() {
	run(|| {
		let first = patient_lab_result();
		let second = amend(PATIENT, first, 2);
		let erased = add(PATIENT, PATIENT, DataCategory::Allergy);
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), erased));
		let last = add(PATIENT, PATIENT, DataCategory::Imaging);
		let reference = |record_id, n| PayloadReference { record_id, content_hash: hash(n) };

		let all = RecordsPallet::live_payloads(None, 100);
		assert_eq!(all.items, vec![reference(first, 1), reference(second, 2), reference(last, 1)]);
		assert_eq!(all.next, None);
		// Pages look at identifiers, erased ones included, so every page moves on.
		let page = RecordsPallet::live_payloads(None, 2);
		assert_eq!(
			(page.items, page.next),
			(vec![reference(first, 1), reference(second, 2)], Some(second))
		);
		let page = RecordsPallet::live_payloads(Some(second), 1);
		assert_eq!((page.items, page.next), (vec![], Some(erased)));
		let page = RecordsPallet::live_payloads(Some(erased), 10);
		assert_eq!((page.items, page.next), (vec![reference(last, 1)], None));
	});
}
