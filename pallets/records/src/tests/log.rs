//! The access log: every read is checked against the access decision and recorded.

use super::*;

fn log(who: u64, id: RecordId, purpose: Purpose) -> DispatchResult {
	RecordsPallet::log_access(RuntimeOrigin::signed(who), id, purpose)
		.map(|_| ())
		.map_err(|e| e.error)
}

fn entries() -> Vec<(RecordId, u64, Purpose, AccessVia)> {
	RecordsPallet::access_log(&PATIENT, None, 100)
		.items
		.into_iter()
		.map(|e| (e.record_id, e.accessor, e.purpose, e.via))
		.collect()
}

#[test]
fn a_consented_read_is_logged_with_its_ground() {
	run(|| {
		let id = patient_lab_result();
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		set_time(NOW + 3);
		assert_ok!(log(NURSE, id, Purpose::Treatment));
		assert_eq!(
			last_event(),
			event(Event::RecordAccessed {
				record_id: id,
				patient: PATIENT,
				accessor: NURSE,
				purpose: Purpose::Treatment
			})
		);
		assert_eq!(
			AccessLog::<Test>::get(PATIENT, 0),
			Some(AccessLogEntry {
				seq: 0,
				record_id: id,
				accessor: NURSE,
				purpose: Purpose::Treatment,
				via: AccessVia::Consent(consent),
				at: NOW + 3
			})
		);
		assert_eq!(NextAccessSeq::<Test>::get(PATIENT), 1);
		assert_eq!(AccessorLog::<Test>::get(PATIENT, NURSE).into_inner(), vec![0]);
		// The patient's own reads are logged too.
		assert_ok!(log(PATIENT, id, Purpose::Treatment));
		assert_eq!(
			entries(),
			vec![
				(id, PATIENT, Purpose::Treatment, AccessVia::Patient),
				(id, NURSE, Purpose::Treatment, AccessVia::Consent(consent)),
			]
		);
	});
}

#[test]
fn a_denied_read_fails_with_the_decisions_reason_and_is_not_logged() {
	run(|| {
		let id = patient_lab_result();
		assert_noop!(
			log(CLINICIAN, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::NoConsent)
		);
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_noop!(
			log(CLINICIAN, id, Purpose::Research),
			Error::<Test>::AccessDenied(DenialReason::PurposeMismatch)
		);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), consent));
		assert_noop!(
			log(CLINICIAN, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::Revoked)
		);

		grant_for(
			PATIENT,
			RELATIVE,
			DataCategory::LabResult,
			READ,
			Purpose::Treatment,
			Some(NOW + 10),
		);
		assert_ok!(log(RELATIVE, id, Purpose::Treatment));
		set_time(NOW + 10);
		assert_noop!(
			log(RELATIVE, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::Expired)
		);
		assert_eq!(entries().len(), 1);
	});
}

#[test]
fn every_denial_reason_reaches_the_caller_in_the_error() {
	use DenialReason::*;
	let reasons = [
		NoConsent,
		Revoked,
		Expired,
		NotYetValid,
		OrganizationSuspended,
		OrganizationDeregistered,
		RoleNotPermitted,
		PurposeMismatch,
		CategoryNotCovered,
		ActionNotCovered,
	];
	for reason in reasons {
		let DispatchError::Module(error) = DispatchError::from(Error::<Test>::AccessDenied(reason))
		else {
			panic!("a module error")
		};
		// The error's bytes are its index, then the reason: what a client decodes.
		assert_eq!(DenialReason::decode(&mut &error.error[1..]), Ok(reason));
	}
}

#[test]
fn a_suspended_organizations_member_cannot_read() {
	run(|| {
		let id = patient_lab_result();
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_ok!(log(CLINICIAN, id, Purpose::Treatment));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::LicenseRevoked
		));
		assert_noop!(
			log(CLINICIAN, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::OrganizationSuspended)
		);
	});
}

#[test]
fn a_deregistered_organizations_grant_never_applies_again() {
	run(|| {
		// Defect 1: after deregistration the grant to the organization's account allowed
		// access again, as if it were a person's.
		let id = patient_lab_result();
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::LicenseRevoked
		));
		assert_noop!(
			log(HOSPITAL, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::OrganizationSuspended)
		);
		assert_ok!(pallet_organizations::Pallet::<Test>::deregister(
			RuntimeOrigin::root(),
			HOSPITAL
		));
		for who in [HOSPITAL, CLINICIAN, NURSE] {
			assert_noop!(
				log(who, id, Purpose::Treatment),
				Error::<Test>::AccessDenied(DenialReason::OrganizationDeregistered)
			);
		}
		// Even once its members are reaped and it cannot be registered again.
		for member in [CLINICIAN, NURSE, OTHER_CLINICIAN] {
			assert_ok!(pallet_organizations::Pallet::<Test>::reap_member(
				RuntimeOrigin::signed(OUTSIDER),
				member
			));
		}
		assert_noop!(
			log(HOSPITAL, id, Purpose::Treatment),
			Error::<Test>::AccessDenied(DenialReason::OrganizationDeregistered)
		);
	});
}

