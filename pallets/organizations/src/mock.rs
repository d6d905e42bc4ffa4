//! A test runtime: System, Balances (for the membership deposits), Timestamp and the pallet.

use crate as pallet_organizations;
use crate::*;
pub use healthchain_dev_support::{
	deposit::{reset_prices, DepositOf, DepositPerByte, DepositPerItem, BYTE_PRICE, ITEM_PRICE},
	time::NOW,
};

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32},
};
use sp_runtime::{traits::Convert, BuildStorage};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
	}
);

healthchain_dev_support::impl_mock_base!(Test);

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
	// Few, so that a test reaches the bound.
	type MaxMembers = ConstU32<3>;
}

pub const HOSPITAL: u64 = 10;
pub const LAB: u64 = 11;
pub const CLINICIAN: u64 = 20;
pub const NURSE: u64 = 21;
pub const POOR_ORG: u64 = 30;
pub const OUTSIDER: u64 = 99;
pub const BALANCE: u64 = 10_000;

/// The deposit one membership holds.
pub fn membership_deposit() -> u64 {
	DepositOf::convert(Pallet::<Test>::membership_footprint())
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	reset_prices();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(HOSPITAL, BALANCE), (LAB, BALANCE), (CLINICIAN, BALANCE), (POOR_ORG, 1)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext: sp_io::TestExternalities = storage.into();
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(NOW);
	});
	ext
}

/// Runs `test` and then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().unwrap();
	});
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
