//! Governance: sudo and the `HealthAuthority` council with its membership.
//!
//! The council is the body of health authorities that accredits actors. Its members are managed
//! by `HealthAuthorityMembership`, which keeps the collective's member list in sync.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::EitherOfDiverse};
use frame_system::EnsureRoot;

use crate::{
	configs::RuntimeBlockWeights, weight_portion, AccountId, BlockNumber, HealthAuthority, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS,
};

/// The pallet instance of the `HealthAuthority` council and of its membership.
pub type HealthAuthorityInstance = pallet_collective::Instance1;

parameter_types! {
	/// A council motion stays open this long.
	pub const MotionDuration: BlockNumber = 3 * DAYS;
	pub const MaxProposals: u32 = 100;
	pub const HealthAuthorityMaxMembers: u32 = 100;
	pub MaxProposalWeight: frame_support::weights::Weight =
		weight_portion(sp_runtime::Perbill::from_percent(50), RuntimeBlockWeights::get().max_block);
}

/// A majority of the `HealthAuthority` council, through a motion: more than half of its
/// members, so two of four or one of two is not enough.
pub type CouncilMajority =
	pallet_collective::EnsureProportionMoreThan<AccountId, HealthAuthorityInstance, 1, 2>;

/// Root, or a majority of the council: the registrar of organizations.
pub type RootOrCouncilMajority = EitherOfDiverse<EnsureRoot<AccountId>, CouncilMajority>;

/// At least two thirds of the council, through a motion: who may change the council itself,
/// so that a bare majority cannot grow into a larger one.
pub type CouncilSupermajority =
	pallet_collective::EnsureProportionAtLeast<AccountId, HealthAuthorityInstance, 2, 3>;

/// Root, or two thirds of the council.
pub type RootOrCouncilSupermajority = EitherOfDiverse<EnsureRoot<AccountId>, CouncilSupermajority>;

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_collective::Config<HealthAuthorityInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = MaxProposals;
	type MaxMembers = HealthAuthorityMaxMembers;
	// A member who did not vote counts as voting with the prime only when the prime is with a
	// majority of the votes cast; a minority with the prime never passes a motion.
	type DefaultVote = pallet_collective::MoreThanMajorityThenPrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Members come from `HealthAuthorityMembership`, never set directly.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Council members are accountable office holders: motions need no deposit.
	type Consideration = ();
}

impl pallet_membership::Config<HealthAuthorityInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootOrCouncilSupermajority;
	type RemoveOrigin = RootOrCouncilSupermajority;
	type SwapOrigin = RootOrCouncilSupermajority;
	type ResetOrigin = RootOrCouncilSupermajority;
	type PrimeOrigin = RootOrCouncilSupermajority;
	type MembershipInitialized = HealthAuthority;
	type MembershipChanged = HealthAuthority;
	type MaxMembers = HealthAuthorityMaxMembers;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}
