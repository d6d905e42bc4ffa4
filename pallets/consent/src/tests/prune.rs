use super::*;

use polkadot_sdk::{frame_support::traits::Hooks, pallet_balances, sp_runtime::Weight};

fn idle(weight: Weight) -> Weight {
	<ConsentPallet as Hooks<u64>>::on_idle(1, weight)
}

#[test]
fn expired_grants_are_pruned_and_their_deposits_returned() {
	run(|| {
		let expiring =
			grant(PATIENT, RELATIVE, wildcard(), READ, Purpose::Treatment, None, Some(NOW + 50));
		let open = grant_lab_read(PATIENT, HOSPITAL);
		let later = grant(
			OTHER_PATIENT,
			HOSPITAL,
			wildcard(),
			READ,
			Purpose::Treatment,
			None,
			Some(NOW + 51),
		);

		// Nothing is due yet.
		idle(Weight::MAX);
		assert_eq!(Consents::<Test>::iter_keys().count(), 3);

		Timestamp::set_timestamp(NOW + 50);
		System::reset_events();
		idle(Weight::MAX);
		assert!(!Consents::<Test>::contains_key(expiring));
		assert!(Consents::<Test>::contains_key(open));
		assert!(Consents::<Test>::contains_key(later));
		assert_eq!(
			System::events().into_iter().map(|r| r.event).collect::<Vec<_>>(),
			vec![
				pallet_balances::Event::Released {
					reason: ConsentHold::get(),
					who: PATIENT,
					amount: consent_deposit()
				}
				.into(),
				Event::ConsentExpired { consent_id: expiring, patient: PATIENT, grantee: RELATIVE }
					.into()
			]
		);
		assert_eq!(held(PATIENT), consent_deposit());
		// Pruned, it is still reported as expired rather than never given.
		assert_eq!(read_lab(RELATIVE), denied(DenialReason::Expired));
		assert_eq!(
			RecentlyEnded::<Test>::get(PATIENT).into_inner(),
			vec![EndedConsent {
				consent_id: expiring,
				grantee: RELATIVE,
				reason: EndReason::Expired
			}]
		);

		Timestamp::set_timestamp(NOW + 51);
		idle(Weight::MAX);
		assert!(!Consents::<Test>::contains_key(later));
		assert_eq!(held(OTHER_PATIENT), 0);
	});
}

#[test]
fn pruning_stays_within_the_weight_it_is_given() {
	run(|| {
		for patient in [PATIENT, OTHER_PATIENT] {
			for _ in 0..MAX_CONSENTS {
				grant(patient, RELATIVE, wildcard(), READ, Purpose::Treatment, None, Some(NOW + 1));
			}
		}
		Timestamp::set_timestamp(NOW + 1);
		let one = <() as WeightInfo>::prune_expired(1);
		let three = <() as WeightInfo>::prune_expired(3);

		// Too little for even one grant: nothing happens and nothing is charged.
		assert_eq!(idle(one - Weight::from_parts(1, 0)), Weight::zero());
		assert_eq!(Consents::<Test>::iter_keys().count(), 8);

		// Room for three grants: three are examined, and pruned.
		assert_eq!(idle(three), three);
		assert_eq!(Consents::<Test>::iter_keys().count(), 5);

		// The sweep goes on where it stopped, and wraps around.
		idle(Weight::MAX);
		assert_eq!(Consents::<Test>::iter_keys().count(), 0);
		assert_eq!(held(PATIENT), 0);
		assert_eq!(held(OTHER_PATIENT), 0);
	});
}

#[test]
fn the_sweep_visits_every_grant_across_blocks() {
	run(|| {
		let ids: Vec<_> = (0..MAX_CONSENTS)
			.map(|_| {
				grant(PATIENT, RELATIVE, wildcard(), READ, Purpose::Treatment, None, Some(NOW + 10))
			})
			.collect();
		let two = <() as WeightInfo>::prune_expired(2);
		// A sweep over grants that are not due moves the cursor on.
		assert_eq!(idle(two), two);
		assert!(PruneCursor::<Test>::get().is_some());
		Timestamp::set_timestamp(NOW + 10);
		for _ in 0..4 {
			idle(two);
		}
		for id in ids {
			assert!(!Consents::<Test>::contains_key(id));
		}
	});
}
