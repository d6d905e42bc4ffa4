//! Moving stock: shipping, receiving, rejecting and cancelling, dispensing and destroying.

use super::*;

#[test]
fn stock_splits_and_merges_across_holders_and_a_rejection_returns_it() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 60));
		assert_eq!((held(MANUFACTURER), Lots::<Test>::get(key()).unwrap().in_transit), (40, 60));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(DISTRIBUTOR), last_shipment()));
		assert_ok!(ship(DISTRIBUTOR, PHARMACY, 20));
		let to_pharmacy = last_shipment();
		assert_ok!(ship(DISTRIBUTOR, HOSPITAL, 30));
		assert_ok!(DrugLots::reject(
			RuntimeOrigin::signed(HOSPITAL),
			last_shipment(),
			RejectReason::WrongQuantity
		));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), to_pharmacy));
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 10));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(DISTRIBUTOR), last_shipment()));
		assert_eq!(
			(held(MANUFACTURER), held(DISTRIBUTOR), held(PHARMACY), held(HOSPITAL)),
			(30, 50, 20, 0)
		);
		assert_noop!(ship(PHARMACY, HOSPITAL, 21), Error::<Test>::InsufficientStock);
		assert_noop!(ship(PHARMACY, LAB, 1), Error::<Test>::NotTradingPartner);
		assert_noop!(ship(PHARMACY, PHARMACY, 1), Error::<Test>::SelfShipment);
		assert_noop!(
			DrugLots::receive(RuntimeOrigin::signed(HOSPITAL), 77),
			Error::<Test>::UnknownShipment
		);
	});
}

#[test]
fn dispensing_stops_at_the_end_of_the_expiry_date() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, PHARMACY, 10));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		Timestamp::set_timestamp(EXPIRY.end_of_day_ms() - 1);
		assert_ok!(dispense(PHARMACY, 1));
		Timestamp::set_timestamp(EXPIRY.end_of_day_ms());
		assert_noop!(dispense(PHARMACY, 1), Error::<Test>::LotExpired);
		assert_noop!(dispense(DISTRIBUTOR, 1), Error::<Test>::NotDispenser);
		// Expired stock goes nowhere but back to its manufacturer, which may destroy it.
		assert_noop!(ship(PHARMACY, DISTRIBUTOR, 1), Error::<Test>::LotExpired);
		assert_ok!(ship(PHARMACY, MANUFACTURER, 9));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(MANUFACTURER), last_shipment()));
		assert_ok!(DrugLots::destroy(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			99,
			DestroyReason::Expired
		));
	});
}

#[test]
fn only_the_sender_cancels_a_shipment() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, PHARMACY, 40));
		let id = last_shipment();
		assert_noop!(
			DrugLots::cancel_shipment(RuntimeOrigin::signed(PHARMACY), id),
			Error::<Test>::NotSender
		);
		assert_noop!(
			DrugLots::cancel_shipment(RuntimeOrigin::signed(MANUFACTURER), id + 1),
			Error::<Test>::UnknownShipment
		);
		assert_ok!(DrugLots::cancel_shipment(RuntimeOrigin::signed(MANUFACTURER), id));
		assert_eq!(held(MANUFACTURER), 100);
		assert!(DrugLots::pending_shipments(&PHARMACY, None, 10).items.is_empty());
	});
}
