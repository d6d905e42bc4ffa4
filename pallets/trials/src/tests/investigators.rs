//! Naming and removing investigators.

use super::*;

#[test]
fn the_sponsor_names_eligible_investigators() {
	run(|| {
		let id = register();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_eq!(
			last_event(),
			event(Event::InvestigatorAdded { trial_id: id, investigator: SITE_INVESTIGATOR })
		);
		assert_ok!(add_investigator(id, SPONSOR_INVESTIGATOR));
		assert!(Investigators::<Test>::contains_key(id, SITE_INVESTIGATOR));
		assert_eq!(trial(id).investigators, 2);
	});
}

#[test]
fn only_investigators_of_eligible_active_organizations() {
	run(|| {
		let id = register();
		// Staff, a laboratory's investigator, an organization, an outsider.
		for who in [SITE_STAFF, LAB_INVESTIGATOR, SITE, ALICE] {
			assert_noop!(add_investigator(id, who), Error::<Test>::NotEligibleInvestigator);
		}
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			pallet_organizations::SuspensionReason::Requested
		));
		assert_noop!(
			add_investigator(id, HOSPITAL_INVESTIGATOR),
			Error::<Test>::InvestigatorNotActive
		);
	});
}

#[test]
fn investigator_errors() {
	run(|| {
		let id = register();
		assert_noop!(
			TrialsPallet::add_investigator(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				id,
				SITE_INVESTIGATOR
			),
			Error::<Test>::NotTrialSponsor
		);
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_noop!(add_investigator(id, SITE_INVESTIGATOR), Error::<Test>::AlreadyInvestigator);
		assert_ok!(add_investigator(id, HOSPITAL_INVESTIGATOR));
		assert_noop!(
			add_investigator(id, SPONSOR_INVESTIGATOR),
			Error::<Test>::TooManyInvestigators
		);
		let done = trial_in(TrialStatus::Terminated);
		assert_noop!(add_investigator(done, SITE_INVESTIGATOR), Error::<Test>::TrialFinal);
	});
}

#[test]
fn removing_an_investigator() {
	run(|| {
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_ok!(submit(SITE_INVESTIGATOR, id, SubmissionKind::Interim));
		let remove =
			|who| TrialsPallet::remove_investigator(RuntimeOrigin::signed(SPONSOR), id, who);
		assert_ok!(remove(SITE_INVESTIGATOR));
		assert_eq!(
			last_event(),
			event(Event::InvestigatorRemoved { trial_id: id, investigator: SITE_INVESTIGATOR })
		);
		assert_eq!(trial(id).investigators, 0);
		// Past submissions stay; new ones are refused.
		assert_eq!(trial(id).submissions, 1);
		assert_noop!(
			submit(SITE_INVESTIGATOR, id, SubmissionKind::Interim),
			Error::<Test>::NotInvestigator
		);
		assert_noop!(remove(SITE_INVESTIGATOR), Error::<Test>::NotInvestigator);
	});
}
