//! Recalls and suspect reports, and the changes of a lot's status they make.

use super::*;

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
fn the_lot_lifecycle() {
	let mut lot = Lot::<u64, ()> {
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
		deposit: (),
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
