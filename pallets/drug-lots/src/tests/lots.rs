//! Registering products and commissioning lots.

use super::*;

#[test]
fn products_need_a_valid_gtin_and_a_manufacturer() {
	run(|| {
		let register = |who, gtin: &[u8]| {
			DrugLots::register_product(RuntimeOrigin::signed(who), gtin.to_vec(), b"X".to_vec())
		};
		assert_noop!(register(MANUFACTURER, b"00012345600013"), Error::<Test>::InvalidGtin);
		assert_noop!(register(DISTRIBUTOR, GTIN), Error::<Test>::NotManufacturer);
		assert_ok!(register(MANUFACTURER, GTIN));
		assert_noop!(register(OTHER_MANUFACTURER, GTIN), Error::<Test>::AlreadyExists);
	});
}

#[test]
fn commissioning_checks_the_lot_and_credits_the_manufacturer() {
	run(|| {
		commissioned();
		assert_eq!(held(MANUFACTURER), 100);
		let lot = Lots::<Test>::get(key()).unwrap();
		assert_eq!(
			(lot.quantity, lot.status, lot.holders, lot.history),
			(100, LotStatus::Active, 1, 1)
		);
		let commission = |who, lot: &[u8], expiry, quantity| {
			DrugLots::commission_lot(
				RuntimeOrigin::signed(who),
				GTIN.to_vec(),
				lot.to_vec(),
				expiry,
				quantity,
				None,
			)
		};
		assert_noop!(commission(MANUFACTURER, LOT, EXPIRY, 5), Error::<Test>::AlreadyExists);
		assert_noop!(
			commission(OTHER_MANUFACTURER, b"B", EXPIRY, 5),
			Error::<Test>::NotProductManufacturer
		);
		assert_noop!(
			commission(MANUFACTURER, b"LOT 1", EXPIRY, 5),
			Error::<Test>::InvalidLotNumber
		);
		assert_noop!(
			commission(MANUFACTURER, &[b'9'; 21], EXPIRY, 5),
			Error::<Test>::InvalidLotNumber
		);
		assert_noop!(
			commission(MANUFACTURER, b"B", CalendarDate { year: 2027, month: 2, day: 30 }, 5),
			Error::<Test>::InvalidExpiry
		);
		assert_noop!(commission(MANUFACTURER, b"B", EXPIRY, 0), Error::<Test>::ZeroQuantity);
	});
}

#[test]
fn an_expired_lot_is_never_commissioned() {
	run(|| {
		assert_ok!(DrugLots::register_product(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			b"Aspirin 75 mg".to_vec()
		));
		Timestamp::set_timestamp(EXPIRY.end_of_day_ms());
		assert_noop!(
			DrugLots::commission_lot(
				RuntimeOrigin::signed(MANUFACTURER),
				GTIN.to_vec(),
				LOT.to_vec(),
				EXPIRY,
				100,
				None
			),
			Error::<Test>::LotExpired
		);
	});
}
