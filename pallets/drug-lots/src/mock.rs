//! A test runtime: System, Balances (for deposits), Timestamp, the real `Organizations`
//! registry and the pallet.

use crate as pallet_drug_lots;
use crate::*;
pub use healthchain_dev_support::{
	deposit::{reset_prices, DepositOf, DepositPerByte, DepositPerItem},
	time::NOW,
};

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32},
};
use sp_runtime::BuildStorage;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
		// The pallet, apart from its storage names.
		DrugLotsPallet: pallet_drug_lots,
	}
);

healthchain_dev_support::impl_mock_base!(Test);

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	pub const LotsHold: RuntimeHoldReason =
		RuntimeHoldReason::DrugLotsPallet(pallet_drug_lots::HoldReason::StorageDeposit);
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl pallet_organizations::Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
}

impl Config for Test {
	type Organizations = Organizations;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, LotsHold, DepositOf>;
	type MaxNameLength = ConstU32<32>;
	type MaxHoldersPerLot = ConstU32<4>;
	type MaxHistoryPerLot = ConstU32<16>;
	type WeightInfo = ();
}

pub const BALANCE: u64 = 1_000_000;

pub const MANUFACTURER: u64 = 10;
pub const OTHER_MANUFACTURER: u64 = 11;
pub const DISTRIBUTOR: u64 = 20;
pub const PHARMACY: u64 = 30;
pub const HOSPITAL: u64 = 31;
pub const LAB: u64 = 40;
pub const REGULATOR: u64 = 50;
pub const OUTSIDER: u64 = 99;

pub const ACCOUNTS: [u64; 8] =
	[MANUFACTURER, OTHER_MANUFACTURER, DISTRIBUTOR, PHARMACY, HOSPITAL, LAB, REGULATOR, OUTSIDER];

/// Funded accounts and one organization of each kind the supply chain needs.
pub fn new_test_ext() -> sp_io::TestExternalities {
	use OrganizationKind::*;
	// The prices are thread-local: a test that changed them must not leave them to the next
	// test run on its thread.
	reset_prices();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = ACCOUNTS.iter().map(|a| (*a, BALANCE)).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let org = |account, kind| pallet_organizations::GenesisOrganization {
		account,
		kind,
		name: "Org".into(),
		license: "L-1".into(),
		jurisdiction: "GB".into(),
		members: vec![],
	};
	pallet_organizations::GenesisConfig::<Test> {
		organizations: vec![
			org(MANUFACTURER, Manufacturer),
			org(OTHER_MANUFACTURER, Manufacturer),
			org(DISTRIBUTOR, Distributor),
			org(PHARMACY, Pharmacy),
			org(HOSPITAL, Hospital),
			org(LAB, Laboratory),
			org(REGULATOR, Regulator),
		],
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

/// Runs `test`, then checks conservation and the other invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().unwrap();
	});
}
