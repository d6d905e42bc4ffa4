//! The pallet's tests, one file per concern. Each ends by checking conservation (see `mock::run`).

mod conservation;
mod custody;
mod deposits;
mod errors;
mod history;
mod lots;
mod queries;
mod recall;
mod suspended;

use crate::{mock::*, *};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};
use polkadot_sdk::sp_runtime::DispatchResult;

pub(super) type DrugLots = Pallet<Test>;

pub(super) const GTIN: &[u8] = b"00012345600012";
pub(super) const LOT: &[u8] = b"LOT-A1";
/// The end of 2027-06-30, UTC.
pub(super) const EXPIRY: CalendarDate = CalendarDate { year: 2027, month: 6, day: 30 };

pub(super) fn key() -> LotKey {
	DrugLots::lot_key(GTIN, LOT).unwrap()
}

/// The manufacturer registers the product and commissions 100 units.
pub(super) fn commissioned() {
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

pub(super) fn ship(from: u64, to: u64, quantity: u64) -> DispatchResult {
	DrugLots::ship(RuntimeOrigin::signed(from), GTIN.to_vec(), LOT.to_vec(), to, quantity)
}

pub(super) fn last_shipment() -> ShipmentId {
	NextShipmentId::<Test>::get() - 1
}

pub(super) fn held(who: u64) -> u64 {
	Holdings::<Test>::get(key(), who).unwrap_or(0)
}

pub(super) fn dispense(who: u64, quantity: u64) -> DispatchResult {
	DrugLots::dispense(RuntimeOrigin::signed(who), GTIN.to_vec(), LOT.to_vec(), quantity)
}
