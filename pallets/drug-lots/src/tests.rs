//! The pallet's tests. Each ends by checking conservation (see `mock::run`).

use crate::{mock::*, *};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

type DrugLots = Pallet<Test>;

const GTIN: &[u8] = b"00012345600012";
const LOT: &[u8] = b"LOT-A1";
/// The end of 2027-06-30, UTC.
const EXPIRY: CalendarDate = CalendarDate { year: 2027, month: 6, day: 30 };

fn key() -> LotKey {
	DrugLots::lot_key(GTIN, LOT).unwrap()
}

/// The manufacturer registers the product and commissions 100 units.
fn commissioned() {
	assert_ok!(DrugLots::register_product(
		RuntimeOrigin::signed(MANUFACTURER),
		GTIN.to_vec(),
		b"Aspirin 75 mg".to_vec()
	));
	assert_ok!(DrugLots::commission_lot(
		RuntimeOrigin::signed(MANUFACTURER),
		GTIN.to_vec(),
		LOT.to_vec(),
		EXPIRY,
		100,
		None
	));
}

fn ship(from: u64, to: u64, quantity: u64) -> DispatchResult {
	DrugLots::ship(RuntimeOrigin::signed(from), GTIN.to_vec(), LOT.to_vec(), to, quantity)
}

fn last_shipment() -> ShipmentId {
	NextShipmentId::<Test>::get() - 1
}

fn held(who: u64) -> u64 {
	Holdings::<Test>::get(key(), who).unwrap_or(0)
}

fn dispense(who: u64, quantity: u64) -> DispatchResult {
	DrugLots::dispense(RuntimeOrigin::signed(who), GTIN.to_vec(), LOT.to_vec(), quantity)
}

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
fn a_recall_in_transit_allows_only_a_return_to_the_manufacturer() {
	run(|| {
		commissioned();
		assert_ok!(ship(MANUFACTURER, PHARMACY, 30));
		let in_transit = last_shipment();
		assert_ok!(DrugLots::recall(
			RuntimeOrigin::signed(REGULATOR),
			GTIN.to_vec(),
			LOT.to_vec(),
			[1; 32]
		));
		assert_eq!(Lots::<Test>::get(key()).unwrap().status, LotStatus::Recalled);
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), in_transit));
		assert_noop!(dispense(PHARMACY, 1), Error::<Test>::LotNotDispensable);
		assert_noop!(ship(PHARMACY, HOSPITAL, 1), Error::<Test>::LotNotShippable);
		assert_ok!(ship(PHARMACY, MANUFACTURER, 30));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(MANUFACTURER), last_shipment()));
		assert_eq!(held(MANUFACTURER), 100);
		assert_noop!(
			DrugLots::recall(RuntimeOrigin::signed(PHARMACY), GTIN.to_vec(), LOT.to_vec(), [1; 32]),
			Error::<Test>::NotManufacturerOrRegulator
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

#[test]
fn suspect_reports_are_resolved_by_a_regulator() {
	run(|| {
		commissioned();
		let lot = || (GTIN.to_vec(), LOT.to_vec());
		let report =
			|who| DrugLots::report_suspect(RuntimeOrigin::signed(who), lot().0, lot().1, [2; 32]);
		let resolve = |who, outcome| {
			DrugLots::resolve_suspect(RuntimeOrigin::signed(who), lot().0, lot().1, outcome)
		};
		assert_noop!(report(OUTSIDER), Error::<Test>::NotTradingPartner);
		// Defect 11: any trading partner could freeze any lot, with no custody of it.
		assert_noop!(report(PHARMACY), Error::<Test>::NoCustody);
		assert_ok!(ship(MANUFACTURER, PHARMACY, 10));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(PHARMACY), last_shipment()));
		assert_ok!(report(PHARMACY));
		assert_noop!(ship(MANUFACTURER, PHARMACY, 1), Error::<Test>::LotNotShippable);
		assert_noop!(resolve(PHARMACY, SuspectOutcome::Cleared), Error::<Test>::NotRegulator);
		assert_ok!(resolve(REGULATOR, SuspectOutcome::Cleared));
		assert_eq!(Lots::<Test>::get(key()).unwrap().status, LotStatus::Active);
		// A reporter whose report was cleared may not report the lot again; others may.
		assert_noop!(report(PHARMACY), Error::<Test>::AlreadyReported);
		assert_ok!(report(REGULATOR));
		assert_ok!(resolve(REGULATOR, SuspectOutcome::Illegitimate));
		assert_eq!(Lots::<Test>::get(key()).unwrap().status, LotStatus::Illegitimate);
		assert_ok!(ship(PHARMACY, MANUFACTURER, 10));
		assert_ok!(DrugLots::receive(RuntimeOrigin::signed(MANUFACTURER), last_shipment()));
		assert_ok!(DrugLots::destroy(
			RuntimeOrigin::signed(MANUFACTURER),
			lot().0,
			lot().1,
			100,
			DestroyReason::Illegitimate
		));
	});
}

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
fn the_lot_lifecycle() {
	let mut lot = Lot::<u64> {
		manufacturer: 1,
		expiry: CalendarDate { year: 2030, month: 1, day: 1 },
		quantity: 10,
		serials_root: None,
		status: LotStatus::Active,
		status_before_suspect: None,
		commissioned_at: 0,
		in_transit: 0,
		dispensed: 0,
		destroyed: 0,
		holders: 1,
		shipments: 0,
		history: 0,
		reporter: None,
	};
	assert_eq!(lot.change(LotChange::Clear), Err(LotChangeRefused::NotSuspect));
	assert_eq!(lot.change(LotChange::ReportSuspect), Ok(()));
	assert_eq!(lot.change(LotChange::ReportSuspect), Err(LotChangeRefused::AlreadySuspect));
	// Recalled under a report: still suspect, and recalled once cleared.
	assert_eq!(lot.change(LotChange::Recall), Ok(()));
	assert_eq!((lot.status, lot.recalled()), (LotStatus::Suspect, true));
	assert_eq!(lot.change(LotChange::Recall), Err(LotChangeRefused::AlreadyRecalled));
	assert_eq!(lot.change(LotChange::Clear), Ok(()));
	assert_eq!(lot.status, LotStatus::Recalled);
	// A recalled lot can still be reported, and found illegitimate, which is final.
	assert_eq!(lot.change(LotChange::ReportSuspect), Ok(()));
	assert_eq!(lot.change(LotChange::FindIllegitimate), Ok(()));
	assert_eq!(lot.status, LotStatus::Illegitimate);
	assert_eq!(lot.change(LotChange::Recall), Err(LotChangeRefused::AlreadyRecalled));
	assert_eq!(lot.change(LotChange::ReportSuspect), Err(LotChangeRefused::AlreadySuspect));
	assert_eq!(lot.change(LotChange::Clear), Err(LotChangeRefused::NotSuspect));
}
