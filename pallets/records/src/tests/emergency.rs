//! Break-glass emergency access: who may, for how long, and how it is ended and reviewed.

use super::*;

fn break_glass(clinician: u64) -> DispatchResult {
	RecordsPallet::emergency_access(
		RuntimeOrigin::signed(clinician),
		PATIENT,
		EmergencyReason::PatientUnconscious,
		hash(4),
	)
}

fn decide(
	accessor: u64,
	category: DataCategory,
	action: Action,
	purpose: Purpose,
) -> AccessDecision {
	<Consent as AccessControl<u64>>::decide(&PATIENT, &accessor, category, action, purpose)
}

#[test]
fn a_hospital_clinician_breaks_the_glass_and_reads_every_category() {
	run(|| {
		let id = patient_lab_result();
		let sensitive = add(PATIENT, PATIENT, DataCategory::MentalHealth);
		assert_ok!(break_glass(CLINICIAN));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessGranted {
				patient: PATIENT,
				accessor: CLINICIAN,
				organization: HOSPITAL,
				reason: EmergencyReason::PatientUnconscious,
				justification_hash: hash(4),
				expires_at: NOW + EMERGENCY_DURATION
			})
		);
		// Every category, sensitive ones included, for treatment, for reading only.
		for category in DataCategory::ALL {
			assert_eq!(
				decide(CLINICIAN, category, Action::Read, Purpose::Treatment),
				AccessDecision::Allowed(AccessVia::Emergency)
			);
		}
		assert_eq!(
			decide(CLINICIAN, DataCategory::LabResult, Action::Write, Purpose::Treatment),
			AccessDecision::Denied(DenialReason::NoConsent)
		);
		assert_eq!(
			decide(CLINICIAN, DataCategory::LabResult, Action::Read, Purpose::Research),
			AccessDecision::Denied(DenialReason::NoConsent)
		);
		// Only the clinician who broke the glass.
		assert_eq!(
			decide(OTHER_CLINICIAN, DataCategory::LabResult, Action::Read, Purpose::Treatment),
			AccessDecision::Denied(DenialReason::NoConsent)
		);
		assert_ok!(RecordsPallet::log_access(
			RuntimeOrigin::signed(CLINICIAN),
			sensitive,
			Purpose::Treatment
		));
		assert_ok!(RecordsPallet::log_access(
			RuntimeOrigin::signed(CLINICIAN),
			id,
			Purpose::Treatment
		));
		assert!(RecordsPallet::access_log(&PATIENT, None, 10)
			.items
			.iter()
			.all(|e| e.via == AccessVia::Emergency && e.accessor == CLINICIAN));
		let accesses = RecordsPallet::emergency_accesses(&PATIENT);
		assert_eq!(accesses.len(), 1);
		assert_eq!(
			accesses.first().map(|a| (a.organization, a.started_at, a.active)),
			Some((HOSPITAL, NOW, true))
		);
	});
}

#[test]
fn a_consent_is_still_preferred_as_the_ground() {
	run(|| {
		patient_lab_result();
		let consent = grant(PATIENT, HOSPITAL, DataCategory::LabResult, READ);
		assert_ok!(break_glass(CLINICIAN));
		assert_eq!(
			decide(CLINICIAN, DataCategory::LabResult, Action::Read, Purpose::Treatment),
			AccessDecision::Allowed(AccessVia::Consent(consent))
		);
	});
}

#[test]
fn emergency_access_expires_at_its_boundary() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		let read = || {
			decide(CLINICIAN, DataCategory::Allergy, Action::Read, Purpose::Treatment).is_allowed()
		};
		set_time(NOW + EMERGENCY_DURATION - 1);
		assert!(read());
		set_time(NOW + EMERGENCY_DURATION);
		assert!(!read());
		assert_eq!(
			RecordsPallet::emergency_accesses(&PATIENT).first().map(|a| a.active),
			Some(false)
		);
		// Over, it may be invoked again.
		assert_ok!(break_glass(CLINICIAN));
		assert!(read());
	});
}

#[test]
fn only_clinicians_of_active_hospitals_and_clinics_may_break_the_glass() {
	run(|| {
		// A nurse, a laboratory's clinician, an organization itself, an outsider.
		for who in [NURSE, LAB_CLINICIAN, HOSPITAL, OUTSIDER] {
			assert_noop!(break_glass(who), Error::<Test>::NotEmergencyClinician);
		}
		assert_noop!(
			RecordsPallet::emergency_access(
				RuntimeOrigin::signed(CLINICIAN),
				CLINICIAN,
				EmergencyReason::Other,
				hash(4)
			),
			Error::<Test>::SelfEmergencyAccess
		);
		assert_ok!(break_glass(CLINICIAN));
		assert_noop!(break_glass(CLINICIAN), Error::<Test>::EmergencyAccessActive);
	});
}

