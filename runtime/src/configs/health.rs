//! Healthchain's own pallets: the registry of accredited actors, patient consent and patient
//! records.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64, Footprint},
};
use sp_runtime::traits::Convert;

use crate::{
	configs::RootOrCouncilMajority, deposit, Balance, Balances, Consent, Organizations, Records,
	Runtime, RuntimeHoldReason, Timestamp,
};

/// The storage deposit of a footprint, at the runtime's per-item and per-byte prices.
pub struct StorageDeposit;
impl Convert<Footprint, Balance> for StorageDeposit {
	fn convert(footprint: Footprint) -> Balance {
		deposit(
			u32::try_from(footprint.count).unwrap_or(u32::MAX),
			u32::try_from(footprint.size).unwrap_or(u32::MAX),
		)
	}
}

parameter_types! {
	pub const MembershipHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	pub const ConsentHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
	pub const RecordsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Records(pallet_records::HoldReason::StorageDeposit);
	pub const DrugLotsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::DrugLots(pallet_drug_lots::HoldReason::StorageDeposit);
	pub const TrialsHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Trials(pallet_trials::HoldReason::StorageDeposit);
}

impl pallet_organizations::Config for Runtime {
	// Root, or a majority (more than half) of the HealthAuthority council through a motion.
	type RegistrarOrigin = RootOrCouncilMajority;
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, MembershipHoldReason, StorageDeposit>;
	type MaxNameLength = ConstU32<128>;
	type MaxLicenseLength = ConstU32<64>;
	type MaxMembers = ConstU32<1_000>;
	type WeightInfo = pallet_organizations::weights::SubstrateWeight<Runtime>;
}

impl pallet_consent::Config for Runtime {
	type Organizations = Organizations;
	type Emergency = Records;
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, ConsentHoldReason, StorageDeposit>;
	type MaxConsentsPerPatient = ConstU32<64>;
	type MaxRecentlyEnded = ConstU32<16>;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}

/// A day, in milliseconds: how long a break-glass emergency access lasts.
pub const EMERGENCY_ACCESS_DURATION: u64 = 24 * 60 * 60 * 1000;
/// A day, in milliseconds: after a patient ends an emergency access, how long the same
/// clinician must wait to break the glass to that patient again.
pub const EMERGENCY_ACCESS_COOLDOWN: u64 = 24 * 60 * 60 * 1000;
/// Thirty days, in milliseconds: how long an emergency access is kept after it stopped, for
/// the patient or a regulator to flag it for review.
pub const EMERGENCY_REVIEW_PERIOD: u64 = 30 * 24 * 60 * 60 * 1000;
/// Ninety days, in milliseconds: how long an access-log entry is kept at least. Longer than
/// the review period, so the entries of an access are there whenever it can be flagged.
pub const ACCESS_LOG_RETENTION: u64 = 90 * 24 * 60 * 60 * 1000;

impl pallet_records::Config for Runtime {
	type Organizations = Organizations;
	type Access = Consent;
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, RecordsHoldReason, StorageDeposit>;
	type EmergencyAccessDuration = ConstU64<EMERGENCY_ACCESS_DURATION>;
	type MaxRecordsPerPatient = ConstU32<512>;
	type MaxVersionsPerRecord = ConstU32<16>;
	type MaxEnvelopesPerRecord = ConstU32<16>;
	// A clinician's reads of one patient's records over the retention period: several a day.
	type MaxAccessLogEntriesPerAccessor = ConstU32<256>;
	type AccessLogRetention = ConstU64<ACCESS_LOG_RETENTION>;
	type EmergencyAccessCooldown = ConstU64<EMERGENCY_ACCESS_COOLDOWN>;
	type EmergencyReviewPeriod = ConstU64<EMERGENCY_REVIEW_PERIOD>;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::RecordsBenchmarkHelper;
}

/// A year, in milliseconds: results are due this long after a trial completes (FDAAA 801).
pub const RESULTS_DEADLINE: u64 = 365 * 24 * 60 * 60 * 1000;

impl pallet_trials::Config for Runtime {
	type Organizations = Organizations;
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, TrialsHoldReason, StorageDeposit>;
	type ResultsDeadline = ConstU64<RESULTS_DEADLINE>;
	type MaxRegistryIds = ConstU32<8>;
	type MaxRegistryNameLength = ConstU32<16>;
	type MaxRegistryIdLength = ConstU32<32>;
	type MaxTitleLength = ConstU32<256>;
	type MaxProtocolVersions = ConstU32<32>;
	type MaxInvestigators = ConstU32<128>;
	type MaxSubmissions = ConstU32<100_000>;
	type MaxResultsVersions = ConstU32<16>;
	type WeightInfo = pallet_trials::weights::SubstrateWeight<Runtime>;
}

impl pallet_drug_lots::Config for Runtime {
	type Organizations = Organizations;
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, DrugLotsHoldReason, StorageDeposit>;
	type MaxNameLength = ConstU32<128>;
	type MaxHoldersPerLot = ConstU32<256>;
	type MaxHistoryPerLot = ConstU32<1_024>;
	type WeightInfo = pallet_drug_lots::weights::SubstrateWeight<Runtime>;
}
