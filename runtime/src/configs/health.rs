//! Healthchain's own pallets: the registry of accredited actors and patient consent.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, Footprint},
};
use sp_runtime::traits::Convert;

use crate::{
	configs::RootOrCouncilMajority, deposit, Balance, Balances, Organizations, Runtime,
	RuntimeHoldReason, Timestamp,
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
}

impl pallet_organizations::Config for Runtime {
	// Root, or at least half of the HealthAuthority council through a motion.
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
	type Time = Timestamp;
	type Consideration =
		HoldConsideration<crate::AccountId, Balances, ConsentHoldReason, StorageDeposit>;
	type MaxConsentsPerPatient = ConstU32<64>;
	type MaxRecentlyEnded = ConstU32<16>;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}
