//! The reads behind the runtime API.

use super::*;

#[test]
fn records_by_patient_lists_the_latest_versions_a_page_at_a_time() {
	run(|| {
		let lab = patient_lab_result();
		let allergy = add(PATIENT, PATIENT, DataCategory::Allergy);
		let lab2 = amend(PATIENT, lab, 2);
		let imaging = add(PATIENT, PATIENT, DataCategory::Imaging);
		let ids = |page: &Page<RecordDetails<u64>, RecordId>| {
			page.items.iter().map(|r| r.id).collect::<Vec<_>>()
		};
		let all = RecordsPallet::records_by_patient(&PATIENT, None, None, 10);
		assert_eq!((ids(&all), all.next), (vec![allergy, lab2, imaging], None));
		let first = RecordsPallet::records_by_patient(&PATIENT, None, None, 2);
		assert_eq!((ids(&first), first.next), (vec![allergy, lab2], Some(lab2)));
		let second = RecordsPallet::records_by_patient(&PATIENT, None, first.next, 2);
		assert_eq!((ids(&second), second.next), (vec![imaging], None));
		let labs =
			RecordsPallet::records_by_patient(&PATIENT, Some(DataCategory::LabResult), None, 10);
		assert_eq!(ids(&labs), vec![lab2]);
		assert!(RecordsPallet::records_by_patient(&OTHER_PATIENT, None, None, 10).items.is_empty());
		// A limit of 0 reads one, so that a page always moves the cursor on.
		assert_eq!(RecordsPallet::records_by_patient(&PATIENT, None, None, 0).items.len(), 1);
	});
}

#[test]
fn a_record_view_shows_everything_but_the_payload() {
	run(|| {
		publish(PATIENT);
		publish(CLINICIAN);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, Actions { read: true, write: true });
		let id = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		share(id, CLINICIAN);
		assert_eq!(
			live(id),
			RecordDetails {
				id,
				patient: PATIENT,
				author: CLINICIAN,
				category: DataCategory::LabResult,
				content_hash: hash(1),
				locator: LOCATOR,
				version: 1,
				previous: None,
				superseded_by: None,
				status: RecordStatus::Current,
				created_at: NOW,
				retraction: None,
				envelopes: vec![
					KeyEnvelope { recipient: PATIENT, wrapped_key: envelope(1).encode() },
					KeyEnvelope { recipient: CLINICIAN, wrapped_key: envelope(9).encode() },
				],
			}
		);
		assert_eq!(RecordsPallet::record_view(id + 1), None);
	});
}

#[test]
fn a_version_with_the_patients_envelope_alone_is_read_by_key() {
	run(|| {
		let id = patient_lab_result();
		// An envelope the version does not count, put there by hand: the view reads the one it
		// counts, the patient's, by its key, and does not iterate the version's envelopes.
		Envelopes::<Test>::insert(id, OTHER_PATIENT, envelope(7));
		assert_eq!(recipients(id), vec![PATIENT]);
		Envelopes::<Test>::remove(id, OTHER_PATIENT);

		// Shared, the version lists every envelope, the patient's first; unshared, the
		// patient's alone again.
		publish(CLINICIAN);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		share(id, CLINICIAN);
		assert_eq!(recipients(id), vec![PATIENT, CLINICIAN]);
		assert_ok!(RecordsPallet::remove_key(RuntimeOrigin::signed(PATIENT), id, CLINICIAN));
		assert_eq!(
			live(id).envelopes,
			vec![KeyEnvelope { recipient: PATIENT, wrapped_key: envelope(1).encode() }]
		);
		let page = RecordsPallet::records_by_patient(&PATIENT, None, None, 10);
		assert_eq!(page.items, vec![live(id)]);
	});
}
