//! Break-glass emergency access: who may, for how long, how it is ended, reviewed and kept.

use super::*;
use healthchain_primitives::OrganizationKind;

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

fn may_read(accessor: u64) -> bool {
	decide(accessor, DataCategory::Allergy, Action::Read, Purpose::Treatment).is_allowed()
}

fn end(who: u64, accessor: u64) -> DispatchResult {
	RecordsPallet::end_emergency_access(RuntimeOrigin::signed(who), PATIENT, accessor)
}

fn flag(who: u64, access_id: EmergencyAccessId) -> DispatchResult {
	RecordsPallet::flag_emergency_access(RuntimeOrigin::signed(who), PATIENT, access_id, hash(6))
}

fn clear(access_id: EmergencyAccessId) -> DispatchResult {
	RecordsPallet::clear_emergency_access(RuntimeOrigin::signed(OUTSIDER), PATIENT, access_id)
}

fn accesses() -> Vec<EmergencyAccessDetails<u64>> {
	RecordsPallet::emergency_accesses(&PATIENT, None, 100).items
}

fn latest(accessor: u64) -> EmergencyAccessId {
	LatestEmergencyAccess::<Test>::get(PATIENT, accessor).expect("an emergency access")
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
				access_id: 0,
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
				AccessDecision::Allowed(AccessVia::Emergency(0))
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
		assert!(!may_read(OTHER_CLINICIAN));
		for record in [sensitive, id] {
			assert_ok!(RecordsPallet::log_access(
				RuntimeOrigin::signed(CLINICIAN),
				record,
				Purpose::Treatment
			));
		}
		assert!(RecordsPallet::access_log(&PATIENT, None, 10)
			.items
			.iter()
			.all(|e| e.via == AccessVia::Emergency(0) && e.accessor == CLINICIAN));
		let kept = accesses();
		assert_eq!(kept.len(), 1);
		assert_eq!(
			kept.first().map(|a| (a.id, a.organization, a.started_at, a.active)),
			Some((0, HOSPITAL, NOW, true))
		);
		// The clinician pays for what the chain keeps.
		assert_eq!(held(CLINICIAN), emergency_deposit());
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
		set_time(NOW + EMERGENCY_DURATION - 1);
		assert!(may_read(CLINICIAN));
		set_time(NOW + EMERGENCY_DURATION);
		assert!(!may_read(CLINICIAN));
		assert_eq!(accesses().first().map(|a| a.active), Some(false));
		// Over, and not ended by the patient: it may be invoked again at once.
		assert_ok!(break_glass(CLINICIAN));
		assert!(may_read(CLINICIAN));
		assert_eq!(accesses().len(), 2, "the earlier access is kept");
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
fn a_suspended_or_deregistered_hospitals_clinician_loses_emergency_access_at_once() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert!(!may_read(CLINICIAN));
		// The view says what the decision says (defect 12: it said `active: true`).
		assert_eq!(accesses().first().map(|a| a.active), Some(false));
		assert_noop!(break_glass(OTHER_CLINICIAN), Error::<Test>::OrganizationSuspended);
		assert_ok!(pallet_organizations::Pallet::<Test>::deregister(
			RuntimeOrigin::root(),
			HOSPITAL
		));
		assert!(!may_read(CLINICIAN));
		assert_noop!(break_glass(OTHER_CLINICIAN), Error::<Test>::OrganizationDeregistered);
	});
}

