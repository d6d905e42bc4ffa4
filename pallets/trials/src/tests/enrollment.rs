//! Enrollment and withdrawal, by the participants themselves.

use super::*;

#[test]
fn a_participant_enrolls_while_recruiting() {
	run(|| {
		let id = recruiting();
		set_time(NOW + 4);
		assert_ok!(enroll(ALICE, id));
		assert_eq!(
			Enrollments::<Test>::get(id, ALICE),
			Some(Enrollment {
				enrolled_at: NOW + 4,
				consent_form_hash: hash(5),
				withdrawn_at: None
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
			Enrollments::<Test>::get(id, ALICE).and_then(|e| e.withdrawn_at),
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
