//! The access log: every read is checked against the access decision and recorded.

use super::*;

fn log(who: u64, id: RecordId, purpose: Purpose) -> DispatchResult {
	RecordsPallet::log_access(RuntimeOrigin::signed(who), id, purpose)
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
		assert_eq!(AccessLogSpan::<Test>::get(PATIENT), (0, 1));
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
		assert_noop!(log(CLINICIAN, id, Purpose::Treatment), Error::<Test>::NoConsent);
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_noop!(log(CLINICIAN, id, Purpose::Research), Error::<Test>::PurposeMismatch);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), consent));
		assert_noop!(log(CLINICIAN, id, Purpose::Treatment), Error::<Test>::ConsentRevoked);

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
		assert_noop!(log(RELATIVE, id, Purpose::Treatment), Error::<Test>::ConsentExpired);
		assert_eq!(entries().len(), 1);
	});
}

#[test]
fn every_denial_reason_has_its_own_error() {
	use DenialReason::*;
	let errors: Vec<_> = [
		NoConsent,
		Revoked,
		Expired,
		NotYetValid,
		OrganizationSuspended,
		RoleNotPermitted,
		PurposeMismatch,
		CategoryNotCovered,
		ActionNotCovered,
	]
	.into_iter()
	.map(|reason| DispatchError::from(RecordsPallet::denial_error(reason)))
	.collect();
	assert_eq!(
		errors,
		vec![
			Error::<Test>::NoConsent,
			Error::<Test>::ConsentRevoked,
			Error::<Test>::ConsentExpired,
			Error::<Test>::ConsentNotYetValid,
			Error::<Test>::OrganizationSuspended,
			Error::<Test>::RoleNotPermitted,
			Error::<Test>::PurposeMismatch,
			Error::<Test>::CategoryNotCovered,
			Error::<Test>::ActionNotCovered,
		]
		.into_iter()
		.map(DispatchError::from)
		.collect::<Vec<_>>()
	);
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
		assert_noop!(log(CLINICIAN, id, Purpose::Treatment), Error::<Test>::OrganizationSuspended);
	});
}

#[test]
fn the_log_keeps_the_latest_entries() {
	run(|| {
		let id = patient_lab_result();
		for t in 0..(MAX_LOG as u64 + 2) {
			set_time(NOW + t);
			assert_ok!(log(PATIENT, id, Purpose::Treatment));
		}
		// Five logged, three kept: the oldest two pruned.
		assert_eq!(AccessLogSpan::<Test>::get(PATIENT), (2, 5));
		assert!(AccessLog::<Test>::get(PATIENT, 1).is_none());
		let page = RecordsPallet::access_log(&PATIENT, None, 2);
		assert_eq!(
			page.items.iter().map(|e| (e.seq, e.at)).collect::<Vec<_>>(),
			vec![(4, NOW + 4), (3, NOW + 3)]
		);
		assert_eq!(page.next, Some(3));
		let rest = RecordsPallet::access_log(&PATIENT, page.next, 2);
		assert_eq!(rest.items.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![2]);
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
