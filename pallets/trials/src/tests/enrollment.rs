//! Enrollment and withdrawal, by the participants themselves.

use super::*;

#[test]
fn a_participant_enrolls_while_recruiting() {
	run(|| {
		let id = recruiting();
		set_time(NOW + 4);
		assert_ok!(enroll(ALICE, id));
		assert_eq!(
			TrialsPallet::enrollment(id, &ALICE),
			Some(Enrollment {
				enrolled_at: NOW + 4,
				consent_form_hash: hash(5),
				withdrawn_at: None,
				confirmed_at: None,
				declined_at: None,
			})
		);
		assert_eq!(trial(id).enrolled, 1);
		assert_eq!(
			last_event(),
			event(Event::ParticipantEnrolled { trial_id: id, participant: ALICE })
		);
		assert_noop!(enroll(ALICE, id), Error::<Test>::AlreadyEnrolled);
	});
}

#[test]
fn enrollment_stops_at_the_target() {
	run(|| {
		let id = recruiting();
		assert_ok!(enroll(ALICE, id));
		assert_ok!(enroll(BOB, id));
		assert_noop!(enroll(CAROL, id), Error::<Test>::EnrollmentFull);
		// A withdrawal frees a place.
		assert_ok!(TrialsPallet::withdraw(RuntimeOrigin::signed(BOB), id));
		assert_ok!(enroll(CAROL, id));
	});
}

#[test]
fn enrollment_is_open_only_while_recruiting() {
	for status in TrialStatus::ALL.into_iter().filter(|s| *s != TrialStatus::Recruiting) {
		run(|| {
			let id = trial_in(status);
			assert_noop!(enroll(ALICE, id), Error::<Test>::NotRecruiting);
		});
	}
}

#[test]
fn enrollment_errors() {
	run(|| {
		let id = recruiting();
		assert_noop!(enroll(ALICE, 8), Error::<Test>::NotFound);
		assert_noop!(enroll(SPONSOR, id), Error::<Test>::SponsorCannotEnroll);
		assert!(enroll(POOR, id).is_err());
		assert!(!Enrollments::<Test>::contains_key(id, POOR));
	});
}

#[test]
fn a_participant_withdraws_at_any_time_and_the_record_stays() {
	run(|| {
		let id = recruiting();
		assert_ok!(enroll(ALICE, id));
		assert_ok!(set_status(id, TrialStatus::ActiveNotRecruiting));
		set_time(NOW + 50);
		assert_ok!(TrialsPallet::withdraw(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			TrialsPallet::enrollment(id, &ALICE).and_then(|e| e.withdrawn_at),
			Some(NOW + 50)
		);
		let t = trial(id);
		assert_eq!((t.enrolled, t.withdrawn), (0, 1));
		assert_eq!(
			last_event(),
			event(Event::ParticipantWithdrew { trial_id: id, participant: ALICE })
		);
		assert_noop!(
			TrialsPallet::withdraw(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyWithdrawn
		);
		assert_noop!(
			TrialsPallet::withdraw(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			TrialsPallet::withdraw(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::NotFound
		);
	});
}

#[test]
fn a_withdrawn_participant_cannot_enroll_again() {
	run(|| {
		let id = recruiting();
		assert_ok!(enroll(ALICE, id));
		assert_ok!(TrialsPallet::withdraw(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(enroll(ALICE, id), Error::<Test>::AlreadyEnrolled);
		assert_eq!(trial(id).enrolled, 0);
	});
}

#[test]
fn the_site_confirms_or_declines_enrollments_and_the_sponsor_adjusts_the_target() {
	run(|| {
		let id = recruiting();
		assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
		let confirm = |who, participant| {
			TrialsPallet::confirm_enrollment(RuntimeOrigin::signed(who), id, participant)
		};
		let decline = |who, participant| {
			TrialsPallet::decline_enrollment(RuntimeOrigin::signed(who), id, participant)
		};
		// Two accounts fill the trial; the site knows only Alice.
		assert_ok!(enroll(ALICE, id));
		assert_ok!(enroll(BOB, id));
		assert_noop!(enroll(CAROL, id), Error::<Test>::EnrollmentFull);
		assert_noop!(confirm(SITE_STAFF, ALICE), Error::<Test>::NotInvestigator);
		assert_noop!(confirm(SITE_INVESTIGATOR, CAROL), Error::<Test>::NotEnrolled);
		set_time(NOW + 7);
		assert_ok!(confirm(SITE_INVESTIGATOR, ALICE));
		assert_eq!(
			last_event(),
			event(Event::EnrollmentConfirmed {
				trial_id: id,
				participant: ALICE,
				by: SITE_INVESTIGATOR
			})
		);
		assert_eq!(TrialsPallet::enrollment(id, &ALICE).unwrap().confirmed_at, Some(NOW + 7));
		// A confirmed participant is the participant's to end, by withdrawing.
		assert_noop!(confirm(SITE_INVESTIGATOR, ALICE), Error::<Test>::AlreadyConfirmed);
		assert_noop!(decline(SITE_INVESTIGATOR, ALICE), Error::<Test>::AlreadyConfirmed);
		// Bob is declined: his place is freed and he may not enroll again.
		assert_ok!(decline(SITE_INVESTIGATOR, BOB));
		assert_noop!(decline(SITE_INVESTIGATOR, BOB), Error::<Test>::AlreadyWithdrawn);
		assert_noop!(enroll(BOB, id), Error::<Test>::AlreadyEnrolled);
		assert_eq!(TrialsPallet::enrollment(id, &BOB).unwrap().declined_at, Some(NOW + 7));
		assert_eq!((trial(id).enrolled, trial(id).confirmed, trial(id).declined), (1, 1, 1));
		assert_ok!(enroll(CAROL, id));
		// The sponsor raises the target; it may not fall below those enrolled.
		let target =
			|who, to| TrialsPallet::set_target_enrollment(RuntimeOrigin::signed(who), id, to);
		assert_noop!(target(SITE_INVESTIGATOR, 3), Error::<Test>::NotTrialSponsor);
		assert_noop!(target(SPONSOR, 1), Error::<Test>::TargetBelowEnrolled);
		assert_noop!(target(SPONSOR, 0), Error::<Test>::InvalidTargetEnrollment);
		assert_ok!(target(SPONSOR, 3));
		assert_eq!(
			last_event(),
			event(Event::TargetEnrollmentChanged { trial_id: id, from: 2, to: 3 })
		);
		assert_ok!(enroll(SITE_STAFF, id));
		// Withdrawing a confirmed participant takes it off the confirmed count.
		assert_ok!(TrialsPallet::withdraw(RuntimeOrigin::signed(ALICE), id));
		assert_eq!((trial(id).enrolled, trial(id).confirmed), (2, 0));
		assert_ok!(set_status(id, TrialStatus::Terminated));
		assert_noop!(target(SPONSOR, 5), Error::<Test>::TrialFinal);
	});
}
