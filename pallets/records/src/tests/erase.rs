//! Erasure: every version's hash, locator and keys go, tombstones stay, deposits return.

use super::*;

#[test]
fn erasing_a_record_with_versions_and_envelopes_leaves_only_tombstones() {
	run(|| {
		publish(PATIENT);
		publish(CLINICIAN);
		publish(NURSE);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, Actions { read: true, write: true });
		// Versions 1 and 2 by the clinician, shared with the nurse, then with both; version 3
		// by the patient.
		let first = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		share(first, NURSE);
		let second = amend(CLINICIAN, first, 2);
		share(second, NURSE);
		share(second, CLINICIAN);
		let third = amend(PATIENT, second, 3);
		assert_eq!(held(CLINICIAN), key_deposit() + 2 * record_deposit());
		assert_eq!(
			held(PATIENT),
			key_deposit() + record_deposit() + shared_deposit(1) + shared_deposit(2)
		);
		let other = add(PATIENT, PATIENT, DataCategory::Allergy);

		set_time(NOW + 77);
		// Erasing from any version erases the whole record.
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), second));

		for (id, version, previous, superseded_by) in [
			(first, 1, None, Some(second)),
			(second, 2, Some(first), Some(third)),
			(third, 3, Some(second), None),
		] {
			assert!(!Records::<Test>::contains_key(id));
			assert_eq!(Envelopes::<Test>::iter_prefix(id).count(), 0);
			let tombstone = Tombstone {
				id,
				category: DataCategory::LabResult,
				version,
				previous,
				superseded_by,
				erased_at: NOW + 77,
			};
			assert_eq!(Tombstones::<Test>::get(id), Some(tombstone.clone()));
			assert_eq!(RecordsPallet::record_view(id), Some(RecordView::Erased(tombstone)));
		}
		assert_eq!(RecordsPallet::versions(first).len(), 3);
		// Every deposit went back to whoever paid it; the other record is untouched.
		assert_eq!(held(CLINICIAN), key_deposit());
		assert_eq!(held(NURSE), key_deposit());
		assert_eq!(held(PATIENT), key_deposit() + record_deposit());
		assert_eq!(RecordsByPatient::<Test>::get(PATIENT).to_vec(), vec![other]);
		assert!(Envelopes::<Test>::contains_key(other, PATIENT));
		assert_eq!(
			last_event(),
			event(Event::RecordErased { record_id: third, patient: PATIENT, versions: 3 })
		);
	});
}

#[test]
fn erasure_refunds_the_weight_of_missing_versions() {
	run(|| {
		let id = patient_lab_result();
		let info = RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), id).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::erase_record(1)));
	});
}

#[test]
fn only_the_patient_erases_and_only_once() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		let id = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		assert_noop!(
			RecordsPallet::erase_record(RuntimeOrigin::signed(CLINICIAN), id),
			Error::<Test>::NotPatient
		);
		assert_noop!(
			RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), 5),
			Error::<Test>::NotFound
		);
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::RecordErased
		);
		// The last record gone, the patient's index is gone too.
		assert!(!RecordsByPatient::<Test>::contains_key(PATIENT));
		// Nothing more can be done with it.
		assert_noop!(
			RecordsPallet::log_access(RuntimeOrigin::signed(PATIENT), id, Purpose::Treatment),
			Error::<Test>::RecordErased
		);
		assert_noop!(
			RecordsPallet::share_key(RuntimeOrigin::signed(PATIENT), id, PATIENT, envelope(1)),
			Error::<Test>::RecordErased
		);
		assert_noop!(
			RecordsPallet::remove_key(RuntimeOrigin::signed(PATIENT), id, CLINICIAN),
			Error::<Test>::RecordErased
		);
	});
}

#[test]
fn an_entered_in_error_record_can_be_erased() {
	run(|| {
		let id = patient_lab_result();
		assert_ok!(RecordsPallet::retract_record(
			RuntimeOrigin::signed(PATIENT),
			id,
			RetractionReason::WrongData
		));
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), id));
		assert!(Tombstones::<Test>::contains_key(id));
	});
}
