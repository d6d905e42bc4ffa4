//! A test runtime: System, Balances (for deposits), Timestamp, the real `Organizations`
//! registry and the pallet.

use crate as pallet_trials;
use crate::*;
pub use healthchain_dev_support::{
	deposit::{reset_prices, DepositOf, DepositPerByte, DepositPerItem, BYTE_PRICE, ITEM_PRICE},
	time::{DAY, NOW, YEAR},
};

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use sp_runtime::{traits::Convert, BuildStorage};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
		// Not `Trials`, which names the pallet's storage of trials in this module.
		ClinicalTrials: pallet_trials,
	}
);

healthchain_dev_support::impl_mock_base!(Test);

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	pub const TrialsHold: RuntimeHoldReason =
		RuntimeHoldReason::ClinicalTrials(pallet_trials::HoldReason::StorageDeposit);
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl pallet_organizations::Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
}

/// Results are due a year after a trial completes.
pub const RESULTS_DEADLINE: u64 = YEAR;
pub const MAX_PROTOCOL_VERSIONS: u32 = 3;
pub const MAX_INVESTIGATORS: u32 = 2;
pub const MAX_SUBMISSIONS: u32 = 4;
pub const MAX_RESULTS_VERSIONS: u32 = 2;
pub const MAX_TITLE: u32 = 32;

impl Config for Test {
	type Organizations = Organizations;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, TrialsHold, DepositOf>;
	type ResultsDeadline = ConstU64<RESULTS_DEADLINE>;
	type MaxRegistryIds = ConstU32<2>;
	type MaxRegistryNameLength = ConstU32<8>;
	type MaxRegistryIdLength = ConstU32<16>;
	type MaxTitleLength = ConstU32<MAX_TITLE>;
	type MaxProtocolVersions = ConstU32<MAX_PROTOCOL_VERSIONS>;
	type MaxInvestigators = ConstU32<MAX_INVESTIGATORS>;
	type MaxSubmissions = ConstU32<MAX_SUBMISSIONS>;
	type MaxResultsVersions = ConstU32<MAX_RESULTS_VERSIONS>;
	type WeightInfo = ();
}

pub const BALANCE: u64 = 1_000_000;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const POOR: u64 = 4;
pub const SPONSOR: u64 = 10;
pub const SPONSOR_INVESTIGATOR: u64 = 11;
pub const SITE: u64 = 20;
pub const SITE_INVESTIGATOR: u64 = 21;
pub const SITE_STAFF: u64 = 22;
pub const HOSPITAL: u64 = 30;
pub const HOSPITAL_INVESTIGATOR: u64 = 31;
pub const LAB: u64 = 40;
pub const LAB_INVESTIGATOR: u64 = 41;
pub const OTHER_SPONSOR: u64 = 50;

/// Every account that may hold a deposit in the tests.
pub const ACCOUNTS: [u64; 14] = [
	ALICE,
	BOB,
	CAROL,
	POOR,
	SPONSOR,
	SPONSOR_INVESTIGATOR,
	SITE,
	SITE_INVESTIGATOR,
	SITE_STAFF,
	HOSPITAL,
	HOSPITAL_INVESTIGATOR,
	LAB,
	LAB_INVESTIGATOR,
	OTHER_SPONSOR,
];

/// Funded accounts; two sponsors (one with its own investigator); a research site with an
/// investigator and staff; a hospital with an investigator; a laboratory with an
/// investigator (not an eligible kind of site).
pub fn new_test_ext() -> sp_io::TestExternalities {
	use healthchain_primitives::MemberRole::*;
	use OrganizationKind::*;
	// The test harness may run several tests on one thread.
	reset_prices();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = ACCOUNTS.iter().map(|a| (*a, if *a == POOR { 2 } else { BALANCE })).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let org = |account, kind, members| pallet_organizations::GenesisOrganization {
		account,
		kind,
		name: "Org".into(),
		license: "L-1".into(),
		jurisdiction: "GB".into(),
		members,
	};
	pallet_organizations::GenesisConfig::<Test> {
		organizations: vec![
			org(SPONSOR, ResearchSponsor, vec![(SPONSOR_INVESTIGATOR, Investigator)]),
			org(SITE, ResearchSite, vec![(SITE_INVESTIGATOR, Investigator), (SITE_STAFF, Staff)]),
			org(HOSPITAL, Hospital, vec![(HOSPITAL_INVESTIGATOR, Investigator)]),
			org(LAB, Laboratory, vec![(LAB_INVESTIGATOR, Investigator)]),
			org(OTHER_SPONSOR, ResearchSponsor, vec![]),
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

/// Runs `test`, then checks the pallet's invariants and every account's deposits.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().unwrap();
		for account in ACCOUNTS {
			assert_eq!(held(account), expected_held(account), "deposits of {account}");
		}
	});
}

/// What `who` should hold: a registration deposit per trial it sponsors (and its results'),
/// an enrollment deposit per enrollment, a submission deposit per submission.
pub fn expected_held(who: u64) -> u64 {
	let deposit = |footprint| DepositOf::convert(footprint);
	let mut total = 0;
	for (trial_id, trial) in Trials::<Test>::iter() {
		if trial.sponsor == who {
			total += deposit(Pallet::<Test>::trial_footprint());
			if let Some(results) = Results::<Test>::get(trial_id) {
				total += deposit(Pallet::<Test>::results_footprint(results.versions.len() as u32));
			}
		}
		if Enrollments::<Test>::contains_key(trial_id, who) {
			total += deposit(Pallet::<Test>::enrollment_footprint());
		}
		let submitted = Submissions::<Test>::iter_prefix_values(trial_id)
			.filter(|s| s.investigator == who)
			.count() as u64;
		total += submitted * deposit(Pallet::<Test>::submission_footprint());
	}
	total
}

pub fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&TrialsHold::get(), &who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
