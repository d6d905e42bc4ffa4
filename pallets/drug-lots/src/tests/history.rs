//! A lot's custody history: what it keeps, its bound, its pages, and `try_state`'s check.

use super::*;

#[test]
fn a_full_history_never_blocks_a_recall_or_strands_stock() {
	run(|| {
		// Defect 3: once the history held `MaxHistoryPerLot` entries, every call that writes
		// it failed, the recall too, and stock in transit was stuck.
		commissioned();
		for _ in 0..7 {
			assert_ok!(ship(MANUFACTURER, PHARMACY, 1));
			assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		}
		assert_ok!(dispense(PHARMACY, 1));
		// 16 entries: the mock's bound. Stock in transit, then more events.
		assert_ok!(ship(MANUFACTURER, PHARMACY, 5));
		let in_transit = last_shipment();
		assert_ok!(dispense(PHARMACY, 1));
		assert_ok!(DrugLots::recall(
			RuntimeOrigin::signed(REGULATOR),
			GTIN.to_vec(),
			LOT.to_vec(),
			[1; 32]
		));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), in_transit));
		// The latest 16 are kept, in order; the oldest went.
		let page = DrugLots::history(GTIN, LOT, None, 100);
		assert_eq!(page.items.len(), 16);
		let last: Vec<_> = page.items.iter().rev().take(2).map(|e| e.event).collect();
		assert_eq!(last, vec![CustodyEvent::Received, CustodyEvent::Recalled]);
		assert_eq!(page.items.first().map(|e| e.seq), Some(4));
		assert_eq!(page.next, None);
	});
}

#[test]
fn a_lot_history_is_read_in_order_a_page_at_a_time() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, PHARMACY, 1));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		let page = DrugLots::history(GTIN, LOT, None, 2);
		let events: Vec<_> = page.items.iter().map(|e| e.event).collect();
		assert_eq!(events, vec![CustodyEvent::Commissioned, CustodyEvent::Shipped]);
		assert_eq!(page.next, Some(1));
		let rest = DrugLots::history(GTIN, LOT, page.next, 2);
		assert_eq!(rest.items.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![2]);
		assert_eq!(rest.next, None);
	});
}

#[test]
fn the_history_keeps_the_reasons_for_a_rejection_and_a_destruction() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, DISTRIBUTOR, 10));
		assert_ok!(DrugLots::reject(
			RuntimeOrigin::signed(DISTRIBUTOR),
			last_shipment(),
			RejectReason::NotOrdered
		));
		assert_ok!(DrugLots::destroy(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			5,
			DestroyReason::Damaged
		));
		let entries: Vec<_> = DrugLots::history(GTIN, LOT, None, 10)
			.items
			.into_iter()
			.map(|e| (e.event, e.reason, e.from, e.to, e.quantity))
			.collect();
		assert_eq!(
			entries,
			vec![
				(CustodyEvent::Commissioned, None, None, Some(MANUFACTURER), 100),
				(CustodyEvent::Shipped, None, Some(MANUFACTURER), Some(DISTRIBUTOR), 10),
				(
					CustodyEvent::Rejected,
					Some(CustodyReason::Rejected(RejectReason::NotOrdered)),
					Some(DISTRIBUTOR),
					Some(MANUFACTURER),
					10
				),
				(
					CustodyEvent::Destroyed,
					Some(CustodyReason::Destroyed(DestroyReason::Damaged)),
					Some(MANUFACTURER),
					None,
					5
				),
			]
		);
	});
}

#[test]
fn try_state_finds_a_history_entry_without_its_reason() {
	new_test_ext().execute_with(|| {
		commissioned();
		assert_ok!(DrugLots::destroy(
			RuntimeOrigin::signed(MANUFACTURER),
			GTIN.to_vec(),
			LOT.to_vec(),
			5,
			DestroyReason::Expired
		));
		assert_ok!(DrugLots::do_try_state());
		History::<Test>::mutate(key(), 1, |entry| {
			if let Some(entry) = entry {
				entry.reason = Some(CustodyReason::Rejected(RejectReason::Other));
			}
		});
		assert!(DrugLots::do_try_state().is_err());
		History::<Test>::mutate(key(), 1, |entry| {
			if let Some(entry) = entry {
				entry.reason = None;
			}
		});
		assert!(DrugLots::do_try_state().is_err());
	});
}
