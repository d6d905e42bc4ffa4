//! Verification and the paged reads behind the runtime API.

use super::*;

#[test]
fn pending_shipments_and_holdings_come_a_page_at_a_time() {
	run(|| {
		commissioned();
		for _ in 0..3 {
			assert_ok!(ship(MANUFACTURER, PHARMACY, 1));
		}
		let first = DrugLots::pending_shipments(&PHARMACY, None, 2);
		let rest = DrugLots::pending_shipments(&PHARMACY, first.next, 2);
		assert_eq!((first.items.len(), rest.items.len(), rest.next), (2, 1, None));
		let mut ids: Vec<_> = first.items.iter().chain(&rest.items).map(|s| s.id).collect();
		ids.sort();
		ids.dedup();
		assert_eq!(ids.len(), 3, "each shipment once");
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), ids[0]));

		let first = DrugLots::holdings(GTIN, LOT, None, 1);
		let rest = DrugLots::holdings(GTIN, LOT, first.next, 1);
		assert_eq!(rest.next, None);
		let mut holders: Vec<_> =
			first.items.iter().chain(&rest.items).map(|h| (h.holder, h.quantity)).collect();
		holders.sort();
		assert_eq!(holders, vec![(MANUFACTURER, 97), (PHARMACY, 1)]);
	});
}

#[test]
fn verification_reports_status_expiry_and_serials() {
	use healthchain_primitives::serials;
	run(|| {
		assert!(!DrugLots::verify(GTIN, LOT, None, vec![]).known);
		assert_ok!(DrugLots::register_product(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			b"X".to_vec()
		));
		let (a, b, c) = (serials::leaf(b"SN1"), serials::leaf(b"SN2"), serials::leaf(b"SN3"));
		let ab = serials::node(&a, &b);
		let root = serials::node(&ab, &c);
		assert_ok!(DrugLots::commission_lot(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			EXPIRY,
			3,
			Some(root)
		));
		let v = DrugLots::verify(GTIN, LOT, Some(b"SN2".to_vec()), vec![a, c]);
		assert_eq!(
			(v.known, v.status, v.expired, v.manufacturer, v.serial_valid),
			(true, Some(LotStatus::Active), Some(false), Some(MANUFACTURER), Some(true))
		);
		// A bad proof, and a serial from another lot.
		assert_eq!(
			DrugLots::verify(GTIN, LOT, Some(b"SN2".to_vec()), vec![c, a]).serial_valid,
			Some(false)
		);
		assert_eq!(
			DrugLots::verify(GTIN, LOT, Some(b"OTHER-9".to_vec()), vec![a, c]).serial_valid,
			Some(false)
		);
		assert_eq!(DrugLots::verify(GTIN, LOT, None, vec![]).serial_valid, None);
		let history = DrugLots::history(GTIN, LOT, None, 10);
		assert_eq!(history.items.len(), 1);
		let lot = DrugLots::lot(GTIN, LOT).unwrap();
		assert_eq!((lot.held, lot.quantity, lot.status), (3, 3, LotStatus::Active));
		assert_eq!(DrugLots::holdings(GTIN, LOT, None, 10).items.len(), 1);
		assert_eq!(DrugLots::lots_by_manufacturer(&MANUFACTURER, None, 10).items.len(), 1);
	});
}
