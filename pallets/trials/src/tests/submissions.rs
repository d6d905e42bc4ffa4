//! Data submitted by investigators.

use super::*;
use SubmissionKind::*;

const ADVERSE: SubmissionKind = AdverseEvent { severity: Severity::Severe };

#[test]
fn an_investigator_submits_data_and_it_is_kept_in_order() {
	run(|| {
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		set_time(NOW + 2);
		assert_ok!(submit(SITE_INVESTIGATOR, id, Interim));
		assert_eq!(
			last_event(),
			event(Event::TrialDataSubmitted {
				trial_id: id,
				seq: 0,
				investigator: SITE_INVESTIGATOR,
				kind: Interim,
				data_hash: hash(6)
			})
		);
		assert_ok!(submit(SITE_INVESTIGATOR, id, ADVERSE));
		assert_ok!(submit(SITE_INVESTIGATOR, id, Dataset));
		let s = Submissions::<Test>::get(id, 0).unwrap();
		assert_eq!(
			(s.investigator, s.kind, s.data_hash, s.at),
			(SITE_INVESTIGATOR, Interim, hash(6), NOW + 2)
		);
		assert_eq!(s.locator, Locator::Ipfs(hash(1)));
		let page = TrialsPallet::submissions(id, None, 2);
		assert_eq!(
			page.items.iter().map(|s| (s.seq, s.kind)).collect::<Vec<_>>(),
			vec![(0, Interim), (1, ADVERSE)]
		);
		assert_eq!(page.next, Some(1));
		let rest = TrialsPallet::submissions(id, page.next, 2);
		assert_eq!(rest.items.iter().map(|s| s.seq).collect::<Vec<_>>(), vec![2]);
		assert_eq!(rest.next, None);
	});
}

#[test]
fn what_may_be_submitted_depends_on_the_status() {
	use TrialStatus::*;
	for status in TrialStatus::ALL {
		for kind in [Interim, Final, Dataset, ADVERSE] {
			run(|| {
				let id = trial_with(status, |id| {
					assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
				});
				let expected = match status {
					Recruiting | ActiveNotRecruiting => true,
					Completed => matches!(kind, Final | Dataset),
					_ => false,
				};
				let result = submit(SITE_INVESTIGATOR, id, kind);
				if expected {
					assert_ok!(result);
				} else {
					assert_noop!(result, Error::<Test>::SubmissionNotAllowed);
				}
			});
		}
	}
}

#[test]
fn only_named_and_still_eligible_investigators_submit() {
	run(|| {
		let id = recruiting();
		assert_noop!(submit(SITE_INVESTIGATOR, id, Interim), Error::<Test>::NotInvestigator);
		assert_noop!(submit(SPONSOR, id, Interim), Error::<Test>::NotInvestigator);
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			SITE,
			pallet_organizations::SuspensionReason::LicenseExpired
		));
		assert_noop!(submit(SITE_INVESTIGATOR, id, Interim), Error::<Test>::InvestigatorNotActive);
		assert_noop!(submit(SITE_INVESTIGATOR, 3, Interim), Error::<Test>::NotFound);
	});
}

#[test]
fn submission_errors() {
	run(|| {
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		for _ in 0..MAX_SUBMISSIONS {
			assert_ok!(submit(SITE_INVESTIGATOR, id, Interim));
		}
		assert_noop!(submit(SITE_INVESTIGATOR, id, Interim), Error::<Test>::TooManySubmissions);
	});
}
