//! Block authoring: authorship, collator selection, session, Aura and Aura-ext.

use polkadot_sdk::{staging_xcm as xcm, *};

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_xcm::{EnsureXcm, IsVoiceOfBody};
use xcm::latest::BodyId;

use super::xcm_config::RelayLocation;
use crate::{
	deposit, AccountId, Aura, AuraId, Balance, Balances, CollatorSelection, Runtime, RuntimeEvent,
	Session, SessionKeys, HOURS, SLOT_DURATION,
};

parameter_types! {
	/// Sessions rotate every six hours.
	pub const Period: u32 = 6 * HOURS;
	pub const Offset: u32 = 0;
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// The relay chain's staking-admin body may manage collators too.
	pub const StakingAdminBodyId: BodyId = BodyId::Defense;
	/// What setting session keys holds until they are purged: their `NextKeys` entry and the
	/// `KeyOwner` entry of the one Aura key, priced as every other storage item. Without it any
	/// account could store keys for free.
	pub const SessionKeyDeposit: Balance = deposit(2, 2 * (32 + 32));
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

/// Root, or the relay chain's staking admin, manages the collator set.
pub type CollatorSelectionUpdateOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureXcm<IsVoiceOfBody<RelayLocation, StakingAdminBodyId>>,
>;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = CollatorSelectionUpdateOrigin;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	// A multiple of the session length, so kicks line up with session changes.
	type KickThreshold = Period;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	// Collators have no stash/controller split.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100>;
	// Async backing may author more than one block per slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}
