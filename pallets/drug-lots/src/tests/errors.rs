//! The error paths the other files do not reach.

use super::*;

#[test]
fn every_remaining_error_path() {
	run(|| {
		let register = |name: Vec<u8>| {
			DrugLots::register_product(RuntimeOrigin::signed(MANUFACTURER), GTIN.to_vec(), name)
		};
		assert_noop!(register(vec![]), Error::<Test>::EmptyName);
		assert_noop!(register(vec![b'n'; 33]), Error::<Test>::NameTooLong);
		assert_noop!(
			DrugLots::commission_lot(
				RuntimeOrigin::signed(MANUFACTURER),
				GTIN.to_vec(),
				LOT.to_vec(),
				EXPIRY,
				1,
				None
			),
			Error::<Test>::UnknownProduct
		);
		assert_noop!(ship(MANUFACTURER, PHARMACY, 1), Error::<Test>::UnknownLot);
		commissioned();
		assert_noop!(ship(MANUFACTURER, PHARMACY, 0), Error::<Test>::ZeroQuantity);
		assert_ok!(ship(MANUFACTURER, PHARMACY, 1));
		assert_noop!(
			DrugLots::receive(RuntimeOrigin::signed(HOSPITAL), last_shipment()),
			Error::<Test>::NotRecipient
		);
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		assert_ok!(ship(MANUFACTURER, HOSPITAL, 1));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(HOSPITAL), last_shipment()));
		// Four holders and shipments in transit is the mock's limit: the shipment keeps the
		// fourth place, so its receipt cannot fail, and no further shipment leaves.
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 1));
		assert_noop!(ship(MANUFACTURER, DISTRIBUTOR, 1), Error::<Test>::TooManyHolders);
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(DISTRIBUTOR), last_shipment()));
		let lot = || (GTIN.to_vec(), LOT.to_vec());
		assert_noop!(
			DrugLots::resolve_suspect(
				RuntimeOrigin::signed(REGULATOR),
				lot().0,
				lot().1,
				SuspectOutcome::Cleared
			),
			Error::<Test>::NotSuspect
		);
		assert_ok!(DrugLots::report_suspect(
			RuntimeOrigin::signed(PHARMACY),
			lot().0,
			lot().1,
			[2; 32]
		));
		assert_noop!(
			DrugLots::report_suspect(RuntimeOrigin::signed(HOSPITAL), lot().0, lot().1, [2; 32]),
			Error::<Test>::AlreadySuspect
		);
		// Recalled while suspect: clearing the report leaves it recalled.
		assert_ok!(DrugLots::recall(
			RuntimeOrigin::signed(MANUFACTURER),
			lot().0,
			lot().1,
			[3; 32]
		));
		assert_ok!(DrugLots::resolve_suspect(
			RuntimeOrigin::signed(REGULATOR),
			lot().0,
			lot().1,
			SuspectOutcome::Cleared
		));
		assert_eq!(Lots::<Test>::get(key()).unwrap().status, LotStatus::Recalled);
		assert_noop!(
			DrugLots::recall(RuntimeOrigin::signed(REGULATOR), lot().0, lot().1, [3; 32]),
			Error::<Test>::AlreadyRecalled
		);
		assert_noop!(
			DrugLots::destroy(
				RuntimeOrigin::signed(PHARMACY),
				lot().0,
				lot().1,
				2,
				DestroyReason::Recalled
			),
			Error::<Test>::InsufficientStock
		);
		NextShipmentId::<Test>::put(ShipmentId::MAX);
		assert_noop!(ship(PHARMACY, MANUFACTURER, 1), Error::<Test>::ShipmentIdOverflow);
	});
}