#[test]
fn an_emergency_access_does_not_follow_its_clinician_to_another_organization() {
	run(|| {
		// Defect 5: the access was honoured for a Clinician of *any* active hospital.
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert_ok!(pallet_organizations::Pallet::<Test>::leave(RuntimeOrigin::signed(CLINICIAN)));
		<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<u64>>::set_balance(
			&(LAB + 100),
			BALANCE,
		);
		assert_ok!(pallet_organizations::Pallet::<Test>::register(
			RuntimeOrigin::root(),
			LAB + 100,
			OrganizationKind::Clinic,
			b"Clinic".to_vec(),
			b"C-1".to_vec(),
			b"GB".to_vec()
		));
		assert_ok!(pallet_organizations::Pallet::<Test>::add_member(
			RuntimeOrigin::signed(LAB + 100),
			CLINICIAN,
			MemberRole::Clinician
		));
		set_time(NOW + 60);
		assert!(!may_read(CLINICIAN));
		assert_eq!(accesses().first().map(|a| a.active), Some(false));
	});
}

#[test]
fn the_patient_or_the_clinician_ends_it_early() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(break_glass(OTHER_CLINICIAN));
		assert_noop!(end(NURSE, CLINICIAN), Error::<Test>::NotPatientOrAccessor);
		set_time(NOW + 60);
		assert_ok!(end(PATIENT, CLINICIAN));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessEnded {
				access_id: 0,
				patient: PATIENT,
				accessor: CLINICIAN,
				by: PATIENT
			})
		);
		assert!(!may_read(CLINICIAN));
		assert_ok!(end(OTHER_CLINICIAN, OTHER_CLINICIAN));
		let ended: Vec<_> =
			accesses().into_iter().map(|a| (a.ended_at, a.ended_by, a.active)).collect();
		assert_eq!(
			ended,
			vec![
				(Some(NOW + 60), Some(PATIENT), false),
				(Some(NOW + 60), Some(OTHER_CLINICIAN), false)
			]
		);
		assert_noop!(end(PATIENT, CLINICIAN), Error::<Test>::NoActiveEmergencyAccess);
	});
}

#[test]
fn once_the_patient_ends_it_the_clinician_cannot_renew_it_at_once() {
	run(|| {
		// Defect 4: break, end, break again, for ever.
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(end(PATIENT, CLINICIAN));
		assert_noop!(break_glass(CLINICIAN), Error::<Test>::EmergencyAccessCoolingDown);
		set_time(NOW + EMERGENCY_COOLDOWN - 1);
		assert_noop!(break_glass(CLINICIAN), Error::<Test>::EmergencyAccessCoolingDown);
		set_time(NOW + EMERGENCY_COOLDOWN);
		assert_ok!(break_glass(CLINICIAN));
		// Ended by the clinician, it does not cool down.
		assert_ok!(end(CLINICIAN, CLINICIAN));
		assert_ok!(break_glass(CLINICIAN));
	});
}

#[test]
fn the_patient_or_a_regulator_flags_it_for_review() {
	run(|| {
		assert_ok!(break_glass(CLINICIAN));
		assert_noop!(flag(HOSPITAL, 0), Error::<Test>::NotPatientOrRegulator);
		assert_noop!(flag(PATIENT, 7), Error::<Test>::EmergencyAccessNotFound);
		set_time(NOW + 8);
		assert_ok!(flag(REGULATOR, 0));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessFlagged {
				access_id: 0,
				patient: PATIENT,
				accessor: CLINICIAN,
				by: REGULATOR,
				note_hash: hash(6)
			})
		);
		assert_eq!(
			accesses().first().and_then(|a| a.flag.clone()),
			Some(EmergencyFlag { by: REGULATOR, note_hash: hash(6), at: NOW + 8, closed_at: None })
		);
		assert_noop!(flag(PATIENT, 0), Error::<Test>::AlreadyFlagged);
		// Flagging does not end it.
		assert!(may_read(CLINICIAN));

		// A suspended regulator may not flag; the patient may flag an access that is over.
		assert_ok!(break_glass(OTHER_CLINICIAN));
		set_time(NOW + EMERGENCY_DURATION + 1);
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			REGULATOR,
			pallet_organizations::SuspensionReason::Requested
		));
		assert_noop!(flag(REGULATOR, 1), Error::<Test>::NotPatientOrRegulator);
		assert_ok!(flag(PATIENT, 1));
	});
}

