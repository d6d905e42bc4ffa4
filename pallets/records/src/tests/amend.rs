//! Amending (a new version) and retracting (entered-in-error): nothing is mutated silently.

use super::*;

#[test]
fn amending_appends_a_version_and_supersedes_the_old_one() {
	run(|| {
		let first = patient_lab_result();
		set_time(NOW + 5);
		let second = amend(PATIENT, first, 2);
		let old = record(first);
		assert_eq!((old.status, old.superseded_by), (RecordStatus::Superseded, Some(second)));
		// The old version keeps its content and its keys: it is history.
		assert_eq!(old.content_hash, hash(1));
		assert!(Envelopes::<Test>::contains_key(first, PATIENT));
		let new = record(second);
		assert_eq!(
			(new.version, new.previous, new.status, new.content_hash, new.created_at),
			(2, Some(first), RecordStatus::Current, hash(2), NOW + 5)
		);
		assert_eq!(Envelopes::<Test>::get(second, PATIENT), Some(envelope(2)));
		// The index points at the latest version only.
		assert_eq!(RecordsByPatient::<Test>::get(PATIENT).to_vec(), vec![second]);
		assert_eq!(held(PATIENT), key_deposit() + 2 * record_deposit());
		assert_eq!(
			last_event(),
			event(Event::RecordAmended {
				record_id: second,
				previous: first,
				patient: PATIENT,
				author: PATIENT,
				version: 2
			})
		);
	});
}

#[test]
fn the_version_chain_is_queryable_from_any_version() {
	run(|| {
		let first = patient_lab_result();
		let second = amend(PATIENT, first, 2);
		let third = amend(PATIENT, second, 3);
		for id in [first, second, third] {
			let chain: Vec<_> = RecordsPallet::versions(id)
				.into_iter()
				.map(|v| match v {
					RecordView::Live(r) => (r.id, r.version, r.status),
					RecordView::Erased(t) => panic!("unexpected tombstone {t:?}"),
				})
				.collect();
			assert_eq!(
				chain,
				vec![
					(first, 1, RecordStatus::Superseded),
					(second, 2, RecordStatus::Superseded),
					(third, 3, RecordStatus::Current)
				]
			);
		}
		assert!(RecordsPallet::versions(99).is_empty());
	});
}

#[test]
fn the_author_amends_while_its_write_consent_lasts() {
	run(|| {
		publish(PATIENT);
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		let first = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		let second = amend(CLINICIAN, first, 2);
		assert_eq!(record(second).author, CLINICIAN);
		assert_eq!(held(CLINICIAN), 2 * record_deposit());
		// Another clinician of the same hospital is not the author.
		assert_noop!(
			RecordsPallet::amend_record(
				RuntimeOrigin::signed(OTHER_CLINICIAN),
				second,
				hash(3),
				LOCATOR,
				envelope(3),
				None
			),
			Error::<Test>::NotAuthorOrPatient
		);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), consent));
		assert_noop!(
			RecordsPallet::amend_record(
				RuntimeOrigin::signed(CLINICIAN),
				second,
				hash(3),
				LOCATOR,
				envelope(3),
				None
			),
			Error::<Test>::AccessDenied(DenialReason::Revoked)
		);
		// The patient may amend a provider's record.
		let third = amend(PATIENT, second, 3);
		assert_eq!(record(third).author, PATIENT);
	});
}

#[test]
fn amending_errors() {
	run(|| {
		let first = patient_lab_result();
		let try_amend = |who, id, locator: Locator, envelope: WrappedKey| {
			RecordsPallet::amend_record(
				RuntimeOrigin::signed(who),
				id,
				hash(2),
				locator,
				envelope,
				None,
			)
		};
		assert_noop!(try_amend(PATIENT, 42, LOCATOR, envelope(2)), Error::<Test>::NotFound);
		assert_noop!(
			try_amend(PATIENT, first, LOCATOR, envelope(0)),
			Error::<Test>::MalformedEnvelope
		);
		assert_noop!(
			try_amend(OUTSIDER, first, LOCATOR, envelope(2)),
			Error::<Test>::NotAuthorOrPatient
		);
		let second = amend(PATIENT, first, 2);
		assert_noop!(
			try_amend(PATIENT, first, LOCATOR, envelope(2)),
			Error::<Test>::RecordSuperseded
		);
		let third = amend(PATIENT, second, 3);
		assert_eq!(record(third).version, MAX_VERSIONS);
		assert_noop!(
			try_amend(PATIENT, third, LOCATOR, envelope(4)),
			Error::<Test>::TooManyVersions
		);
		// The patient withdrew their key: there is nothing to wrap the new data key to.
		assert_ok!(RecordsPallet::remove_encryption_key(RuntimeOrigin::signed(PATIENT)));
		let other = {
			publish(PATIENT);
			let id = add(PATIENT, PATIENT, DataCategory::Allergy);
			assert_ok!(RecordsPallet::remove_encryption_key(RuntimeOrigin::signed(PATIENT)));
			id
		};
		assert_noop!(
			try_amend(PATIENT, other, LOCATOR, envelope(2)),
			Error::<Test>::PatientHasNoKey
		);
	});
}

#[test]
fn retracting_marks_entered_in_error_and_keeps_the_history() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		let id = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		set_time(NOW + 9);
		assert_ok!(RecordsPallet::retract_record(
			RuntimeOrigin::signed(CLINICIAN),
			id,
			RetractionReason::WrongPatient
		));
		let r = record(id);
		assert_eq!(r.status, RecordStatus::EnteredInError);
		assert_eq!(
			r.retraction,
			Some(Retraction { reason: RetractionReason::WrongPatient, by: CLINICIAN, at: NOW + 9 })
		);
		// Still listed, still readable, still paid for.
		assert_eq!(r.content_hash, hash(1));
		assert_eq!(RecordsByPatient::<Test>::get(PATIENT).to_vec(), vec![id]);
		assert_eq!(held(CLINICIAN), record_deposit());
		assert_eq!(
			last_event(),
			event(Event::RecordRetracted {
				record_id: id,
				patient: PATIENT,
				by: CLINICIAN,
				reason: RetractionReason::WrongPatient
			})
		);
		// Entered-in-error is final.
		assert_noop!(
			RecordsPallet::retract_record(
				RuntimeOrigin::signed(PATIENT),
				id,
				RetractionReason::Other
			),
			Error::<Test>::RecordEnteredInError
		);
		assert_noop!(
			RecordsPallet::amend_record(
				RuntimeOrigin::signed(PATIENT),
				id,
				hash(2),
				LOCATOR,
				envelope(2),
				None
			),
			Error::<Test>::RecordEnteredInError
		);
	});
}

#[test]
fn retracting_errors() {
	run(|| {
		let first = patient_lab_result();
		let retract = |who, id| {
			RecordsPallet::retract_record(
				RuntimeOrigin::signed(who),
				id,
				RetractionReason::Duplicate,
			)
		};
		assert_noop!(retract(PATIENT, 7), Error::<Test>::NotFound);
		assert_noop!(retract(CLINICIAN, first), Error::<Test>::NotAuthorOrPatient);
		let second = amend(PATIENT, first, 2);
		assert_noop!(retract(PATIENT, first), Error::<Test>::RecordSuperseded);
		assert_ok!(retract(PATIENT, second));
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), second));
		assert_noop!(retract(PATIENT, second), Error::<Test>::RecordErased);
	});
}
