//! What a suspended or deregistered organization may still do with its stock.

use super::*;

#[test]
fn a_suspended_trading_partner_may_only_hand_stock_back() {
	use pallet_organizations::SuspensionReason;
	run(|| {
		// Defect 2: a distributor whose licence was revoked kept moving stock.
		commissioned();
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 50));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(DISTRIBUTOR), last_shipment()));
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 10));
		let pending = last_shipment();
		assert_ok!(ship(DISTRIBUTOR, PHARMACY, 5));
		let outgoing = last_shipment();
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			DISTRIBUTOR,
			SuspensionReason::LicenseRevoked
		));
		assert_noop!(ship(DISTRIBUTOR, PHARMACY, 1), Error::<Test>::OrganizationSuspended);
		assert_noop!(
			DrugLots::receive(RuntimeOrigin::signed(DISTRIBUTOR), pending),
			Error::<Test>::OrganizationSuspended
		);
		assert_noop!(
			DrugLots::destroy(
				RuntimeOrigin::signed(DISTRIBUTOR),
				GTIN.to_vec(),
				LOT.to_vec(),
				1,
				DestroyReason::Damaged
			),
			Error::<Test>::OrganizationSuspended
		);
		// Nobody ships to it either.
		assert_noop!(ship(MANUFACTURER, DISTRIBUTOR, 1), Error::<Test>::NotTradingPartner);
		// It may hand everything back: reject what comes, cancel what it sent, return stock.
		assert_ok!(DrugLots::reject(
			RuntimeOrigin::signed(DISTRIBUTOR),
			pending,
			RejectReason::Other
		));
		assert_ok!(DrugLots::cancel_shipment(RuntimeOrigin::signed(DISTRIBUTOR), outgoing));
		System::assert_last_event(RuntimeEvent::DrugLotsPallet(Event::ShipmentCancelled {
			shipment_id: outgoing,
			lot: key(),
			by: DISTRIBUTOR,
			quantity: 5,
		}));
		assert_ok!(ship(DISTRIBUTOR, MANUFACTURER, 50));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(MANUFACTURER), last_shipment()));
		assert_eq!(held(DISTRIBUTOR), 0);
		assert_eq!(held(MANUFACTURER), 100);
		// Deregistered, the same.
		assert_ok!(pallet_organizations::Pallet::<Test>::deregister(
			RuntimeOrigin::root(),
			DISTRIBUTOR
		));
		assert_noop!(
			DrugLots::report_suspect(
				RuntimeOrigin::signed(DISTRIBUTOR),
				GTIN.to_vec(),
				LOT.to_vec(),
				[1; 32]
			),
			Error::<Test>::OrganizationDeregistered
		);
	});
}

#[test]
fn a_suspended_manufacturer_can_still_recall_and_take_its_stock_back() {
	use pallet_organizations::SuspensionReason;
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, PHARMACY, 40));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			MANUFACTURER,
			SuspensionReason::UnderInvestigation
		));
		assert_noop!(
			DrugLots::commission_lot(
				RuntimeOrigin::signed(MANUFACTURER),
				GTIN.to_vec(),
				b"LOT-B".to_vec(),
				EXPIRY,
				1,
				None
			),
			Error::<Test>::OrganizationSuspended
		);
		assert_ok!(DrugLots::recall(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			[1; 32]
		));
		assert_ok!(ship(PHARMACY, MANUFACTURER, 40));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(MANUFACTURER), last_shipment()));
		assert_ok!(DrugLots::destroy(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			100,
			DestroyReason::Recalled
		));
	});
}