#[test]
fn a_suspended_hospitals_clinician_loses_emergency_access_at_once() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert!(!decide(CLINICIAN, DataCategory::Allergy, Action::Read, Purpose::Treatment)
			.is_allowed());
		assert_noop!(break_glass(OTHER_CLINICIAN), Error::<Test>::NotEmergencyClinician);
	});
}

#[test]
fn the_patient_or_the_clinician_ends_it_early() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(break_glass(OTHER_CLINICIAN));
		let end = |who, accessor| {
			RecordsPallet::end_emergency_access(RuntimeOrigin::signed(who), PATIENT, accessor)
		};
		assert_noop!(end(NURSE, CLINICIAN), Error::<Test>::NotPatientOrAccessor);
		set_time(NOW + 60);
		assert_ok!(end(PATIENT, CLINICIAN));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessEnded {
				patient: PATIENT,
				accessor: CLINICIAN,
				by: PATIENT
			})
		);
		assert!(!decide(CLINICIAN, DataCategory::Allergy, Action::Read, Purpose::Treatment)
			.is_allowed());
		assert_ok!(end(OTHER_CLINICIAN, OTHER_CLINICIAN));
		let ended: Vec<_> = RecordsPallet::emergency_accesses(&PATIENT)
			.into_iter()
			.map(|a| (a.ended_at, a.active))
			.collect();
		assert_eq!(ended, vec![(Some(NOW + 60), false), (Some(NOW + 60), false)]);
		assert_noop!(end(PATIENT, CLINICIAN), Error::<Test>::NoActiveEmergencyAccess);
	});
}

#[test]
fn the_patient_or_a_regulator_flags_it_for_review() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		let flag = |who, accessor| {
			RecordsPallet::flag_emergency_access(
				RuntimeOrigin::signed(who),
				PATIENT,
				accessor,
				hash(6),
			)
		};
		assert_noop!(flag(HOSPITAL, CLINICIAN), Error::<Test>::NotPatientOrRegulator);
		assert_noop!(flag(PATIENT, OTHER_CLINICIAN), Error::<Test>::EmergencyAccessNotFound);
		set_time(NOW + 8);
		assert_ok!(flag(REGULATOR, CLINICIAN));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessFlagged {
				patient: PATIENT,
				accessor: CLINICIAN,
				by: REGULATOR,
				note_hash: hash(6)
			})
		);
		assert_eq!(
			RecordsPallet::emergency_accesses(&PATIENT).first().and_then(|a| a.flag.clone()),
			Some(EmergencyFlag { by: REGULATOR, note_hash: hash(6), at: NOW + 8 })
		);
		assert_noop!(flag(PATIENT, CLINICIAN), Error::<Test>::AlreadyFlagged);
		// Flagging does not end it.
		assert!(
			decide(CLINICIAN, DataCategory::Allergy, Action::Read, Purpose::Treatment).is_allowed()
		);

		// A suspended regulator may not flag; the patient may flag an access that is over.
		assert_ok!(break_glass(OTHER_CLINICIAN));
		set_time(NOW + EMERGENCY_DURATION + 1);
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			REGULATOR,
			pallet_organizations::SuspensionReason::Requested
		));
		assert_noop!(flag(REGULATOR, OTHER_CLINICIAN), Error::<Test>::NotPatientOrRegulator);
		assert_ok!(flag(PATIENT, OTHER_CLINICIAN));
	});
}

#[test]
fn the_oldest_access_over_makes_room_for_a_new_one() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(break_glass(OTHER_CLINICIAN));
		// Both in force: no room.
		pallet_organizations::Pallet::<Test>::add_member(
			RuntimeOrigin::signed(HOSPITAL),
			RELATIVE,
			MemberRole::Clinician,
		)
		.unwrap();
		assert_noop!(break_glass(RELATIVE), Error::<Test>::TooManyEmergencyAccesses);
		assert_ok!(RecordsPallet::end_emergency_access(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			OTHER_CLINICIAN
		));
		assert_ok!(break_glass(RELATIVE));
		let accessors: Vec<_> =
			RecordsPallet::emergency_accesses(&PATIENT).into_iter().map(|a| a.accessor).collect();
		assert_eq!(accessors, vec![CLINICIAN, RELATIVE]);
	});
}
