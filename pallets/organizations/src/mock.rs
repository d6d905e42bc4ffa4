//! A test runtime: System, Balances (for the membership deposits), Timestamp and the pallet.

use crate as pallet_organizations;
use crate::*;

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use sp_runtime::{traits::Convert, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type ExistentialDeposit = ConstU64<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	/// The deposit price, which a test may change to re-price deposits (`new_test_ext` resets
	/// it).
	pub static DepositPerItem: u64 = ITEM_PRICE;
	pub static DepositPerByte: u64 = BYTE_PRICE;
}

/// The usual price: ten per storage item and one per byte.
pub const ITEM_PRICE: u64 = 10;
pub const BYTE_PRICE: u64 = 1;

/// `DepositPerItem` per storage item and `DepositPerByte` per byte.
pub struct DepositOf;
impl Convert<Footprint, u64> for DepositOf {
	fn convert(footprint: Footprint) -> u64 {
		footprint
			.count
			.saturating_mul(DepositPerItem::get())
			.saturating_add(footprint.size.saturating_mul(DepositPerByte::get()))
	}
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
	// Few, so that a test reaches the bound.
	type MaxMembers = ConstU32<3>;
}

pub const REGISTRAR_TIME: u64 = 1_700_000_000_000;
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
	DepositPerItem::set(ITEM_PRICE);
	DepositPerByte::set(BYTE_PRICE);
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
		Timestamp::set_timestamp(REGISTRAR_TIME);
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
