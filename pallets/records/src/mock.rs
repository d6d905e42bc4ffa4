//! A test runtime: System, Balances (for deposits), Timestamp, the real `Organizations`
//! registry and `Consent` access decision, and the pallet.

use crate as pallet_records;
use crate::*;
pub use healthchain_dev_support::{
	deposit::{reset_prices, DepositOf, DepositPerByte, DepositPerItem},
	time::{DAY, NOW},
};

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::{Actions, CategoryScope};
use healthchain_primitives::{MemberRole, OrganizationKind};
use sp_runtime::{traits::Convert, BuildStorage};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
		Consent: pallet_consent,
		// Not `Records`, which names the pallet's storage of records in this module.
		HealthRecords: pallet_records,
	}
);

healthchain_dev_support::impl_mock_base!(Test);

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	pub const ConsentHold: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
	pub const RecordHold: RuntimeHoldReason =
		RuntimeHoldReason::HealthRecords(pallet_records::HoldReason::StorageDeposit);
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl pallet_organizations::Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
}

#[derive_impl(pallet_consent::config_preludes::TestDefaultConfig)]
impl pallet_consent::Config for Test {
	type Organizations = Organizations;
	type Emergency = HealthRecords;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, ConsentHold, DepositOf>;
}

pub const MAX_RECORDS: u32 = 3;
pub const MAX_VERSIONS: u32 = 3;
pub const MAX_ENVELOPES: u32 = 3;
/// An accessor's quota in a patient's access log.
pub const MAX_LOG: u32 = 3;
/// A day, in milliseconds.
pub const EMERGENCY_DURATION: u64 = DAY;
pub const EMERGENCY_COOLDOWN: u64 = DAY;
pub const REVIEW_PERIOD: u64 = 5 * DAY;
pub const LOG_RETENTION: u64 = 10 * DAY;

pub type RecordConsideration = HoldConsideration<u64, Balances, RecordHold, DepositOf>;

impl Config for Test {
	type Organizations = Organizations;
	type Access = Consent;
	type Time = Timestamp;
	type Consideration = RecordConsideration;
	type EmergencyAccessDuration = ConstU64<EMERGENCY_DURATION>;
	type MaxRecordsPerPatient = ConstU32<MAX_RECORDS>;
	type MaxVersionsPerRecord = ConstU32<MAX_VERSIONS>;
	type MaxEnvelopesPerRecord = ConstU32<MAX_ENVELOPES>;
	type MaxAccessLogEntriesPerAccessor = ConstU32<MAX_LOG>;
	type AccessLogRetention = ConstU64<LOG_RETENTION>;
	type EmergencyAccessCooldown = ConstU64<EMERGENCY_COOLDOWN>;
	type EmergencyReviewPeriod = ConstU64<REVIEW_PERIOD>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const BALANCE: u64 = 100_000;

pub const PATIENT: u64 = 1;
pub const OTHER_PATIENT: u64 = 2;
pub const POOR_PATIENT: u64 = 3;
pub const HOSPITAL: u64 = 10;
pub const LAB: u64 = 11;
pub const REGULATOR: u64 = 12;
pub const CLINICIAN: u64 = 20;
pub const NURSE: u64 = 21;
pub const OTHER_CLINICIAN: u64 = 22;
pub const LAB_CLINICIAN: u64 = 24;
pub const RELATIVE: u64 = 30;
pub const OUTSIDER: u64 = 99;

/// Every account that may hold a deposit in the tests.
pub const ACCOUNTS: [u64; 12] = [
	PATIENT,
	OTHER_PATIENT,
	POOR_PATIENT,
	HOSPITAL,
	LAB,
	REGULATOR,
	CLINICIAN,
	NURSE,
	OTHER_CLINICIAN,
	LAB_CLINICIAN,
	RELATIVE,
	OUTSIDER,
];

/// Funded accounts; a hospital with two clinicians and a nurse; a laboratory whose member is
/// (oddly) a clinician, to show that only hospitals and clinics break the glass; a regulator.
pub fn new_test_ext() -> sp_io::TestExternalities {
	reset_prices();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(u64, u64)> = ACCOUNTS.iter().map(|a| (*a, BALANCE)).collect();
	balances.retain(|(a, _)| *a != POOR_PATIENT);
	balances.push((POOR_PATIENT, 2));
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
			org(
				HOSPITAL,
				OrganizationKind::Hospital,
				vec![
					(CLINICIAN, MemberRole::Clinician),
					(OTHER_CLINICIAN, MemberRole::Clinician),
					(NURSE, MemberRole::Nurse),
				],
			),
			org(LAB, OrganizationKind::Laboratory, vec![(LAB_CLINICIAN, MemberRole::Clinician)]),
			org(REGULATOR, OrganizationKind::Regulator, vec![]),
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

/// Runs `test`, then checks the pallet's invariants and that every account holds exactly the
/// deposits of what it owns.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().unwrap();
		for account in ACCOUNTS {
			assert_eq!(held(account), expected_held(account), "deposits of {account}");
		}
	});
}

/// What `who` should hold under the records hold: a version deposit per version it wrote, a
/// key deposit if it published a key, its shared envelopes' deposits, and a deposit per
/// emergency access it broke the glass for that is still kept.
pub fn expected_held(who: u64) -> u64 {
	let emergencies =
		EmergencyAccesses::<Test>::iter_values().filter(|a| a.accessor == who).count() as u64;
	let versions = Records::<Test>::iter_values().filter(|r| r.author == who).count() as u64;
	let key = u64::from(EncryptionKeys::<Test>::contains_key(who));
	let shared: u64 = Records::<Test>::iter()
		.filter(|(_, r)| r.patient == who)
		.map(|(_, r)| {
			DepositOf::convert(Pallet::<Test>::shared_envelopes_footprint(r.envelopes - 1))
		})
		.sum();
	versions * record_deposit() + key * key_deposit() + shared + emergencies * emergency_deposit()
}

pub fn emergency_deposit() -> u64 {
	DepositOf::convert(Pallet::<Test>::emergency_access_footprint())
}

pub fn record_deposit() -> u64 {
	DepositOf::convert(Pallet::<Test>::record_footprint())
}

pub fn key_deposit() -> u64 {
	DepositOf::convert(Pallet::<Test>::key_footprint())
}

/// The deposit of `n` envelopes shared on one version.
pub fn shared_deposit(n: u32) -> u64 {
	DepositOf::convert(Pallet::<Test>::shared_envelopes_footprint(n))
}

/// What `who` holds for this pallet.
pub fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RecordHold::get(), &who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Sets up the benchmarks' preconditions with the real registry and consent pallets.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64> for MockBenchmarkHelper {
	fn grant_access(
		patient: &u64,
		accessor: &u64,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> DispatchResult {
		use frame_support::traits::fungible::Mutate;
		use healthchain_primitives::OrganizationRegistry;
		Balances::set_balance(patient, BALANCE);
		let organization = accessor + 1_000_000;
		pallet_organizations::Pallet::<Test>::member_for_benchmark(
			&organization,
			OrganizationKind::Hospital,
			accessor,
			MemberRole::Clinician,
		)?;
		pallet_consent::Pallet::<Test>::grant(
			RuntimeOrigin::signed(*patient),
			organization,
			CategoryScope { wildcard: false, categories: vec![category].try_into().unwrap() },
			Actions { read: action == Action::Read, write: action == Action::Write },
			purpose,
			None,
			None,
		)?;
		Ok(())
	}

	fn set_time(now: Moment) {
		Timestamp::set_timestamp(now);
	}
}
