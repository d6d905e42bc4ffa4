//! Conservation under random sequences of calls.

use super::*;

/// Random sequences of calls never break conservation (checked after every step).
#[test]
fn conservation_holds_under_random_sequences_of_calls() {
	let actors = [MANUFACTURER, DISTRIBUTOR, PHARMACY, HOSPITAL];
	for seed in 0..20u64 {
		run(|| {
			commissioned();
			let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
			let mut next = |n: u64| {
				state = state
					.wrapping_mul(6_364_136_223_846_793_005)
					.wrapping_add(1_442_695_040_888_963_407);
				(state >> 33) % n
			};
			for _ in 0..60 {
				let who = actors[next(4) as usize];
				let quantity = next(30) + 1;
				let _ = match next(7) {
					0 => ship(who, actors[next(4) as usize], quantity),
					1 => match NextShipmentId::<Test>::get() {
						0 => Ok(()),
						n => {
							let id = next(n);
							let to = Shipments::<Test>::get(id).map(|s| s.to).unwrap_or(who);
							DrugLots::receive(RuntimeOrigin::signed(to), id)
						},
					},
					2 => match NextShipmentId::<Test>::get() {
						0 => Ok(()),
						n => {
							let id = next(n);
							let to = Shipments::<Test>::get(id).map(|s| s.to).unwrap_or(who);
							DrugLots::reject(RuntimeOrigin::signed(to), id, RejectReason::Other)
						},
					},
					3 => dispense(who, quantity),
					4 => DrugLots::destroy(
						RuntimeOrigin::signed(who),
						GTIN.to_vec(),
						LOT.to_vec(),
						quantity,
						DestroyReason::Damaged,
					),
					5 => match NextShipmentId::<Test>::get() {
						0 => Ok(()),
						n => {
							let id = next(n);
							let from = Shipments::<Test>::get(id).map(|s| s.from).unwrap_or(who);
							DrugLots::cancel_shipment(RuntimeOrigin::signed(from), id)
						},
					},
					_ => DrugLots::recall(
						RuntimeOrigin::signed(MANUFACTURER),
						GTIN.to_vec(),
						LOT.to_vec(),
						[0; 32],
					),
				};
				Pallet::<Test>::do_try_state().unwrap();
			}
		});
	}
}
