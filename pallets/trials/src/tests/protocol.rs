//! Protocol amendments: appended, never replaced.

use super::*;

#[test]
fn amendments_append_to_the_history() {
	run(|| {
		let id = recruiting();
		assert_ok!(enroll(ALICE, id));
		set_time(NOW + 10);
		assert_ok!(TrialsPallet::amend_protocol(
			RuntimeOrigin::signed(SPONSOR),
			id,
			hash(3),
			hash(4)
		));
		assert_eq!(
			last_event(),
			event(Event::ProtocolAmended {
				trial_id: id,
				version: 2,
				protocol_hash: hash(3),
				reason_hash: hash(4)
			})
		);
		let t = trial(id);
		assert_eq!((t.protocol_hash, t.protocol_version, t.registered_at), (hash(3), 2, NOW));
		// The amendment after enrollment is in the history with the original.
		assert_eq!(
			TrialsPallet::protocol_history(id),
			vec![
				ProtocolVersion { version: 1, protocol_hash: hash(1), at: NOW, reason_hash: None },
				ProtocolVersion {
					version: 2,
					protocol_hash: hash(3),
					at: NOW + 10,
					reason_hash: Some(hash(4))
				},
			]
		);
	});
}

#[test]
fn amending_errors() {
	run(|| {
		let id = register();
		let amend = |who, id| {
			TrialsPallet::amend_protocol(RuntimeOrigin::signed(who), id, hash(3), hash(4))
		};
		assert_noop!(amend(SPONSOR, 9), Error::<Test>::NotFound);
		assert_noop!(amend(OTHER_SPONSOR, id), Error::<Test>::NotTrialSponsor);
		assert_ok!(amend(SPONSOR, id));
		assert_ok!(amend(SPONSOR, id));
		assert_eq!(trial(id).protocol_version, MAX_PROTOCOL_VERSIONS);
		assert_noop!(amend(SPONSOR, id), Error::<Test>::TooManyProtocolVersions);
		let done = trial_in(TrialStatus::Completed);
		assert_noop!(amend(SPONSOR, done), Error::<Test>::TrialFinal);
	});
}