#[test]
fn a_flagged_access_is_kept_until_a_regulator_closes_its_review() {
	run(|| {
		// Defect 4: the oldest accesses were evicted to make room, flagged ones too.
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(flag(PATIENT, 0));
		set_time(NOW + EMERGENCY_DURATION + REVIEW_PERIOD + 1);
		assert_noop!(clear(0), Error::<Test>::EmergencyAccessStillKept);
		let close =
			|who| RecordsPallet::close_emergency_review(RuntimeOrigin::signed(who), PATIENT, 0);
		assert_noop!(close(PATIENT), Error::<Test>::NotRegulator);
		assert_ok!(close(REGULATOR));
		assert_eq!(
			last_event(),
			event(Event::EmergencyReviewClosed { access_id: 0, patient: PATIENT, by: REGULATOR })
		);
		assert_noop!(close(REGULATOR), Error::<Test>::NoOpenReview);
		assert_ok!(clear(0));
		assert_eq!(
			last_event(),
			event(Event::EmergencyAccessCleared { access_id: 0, patient: PATIENT })
		);
		assert!(accesses().is_empty());
		assert_eq!(held(CLINICIAN), 0, "the deposit is back");
	});
}

#[test]
fn an_access_is_kept_for_its_review_period_and_many_clinicians_cannot_crowd_it_out() {
	use polkadot_sdk::frame_support::traits::fungible::Mutate;
	run(|| {
		// Defect 4: a hospital's clinicians filled the patient's list, and another hospital's
		// emergency was refused; break-and-end cycles evicted earlier accesses.
		let clinicians: Vec<u64> = (200..205).collect();
		for clinician in &clinicians {
			assert_ok!(pallet_organizations::Pallet::<Test>::add_member(
				RuntimeOrigin::signed(HOSPITAL),
				*clinician,
				MemberRole::Clinician
			));
			Balances::set_balance(clinician, BALANCE);
			assert_ok!(break_glass(*clinician));
			assert_ok!(end(PATIENT, *clinician));
		}
		assert_ok!(break_glass(CLINICIAN));
		assert_eq!(accesses().len(), clinicians.len() + 1, "nothing was evicted");
		// Within the review period nothing can be removed; after it, anyone clears.
		set_time(NOW + REVIEW_PERIOD - 1);
		assert_noop!(clear(0), Error::<Test>::EmergencyAccessStillKept);
		set_time(NOW + REVIEW_PERIOD);
		assert_ok!(clear(0));
		// An access that runs cannot be cleared.
		assert_noop!(clear(latest(CLINICIAN)), Error::<Test>::EmergencyAccessStillKept);
	});
}

#[test]
fn clearing_the_latest_access_keeps_an_earlier_one_under_review() {
	run(|| {
		// Found by fuzzing: the clinician's later access was cleared while an earlier one was
		// still under review, and the pallet's invariants then refused the earlier one.
		assert_ok!(break_glass(CLINICIAN));
		assert_ok!(end(CLINICIAN, CLINICIAN));
		assert_ok!(flag(REGULATOR, 0));
		assert_ok!(break_glass(CLINICIAN));
		assert_eq!(latest(CLINICIAN), 1);
		set_time(NOW + EMERGENCY_DURATION + REVIEW_PERIOD);
		assert_ok!(clear(1));
		assert_eq!(LatestEmergencyAccess::<Test>::get(PATIENT, CLINICIAN), None);
		assert_eq!(accesses().len(), 1, "the access under review is kept");
		assert_ok!(RecordsPallet::do_try_state());
		// Nothing is in force, and the clinician may break the glass again.
		assert!(!may_read(CLINICIAN));
		assert_noop!(end(PATIENT, CLINICIAN), Error::<Test>::NoActiveEmergencyAccess);
		assert_ok!(break_glass(CLINICIAN));
		assert_eq!(latest(CLINICIAN), 2);
		assert_ok!(RecordsPallet::do_try_state());
	});
}
