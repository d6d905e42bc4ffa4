//! The lifecycle, over every pair of statuses.

use super::*;
use TrialStatus::*;

/// The transitions the specification allows, from a trial suspended while Recruiting.
fn allowed(from: TrialStatus, to: TrialStatus) -> bool {
	matches!(
		(from, to),
		(Registered, Recruiting)
			| (Recruiting, ActiveNotRecruiting)
			| (ActiveNotRecruiting, Completed)
			| (Registered | Recruiting | ActiveNotRecruiting, Suspended)
			| (Suspended, Recruiting)
			| (Registered | Recruiting | ActiveNotRecruiting | Suspended, Terminated)
	)
}

#[test]
fn every_transition_is_allowed_or_refused_as_the_lifecycle_says() {
	for from in TrialStatus::ALL {
		for to in TrialStatus::ALL {
			run(|| {
				let id = trial_in(from);
				set_time(NOW + 7);
				let result = set_status(id, to);
				if allowed(from, to) {
					assert_ok!(result);
					let t = trial(id);
					assert_eq!(
						(t.status, t.status_changed_at),
						(to, NOW + 7),
						"{from:?} -> {to:?}"
					);
					assert_eq!(
						last_event(),
						event(Event::TrialStatusChanged { trial_id: id, from, to })
					);
				} else {
					assert_noop!(result, Error::<Test>::InvalidStatusTransition);
				}
			});
		}
	}
}

#[test]
fn the_rule_is_written_once_and_remembers_where_a_suspension_came_from() {
	// The table above, against the primitive rule directly, from every status a trial may be
	// suspended from.
	for resumed in [Registered, Recruiting, ActiveNotRecruiting] {
		assert!(Suspended.can_become(resumed, Some(resumed)));
		for other in TrialStatus::ALL.into_iter().filter(|s| *s != resumed) {
			let expected = other == Terminated;
			assert_eq!(Suspended.can_become(other, Some(resumed)), expected, "{other:?}");
		}
	}
}

#[test]
fn a_suspended_trial_resumes_to_where_it_was() {
	run(|| {
		let id = trial_in(ActiveNotRecruiting);
		assert_ok!(set_status(id, Suspended));
		assert_eq!(trial(id).suspended_from, Some(ActiveNotRecruiting));
		assert_noop!(set_status(id, Recruiting), Error::<Test>::InvalidStatusTransition);
		assert_ok!(set_status(id, ActiveNotRecruiting));
		assert_eq!(trial(id).suspended_from, None);
	});
}

#[test]
fn completing_records_the_time_and_makes_results_due() {
	run(|| {
		let id = trial_in(ActiveNotRecruiting);
		set_time(NOW + 100);
		assert_ok!(set_status(id, Completed));
		assert_eq!(trial(id).completed_at, Some(NOW + 100));
		assert!(ResultsDue::<Test>::contains_key((NOW + 100 + RESULTS_DEADLINE).to_be_bytes(), id));
	});
}

#[test]
fn terminating_needs_a_reason_and_records_it() {
	run(|| {
		let id = recruiting();
		assert_noop!(
			TrialsPallet::set_status(RuntimeOrigin::signed(SPONSOR), id, Terminated, None),
			Error::<Test>::ReasonRequired
		);
		set_time(NOW + 3);
		assert_ok!(set_status(id, Terminated));
		let t = trial(id);
		assert_eq!((t.terminated_at, t.termination_reason), (Some(NOW + 3), Some(hash(9))));
	});
}

#[test]
fn only_the_sponsor_changes_the_status() {
	run(|| {
		let id = register();
		assert_noop!(
			TrialsPallet::set_status(RuntimeOrigin::signed(OTHER_SPONSOR), id, Recruiting, None),
			Error::<Test>::NotTrialSponsor
		);
		assert_noop!(set_status(5, Recruiting), Error::<Test>::NotFound);
	});
}

#[test]
fn a_suspended_sponsor_may_only_wind_its_trials_down() {
	use pallet_organizations::SuspensionReason;
	run(|| {
		// Defect 2: a suspended sponsor reopened recruitment, and people then enrolled.
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_ok!(set_status(id, Suspended));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			SPONSOR,
			SuspensionReason::UnderInvestigation
		));
		assert_noop!(set_status(id, Recruiting), Error::<Test>::SponsorSuspended);
		assert_noop!(
			TrialsPallet::amend_protocol(RuntimeOrigin::signed(SPONSOR), id, hash(3), hash(4)),
			Error::<Test>::SponsorSuspended
		);
		assert_noop!(add_investigator(id, HOSPITAL_INVESTIGATOR), Error::<Test>::SponsorSuspended);
		// Winding down stays possible: terminating, removing investigators.
		assert_ok!(TrialsPallet::remove_investigator(
			RuntimeOrigin::signed(SPONSOR),
			id,
			SITE_INVESTIGATOR
		));
		assert_ok!(set_status(id, Terminated));
		assert_ok!(TrialsPallet::publish_results(
			RuntimeOrigin::signed(SPONSOR),
			id,
			hash(7),
			Locator::ContentHash
		));
	});
}

#[test]
fn nobody_enrolls_while_the_sponsor_is_suspended_but_adverse_events_are_still_reported() {
	use pallet_organizations::SuspensionReason;
	run(|| {
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_ok!(enroll(ALICE, id));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			SPONSOR,
			SuspensionReason::UnderInvestigation
		));
		assert_noop!(enroll(BOB, id), Error::<Test>::SponsorSuspended);
		assert_noop!(
			submit(SITE_INVESTIGATOR, id, SubmissionKind::Interim),
			Error::<Test>::SponsorSuspended
		);
		assert_ok!(submit(
			SITE_INVESTIGATOR,
			id,
			SubmissionKind::AdverseEvent { severity: Severity::Severe }
		));
		// A participant may always withdraw.
		assert_ok!(TrialsPallet::withdraw(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(pallet_organizations::Pallet::<Test>::deregister(
			RuntimeOrigin::root(),
			SPONSOR
		));
		assert_noop!(enroll(BOB, id), Error::<Test>::SponsorDeregistered);
	});
}
