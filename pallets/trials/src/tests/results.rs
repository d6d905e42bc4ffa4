//! Results: published once after the end, amended with history, overdue when late.

use super::*;

fn publish(id: TrialId) -> DispatchResult {
	TrialsPallet::publish_results(RuntimeOrigin::signed(SPONSOR), id, hash(7), Locator::ContentHash)
}

#[test]
fn the_sponsor_publishes_results_once_and_amends_them_with_history() {
	run(|| {
		let id = trial_in(TrialStatus::Completed);
		set_time(NOW + 20);
		assert_ok!(publish(id));
		assert_eq!(
			last_event(),
			event(Event::ResultsPublished { trial_id: id, results_hash: hash(7) })
		);
		assert_eq!(trial(id).results_published_at, Some(NOW + 20));
		assert_noop!(publish(id), Error::<Test>::ResultsAlreadyPublished);
		set_time(NOW + 30);
		assert_ok!(TrialsPallet::amend_results(
			RuntimeOrigin::signed(SPONSOR),
			id,
			hash(8),
			Locator::Ipfs(hash(2))
		));
		assert_eq!(
			last_event(),
			event(Event::ResultsAmended { trial_id: id, version: 2, results_hash: hash(8) })
		);
		let results = Results::<Test>::get(id).unwrap().versions;
		assert_eq!(
			results.iter().map(|r| (r.results_hash, r.at)).collect::<Vec<_>>(),
			vec![(hash(7), NOW + 20), (hash(8), NOW + 30)]
		);
		assert_noop!(
			TrialsPallet::amend_results(
				RuntimeOrigin::signed(SPONSOR),
				id,
				hash(9),
				Locator::ContentHash
			),
			Error::<Test>::TooManyResultsVersions
		);
	});
}

#[test]
fn a_terminated_trial_publishes_results_too() {
	run(|| {
		let id = trial_in(TrialStatus::Terminated);
		assert_ok!(publish(id));
	});
}

#[test]
fn results_errors() {
	run(|| {
		for status in [
			TrialStatus::Registered,
			TrialStatus::Recruiting,
			TrialStatus::ActiveNotRecruiting,
			TrialStatus::Suspended,
		] {
			let id = trial_in(status);
			assert_noop!(publish(id), Error::<Test>::TrialNotFinished);
		}
		let id = trial_in(TrialStatus::Completed);
		assert_noop!(
			TrialsPallet::publish_results(
				RuntimeOrigin::signed(OTHER_SPONSOR),
				id,
				hash(7),
				Locator::ContentHash
			),
			Error::<Test>::NotTrialSponsor
		);
		assert_noop!(
			TrialsPallet::amend_results(
				RuntimeOrigin::signed(SPONSOR),
				id,
				hash(8),
				Locator::ContentHash
			),
			Error::<Test>::ResultsNotPublished
		);
		assert_noop!(publish(99), Error::<Test>::NotFound);
	});
}

#[test]
fn results_become_overdue_after_the_deadline_and_stop_being_so_when_published() {
	run(|| {
		let early = trial_in(TrialStatus::ActiveNotRecruiting);
		let late = trial_in(TrialStatus::ActiveNotRecruiting);
		let never = trial_in(TrialStatus::ActiveNotRecruiting);
		assert_ok!(set_status(early, TrialStatus::Completed));
		set_time(NOW + DAY);
		assert_ok!(set_status(late, TrialStatus::Completed));
		let overdue = |now| {
			TrialsPallet::overdue_at(now, None, 10)
				.items
				.into_iter()
				.map(|(id, _)| id)
				.collect::<Vec<_>>()
		};
		let due_early = NOW + RESULTS_DEADLINE;
		// Due at the deadline, overdue after it.
		assert_eq!(overdue(due_early), Vec::<TrialId>::new());
		assert_eq!(overdue(due_early + 1), vec![early]);
		assert_eq!(overdue(due_early + DAY + 1), vec![early, late]);
		let first = TrialsPallet::overdue_at(due_early + DAY + 1, None, 1);
		assert_eq!((first.items, first.next), (vec![(early, due_early)], Some(early)));
		let rest = TrialsPallet::overdue_at(due_early + DAY + 1, first.next, 1);
		assert_eq!(rest.items, vec![(late, due_early + DAY)]);
		assert_ok!(publish(early));
		assert_eq!(overdue(due_early + DAY + 1), vec![late]);
		// A trial never marked completed is due a deadline after its planned completion.
		let planned = trial(never).planned_primary_completion;
		assert_eq!(trial(never).completed_at, None);
		assert_eq!(
			TrialsPallet::trial_details(never).unwrap().results_due,
			Some(planned + RESULTS_DEADLINE)
		);
		assert_eq!(overdue(planned + RESULTS_DEADLINE), vec![late]);
		assert_eq!(overdue(planned + RESULTS_DEADLINE + 1), vec![late, never]);
	});
}

#[test]
fn a_terminated_trial_owes_its_results_from_the_termination() {
	run(|| {
		let id = trial_in(TrialStatus::Recruiting);
		set_time(NOW + 5 * DAY);
		assert_ok!(set_status(id, TrialStatus::Terminated));
		let due = NOW + 5 * DAY + RESULTS_DEADLINE;
		assert_eq!(TrialsPallet::trial_details(id).unwrap().results_due, Some(due));
		assert!(TrialsPallet::overdue_at(due, None, 10).items.is_empty());
		assert_eq!(TrialsPallet::overdue_at(due + 1, None, 10).items, vec![(id, due)]);
		assert_ok!(publish(id));
		assert!(TrialsPallet::overdue_at(due + 1, None, 10).items.is_empty());
	});
}
