//! Registering a trial.

use super::*;

#[test]
fn an_active_sponsor_registers_a_trial() {
	run(|| {
		let id = register();
		assert_eq!(id, 0);
		let t = trial(id);
		assert_eq!(
			(t.sponsor, t.phase, t.protocol_hash, t.protocol_version, t.primary_outcomes_hash),
			(SPONSOR, TrialPhase::Phase3, hash(1), 1, hash(2))
		);
		assert_eq!((t.target_enrollment, t.planned_primary_completion), (2, NOW + 365 * DAY));
		assert_eq!(
			(t.registered_at, t.status, t.status_changed_at),
			(NOW, TrialStatus::Registered, NOW)
		);
		assert_eq!(t.title.to_vec(), TITLE.to_vec());
		assert_eq!(t.registry_ids.len(), 1);
		assert_eq!(t.registry_ids[0].registry.to_vec(), b"NCT".to_vec());
		assert_eq!(t.registry_ids[0].id.to_vec(), b"NCT01234567".to_vec());
		assert_eq!((t.enrolled, t.withdrawn, t.investigators, t.submissions), (0, 0, 0, 0));
		assert!(TrialsBySponsor::<Test>::contains_key(SPONSOR, id));
		assert_eq!(
			TrialsPallet::protocol_history(id),
			vec![ProtocolVersion {
				version: 1,
				protocol_hash: hash(1),
				at: NOW,
				reason_hash: None
			}]
		);
		assert_eq!(
			last_event(),
			event(Event::TrialRegistered {
				trial_id: id,
				sponsor: SPONSOR,
				phase: TrialPhase::Phase3
			})
		);
		assert!(held(SPONSOR) > 0);
	});
}

#[test]
fn only_an_active_research_sponsor_registers() {
	run(|| {
		let try_register = |who| {
			TrialsPallet::register_trial(
				RuntimeOrigin::signed(who),
				nct(),
				TITLE.to_vec(),
				TrialPhase::Phase1,
				hash(1),
				hash(2),
				10,
				NOW + DAY,
			)
		};
		for who in [ALICE, SITE, HOSPITAL, SITE_INVESTIGATOR, SPONSOR_INVESTIGATOR] {
			assert_noop!(try_register(who), Error::<Test>::NotSponsor);
		}
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			SPONSOR,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert_noop!(try_register(SPONSOR), Error::<Test>::SponsorSuspended);
		assert_ok!(try_register(OTHER_SPONSOR));
	});
}

#[test]
fn bad_registrations_are_refused_with_named_errors() {
	run(|| {
		let try_register = |ids: Vec<(Vec<u8>, Vec<u8>)>, title: Vec<u8>, target, planned| {
			TrialsPallet::register_trial(
				RuntimeOrigin::signed(SPONSOR),
				ids,
				title,
				TrialPhase::Phase2,
				hash(1),
				hash(2),
				target,
				planned,
			)
		};
		let later = NOW + DAY;
		assert_noop!(try_register(nct(), vec![], 1, later), Error::<Test>::EmptyTitle);
		assert_noop!(
			try_register(nct(), vec![b't'; MAX_TITLE as usize + 1], 1, later),
			Error::<Test>::TitleTooLong
		);
		assert_noop!(
			try_register(vec![(vec![], b"X".to_vec())], TITLE.to_vec(), 1, later),
			Error::<Test>::InvalidRegistryId
		);
		assert_noop!(
			try_register(vec![(b"NCT".to_vec(), vec![])], TITLE.to_vec(), 1, later),
			Error::<Test>::InvalidRegistryId
		);
		assert_noop!(
			try_register(vec![(b"TOOLONGNAME".to_vec(), b"1".to_vec())], TITLE.to_vec(), 1, later),
			Error::<Test>::InvalidRegistryId
		);
		let three = vec![(b"A".to_vec(), b"1".to_vec()); 3];
		assert_noop!(
			try_register(three, TITLE.to_vec(), 1, later),
			Error::<Test>::TooManyRegistryIds
		);
		assert_noop!(
			try_register(nct(), TITLE.to_vec(), 0, later),
			Error::<Test>::InvalidTargetEnrollment
		);
		assert_noop!(
			try_register(nct(), TITLE.to_vec(), 1, NOW),
			Error::<Test>::PlannedCompletionInPast
		);
		// No registry identifier yet is fine: it may be registered here first.
		assert_ok!(try_register(vec![], TITLE.to_vec(), 1, later));
		NextTrialId::<Test>::put(TrialId::MAX);
		assert_noop!(try_register(nct(), TITLE.to_vec(), 1, later), Error::<Test>::TrialIdOverflow);
	});
}

#[test]
fn a_registration_needs_its_deposit() {
	run(|| {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&OTHER_SPONSOR, 2);
		assert!(TrialsPallet::register_trial(
			RuntimeOrigin::signed(OTHER_SPONSOR),
			nct(),
			TITLE.to_vec(),
			TrialPhase::Phase1,
			hash(1),
			hash(2),
			1,
			NOW + DAY
		)
		.is_err());
		assert_eq!(NextTrialId::<Test>::get(), 0);
	});
}

#[test]
fn trials_are_listed_by_sponsor() {
	run(|| {
		let ids: Vec<_> = (0..3).map(|_| register()).collect();
		register_for(OTHER_SPONSOR, 1);
		let first = TrialsPallet::trials_by_sponsor(&SPONSOR, None, 2);
		assert_eq!(first.items.len(), 2);
		let rest = TrialsPallet::trials_by_sponsor(&SPONSOR, first.next, 2);
		assert_eq!(rest.next, None);
		let mut all: Vec<_> = first.items.into_iter().chain(rest.items).map(|t| t.id).collect();
		all.sort();
		assert_eq!(all, ids);
	});
}
