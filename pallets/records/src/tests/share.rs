//! Sharing and removing wrapped keys.

use super::*;

#[test]
fn the_patient_shares_a_key_with_a_reader() {
	run(|| {
		let id = patient_lab_result();
		publish(CLINICIAN);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		share(id, CLINICIAN);
		assert_eq!(recipients(id), vec![PATIENT, CLINICIAN]);
		assert_eq!(Envelopes::<Test>::get(id, CLINICIAN), Some(envelope(9)));
		assert_eq!(record(id).envelopes, 2);
		assert_eq!(held(PATIENT), key_deposit() + record_deposit() + shared_deposit(1));
		assert_eq!(
			last_event(),
			event(Event::KeyShared { record_id: id, patient: PATIENT, recipient: CLINICIAN })
		);
		// Sharing again replaces the envelope; nothing more is held.
		assert_ok!(RecordsPallet::share_key(
			RuntimeOrigin::signed(PATIENT),
			id,
			CLINICIAN,
			envelope(8)
		));
		assert_eq!(Envelopes::<Test>::get(id, CLINICIAN), Some(envelope(8)));
		assert_eq!(held(PATIENT), key_deposit() + record_deposit() + shared_deposit(1));
		// The patient may replace their own envelope.
		assert_ok!(RecordsPallet::share_key(
			RuntimeOrigin::signed(PATIENT),
			id,
			PATIENT,
			envelope(7)
		));
		assert_eq!(record(id).envelopes, 2);
	});
}

#[test]
fn a_read_consent_for_any_purpose_is_enough() {
	run(|| {
		let id = patient_lab_result();
		publish(RELATIVE);
		grant_for(PATIENT, RELATIVE, DataCategory::LabResult, READ, Purpose::Research, None);
		share(id, RELATIVE);
		assert!(Envelopes::<Test>::contains_key(id, RELATIVE));
	});
}

#[test]
fn the_recipient_must_be_allowed_to_read() {
	run(|| {
		let id = patient_lab_result();
		publish(CLINICIAN);
		publish(RELATIVE);
		let try_share = |recipient| {
			RecordsPallet::share_key(RuntimeOrigin::signed(PATIENT), id, recipient, envelope(9))
		};
		assert_noop!(try_share(CLINICIAN), Error::<Test>::AccessDenied(DenialReason::NoConsent));
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		assert_noop!(
			try_share(CLINICIAN),
			Error::<Test>::AccessDenied(DenialReason::ActionNotCovered)
		);
		grant(PATIENT, RELATIVE, DataCategory::Imaging, READ);
		assert_noop!(
			try_share(RELATIVE),
			Error::<Test>::AccessDenied(DenialReason::CategoryNotCovered)
		);
		let consent = grant(PATIENT, RELATIVE, DataCategory::LabResult, READ);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), consent));
		assert_noop!(
			try_share(RELATIVE),
			Error::<Test>::AccessDenied(DenialReason::CategoryNotCovered)
		);
		assert_noop!(try_share(OUTSIDER), Error::<Test>::RecipientHasNoKey);
	});
}

#[test]
fn sharing_errors() {
	run(|| {
		let id = patient_lab_result();
		for who in [CLINICIAN, NURSE, OTHER_CLINICIAN] {
			publish(who);
		}
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		let try_share = |who, id, recipient, envelope| {
			RecordsPallet::share_key(RuntimeOrigin::signed(who), id, recipient, envelope)
		};
		assert_noop!(try_share(CLINICIAN, id, NURSE, envelope(9)), Error::<Test>::NotPatient);
		assert_noop!(try_share(PATIENT, 3, NURSE, envelope(9)), Error::<Test>::NotFound);
		assert_noop!(try_share(PATIENT, id, NURSE, envelope(0)), Error::<Test>::MalformedEnvelope);
		share(id, CLINICIAN);
		share(id, NURSE);
		assert_eq!(record(id).envelopes, MAX_ENVELOPES);
		assert_noop!(
			try_share(PATIENT, id, OTHER_CLINICIAN, envelope(9)),
			Error::<Test>::TooManyEnvelopes
		);
		// Replacing one still works when full.
		assert_ok!(try_share(PATIENT, id, NURSE, envelope(5)));
	});
}

#[test]
fn a_superseded_version_keeps_its_keys_and_can_still_be_shared() {
	run(|| {
		let first = patient_lab_result();
		publish(CLINICIAN);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		share(first, CLINICIAN);
		let second = amend(PATIENT, first, 2);
		assert_eq!(recipients(first), vec![PATIENT, CLINICIAN]);
		assert_eq!(recipients(second), vec![PATIENT]);
		share(second, CLINICIAN);
		assert_eq!(recipients(second), vec![PATIENT, CLINICIAN]);
	});
}

#[test]
fn removing_a_key_returns_its_deposit() {
	run(|| {
		let id = patient_lab_result();
		publish(CLINICIAN);
		publish(NURSE);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		share(id, CLINICIAN);
		share(id, NURSE);
		assert_eq!(held(PATIENT), key_deposit() + record_deposit() + shared_deposit(2));
		assert_ok!(RecordsPallet::remove_key(RuntimeOrigin::signed(PATIENT), id, CLINICIAN));
		assert_eq!(recipients(id), vec![PATIENT, NURSE]);
		assert_eq!(held(PATIENT), key_deposit() + record_deposit() + shared_deposit(1));
		assert_eq!(
			last_event(),
			event(Event::KeyRemoved { record_id: id, patient: PATIENT, recipient: CLINICIAN })
		);
		assert_ok!(RecordsPallet::remove_key(RuntimeOrigin::signed(PATIENT), id, NURSE));
		assert_eq!(record(id).shared_deposit, None);
		assert_eq!(held(PATIENT), key_deposit() + record_deposit());
	});
}

#[test]
fn removing_errors() {
	run(|| {
		let id = patient_lab_result();
		let remove = |who, id, recipient| {
			RecordsPallet::remove_key(RuntimeOrigin::signed(who), id, recipient)
		};
		assert_noop!(remove(PATIENT, id, CLINICIAN), Error::<Test>::KeyNotShared);
		assert_noop!(remove(PATIENT, id, PATIENT), Error::<Test>::CannotRemovePatientKey);
		assert_noop!(remove(CLINICIAN, id, PATIENT), Error::<Test>::NotPatient);
		assert_noop!(remove(PATIENT, 8, CLINICIAN), Error::<Test>::NotFound);
	});
}