#[test]
fn an_accessor_cannot_push_its_reads_out_of_the_log() {
	run(|| {
		// Defect 6: 256 harmless reads pushed a sensitive one out of a shared ring.
		let id = patient_lab_result();
		let sensitive = add(PATIENT, PATIENT, DataCategory::MentalHealth);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		grant(PATIENT, HOSPITAL, DataCategory::MentalHealth, READ);
		assert_ok!(log(CLINICIAN, sensitive, Purpose::Treatment));
		for _ in 1..MAX_LOG {
			assert_ok!(log(CLINICIAN, id, Purpose::Treatment));
		}
		// The quota is full and its oldest entry is recent: no more reads, nothing pruned.
		assert_noop!(log(CLINICIAN, id, Purpose::Treatment), Error::<Test>::AccessLogFull);
		assert!(entries().contains(&(
			sensitive,
			CLINICIAN,
			Purpose::Treatment,
			AccessVia::Consent(1)
		)));
		// Others are not affected by the clinician's quota, nor it by theirs.
		assert_ok!(log(NURSE, id, Purpose::Treatment));
		assert_ok!(log(PATIENT, id, Purpose::Treatment));
		// After the retention period, the clinician's own oldest entry makes room.
		set_time(NOW + LOG_RETENTION);
		assert_ok!(log(CLINICIAN, id, Purpose::Treatment));
		assert!(!entries().iter().any(|(record, ..)| *record == sensitive));
		assert_eq!(AccessorLog::<Test>::get(PATIENT, CLINICIAN).len() as u32, MAX_LOG);
	});
}

#[test]
fn entries_of_an_emergency_access_under_review_are_never_pruned() {
	run(|| {
		let id = patient_lab_result();
		assert_ok!(RecordsPallet::emergency_access(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			EmergencyReason::PatientUnconscious,
			hash(4)
		));
		for _ in 0..MAX_LOG {
			assert_ok!(log(CLINICIAN, id, Purpose::Treatment));
		}
		assert_ok!(RecordsPallet::flag_emergency_access(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			0,
			hash(5)
		));
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		set_time(NOW + LOG_RETENTION * 2);
		assert_noop!(log(CLINICIAN, id, Purpose::Treatment), Error::<Test>::AccessLogFull);
		assert_eq!(
			entries().iter().filter(|(.., via)| *via == AccessVia::Emergency(0)).count() as u32,
			MAX_LOG
		);
		assert_ok!(RecordsPallet::close_emergency_review(
			RuntimeOrigin::signed(REGULATOR),
			PATIENT,
			0
		));
		assert_ok!(log(CLINICIAN, id, Purpose::Treatment));
	});
}

#[test]
fn the_log_is_read_newest_first_a_page_at_a_time() {
	run(|| {
		let id = patient_lab_result();
		// The patient is an accessor like any other: MAX_LOG entries fit.
		for t in 0..u64::from(MAX_LOG) {
			set_time(NOW + t);
			assert_ok!(log(PATIENT, id, Purpose::Treatment));
		}
		let page = RecordsPallet::access_log(&PATIENT, None, 2);
		assert_eq!(
			page.items.iter().map(|e| (e.seq, e.at)).collect::<Vec<_>>(),
			vec![(2, NOW + 2), (1, NOW + 1)]
		);
		assert_eq!(page.next, Some(1));
		let rest = RecordsPallet::access_log(&PATIENT, page.next, 10);
		assert_eq!(rest.items.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![0]);
		assert_eq!(rest.next, None);
		assert!(RecordsPallet::access_log(&OTHER_PATIENT, None, 10).items.is_empty());
	});
}

#[test]
fn superseded_and_retracted_versions_can_still_be_read() {
	run(|| {
		let first = patient_lab_result();
		let second = amend(PATIENT, first, 2);
		assert_ok!(RecordsPallet::retract_record(
			RuntimeOrigin::signed(PATIENT),
			second,
			RetractionReason::WrongData
		));
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_ok!(log(CLINICIAN, first, Purpose::Treatment));
		assert_ok!(log(CLINICIAN, second, Purpose::Treatment));
		assert_noop!(log(CLINICIAN, 9, Purpose::Treatment), Error::<Test>::NotFound);
	});
}
