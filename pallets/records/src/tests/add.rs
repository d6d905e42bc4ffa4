//! Adding records: by the patient, or under Write consent.

use super::*;

#[test]
fn the_patient_adds_a_record_about_themselves() {
	run(|| {
		let id = patient_lab_result();
		assert_eq!(id, 0);
		let r = record(id);
		assert_eq!(
			(r.patient, r.author, r.category, r.content_hash, r.version, r.previous, r.status),
			(PATIENT, PATIENT, DataCategory::LabResult, hash(1), 1, None, RecordStatus::Current)
		);
		assert_eq!(r.locator, LOCATOR);
		assert_eq!((r.created_at, r.envelopes, r.superseded_by), (NOW, 1, None));
		assert_eq!(Envelopes::<Test>::get(id, PATIENT), Some(envelope(1)));
		assert_eq!(RecordsByPatient::<Test>::get(PATIENT).to_vec(), vec![id]);
		assert_eq!(NextRecordId::<Test>::get(), 1);
		assert_eq!(held(PATIENT), key_deposit() + record_deposit());
		assert_eq!(
			last_event(),
			event(Event::RecordAdded {
				record_id: id,
				patient: PATIENT,
				author: PATIENT,
				category: DataCategory::LabResult
			})
		);
	});
}

#[test]
fn a_provider_adds_under_write_consent_and_pays_the_deposit() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		let id = add(CLINICIAN, PATIENT, DataCategory::LabResult);
		assert_eq!(record(id).author, CLINICIAN);
		assert_eq!(held(CLINICIAN), record_deposit());
		assert_eq!(held(PATIENT), key_deposit());
	});
}

#[test]
fn without_write_consent_a_provider_is_refused() {
	run(|| {
		publish(PATIENT);
		let try_add = |who, category, purpose| {
			RecordsPallet::add_record(
				RuntimeOrigin::signed(who),
				PATIENT,
				category,
				hash(1),
				LOCATOR,
				envelope(1),
				purpose,
			)
		};
		assert_noop!(
			try_add(CLINICIAN, DataCategory::LabResult, None),
			Error::<Test>::AccessDenied(DenialReason::NoConsent)
		);
		// Read consent does not allow writing.
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_noop!(
			try_add(CLINICIAN, DataCategory::LabResult, None),
			Error::<Test>::AccessDenied(DenialReason::ActionNotCovered)
		);
		// Write consent for another category does not either.
		grant(PATIENT, HOSPITAL, DataCategory::Imaging, WRITE);
		assert_noop!(
			try_add(CLINICIAN, DataCategory::LabResult, None),
			Error::<Test>::AccessDenied(DenialReason::ActionNotCovered)
		);
		assert_noop!(
			try_add(CLINICIAN, DataCategory::Allergy, None),
			Error::<Test>::AccessDenied(DenialReason::CategoryNotCovered)
		);
		// Nor for another purpose than the one given.
		assert_noop!(
			try_add(CLINICIAN, DataCategory::Imaging, Some(Purpose::Research)),
			Error::<Test>::AccessDenied(DenialReason::PurposeMismatch)
		);
		assert_ok!(try_add(CLINICIAN, DataCategory::Imaging, None));
		assert_ok!(try_add(CLINICIAN, DataCategory::Imaging, Some(Purpose::Treatment)));
	});
}

#[test]
fn a_suspended_organizations_clinician_is_refused_at_once() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		add(CLINICIAN, PATIENT, DataCategory::LabResult);
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert_noop!(
			RecordsPallet::add_record(
				RuntimeOrigin::signed(CLINICIAN),
				PATIENT,
				DataCategory::LabResult,
				hash(1),
				LOCATOR,
				envelope(1),
				None
			),
			Error::<Test>::AccessDenied(DenialReason::OrganizationSuspended)
		);
	});
}

#[test]
fn bad_input_is_refused_with_named_errors() {
	run(|| {
		let try_add = |patient, locator: Locator, envelope: WrappedKey| {
			RecordsPallet::add_record(
				RuntimeOrigin::signed(PATIENT),
				patient,
				DataCategory::LabResult,
				hash(1),
				locator,
				envelope,
				None,
			)
		};
		assert_noop!(try_add(PATIENT, LOCATOR, envelope(1)), Error::<Test>::PatientHasNoKey);
		publish(PATIENT);
		// An envelope whose ephemeral key is all zeros wraps the key to no one.
		assert_noop!(try_add(PATIENT, LOCATOR, envelope(0)), Error::<Test>::MalformedEnvelope);
		// An IPFS locator is a digest, never a name.
		assert_ok!(try_add(PATIENT, Locator::Ipfs(hash(7)), envelope(1)));
	});
}

#[test]
fn a_patient_has_at_most_max_records() {
	run(|| {
		publish(PATIENT);
		for _ in 0..MAX_RECORDS {
			add(PATIENT, PATIENT, DataCategory::Summary);
		}
		assert_noop!(
			RecordsPallet::add_record(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				DataCategory::Summary,
				hash(1),
				LOCATOR,
				envelope(1),
				None
			),
			Error::<Test>::TooManyRecords
		);
	});
}

#[test]
fn a_record_needs_its_deposit() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, POOR_PATIENT, DataCategory::LabResult, WRITE);
		assert!(RecordsPallet::add_record(
			RuntimeOrigin::signed(POOR_PATIENT),
			PATIENT,
			DataCategory::LabResult,
			hash(1),
			LOCATOR,
			envelope(1),
			None
		)
		.is_err());
		assert!(Records::<Test>::iter().next().is_none());
	});
}

#[test]
fn identifiers_are_exhausted_cleanly() {
	run(|| {
		publish(PATIENT);
		NextRecordId::<Test>::put(RecordId::MAX);
		assert_noop!(
			RecordsPallet::add_record(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				DataCategory::LabResult,
				hash(1),
				LOCATOR,
				envelope(1),
				None
			),
			Error::<Test>::RecordIdOverflow
		);
	});
}

#[test]
fn the_access_decision_is_refunded_down_to_the_grants_it_read() {
	run(|| {
		publish(PATIENT);
		grant(PATIENT, HOSPITAL, DataCategory::LabResult, WRITE);
		let call = RecordsPallet::add_record(
			RuntimeOrigin::signed(CLINICIAN),
			PATIENT,
			DataCategory::LabResult,
			hash(1),
			LOCATOR,
			envelope(1),
			None,
		);
		// Charged up front for a patient with every grant they may have; in the end, for the
		// one grant the decision read.
		let charged = <Test as Config>::WeightInfo::add_record()
			.saturating_add(RecordsPallet::decisions_weight(1));
		let decision = <<Test as Config>::Access as AccessControl<u64>>::decide_metered(
			&PATIENT,
			&CLINICIAN,
			DataCategory::LabResult,
			Action::Write,
			Purpose::Treatment,
		);
		let spent = <Test as Config>::WeightInfo::add_record().saturating_add(decision.1);
		assert_eq!(call.map(|info| info.actual_weight), Ok(Some(spent)));
		assert!(spent.all_lt(charged));
	});
}
