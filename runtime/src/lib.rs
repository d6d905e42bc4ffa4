//! # Healthchain runtime
//!
//! The parachain runtime of Healthchain. It composes the cumulus parachain machinery (parachain
//! system, Aura with collator selection, XCM), the common FRAME pallets (balances, transaction
//! payment, utility, proxy, sudo) and the `HealthAuthority` council that governs the registry of
//! accredited actors, and Healthchain's own pallets: `Organizations` (the registry of accredited
//! actors), `Consent` (patient consent grants and the access decision) and `Records` (patient
//! records as hashes and locators of encrypted data, wrapped keys, the access log and
//! emergency access).
//!
//! The layout follows the parachain template: `configs/` holds one module per area,
//! `apis.rs` the runtime APIs and `genesis_config_presets.rs` the genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` recurses deeply.
#![recursion_limit = "256"]

// The wasm blob built by `substrate-wasm-builder`.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

/// The same runtime built with `try-runtime`, for the upgrade test; `None` unless the build was
/// asked for it with `HEALTHCHAIN_TRY_RUNTIME_WASM=1` (see build.rs).
#[cfg(feature = "std")]
pub mod try_runtime_wasm {
	include!(concat!(env!("OUT_DIR"), "/healthchain_runtime_try_runtime"));
}

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use frame_support::weights::{
	constants::{ExtrinsicBaseWeight, WEIGHT_REF_TIME_PER_SECOND},
	Weight, WeightToFee as _, WeightToFeeCoefficient, WeightToFeeCoefficients,
	WeightToFeePolynomial,
};
use smallvec::smallvec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};
use sp_version::RuntimeVersion;

pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{MultiAddress, Perbill, Permill};

/// Signatures of extrinsics: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account is identified by the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Index of a transaction of an account.
pub type Nonce = u32;

/// The hash used for blocks and tries.
pub type Hash = sp_core::H256;

/// Block number.
pub type BlockNumber = u32;

/// The address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions, checked in order. `StorageWeightReclaim` wraps the others so that
/// the proof size they did not use is given back to the block.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// Extrinsic as it arrives from outside.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations run at the next runtime upgrade, besides the pallets' own.
type Migrations = ();

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The fee for the base weight of an extrinsic: 0.1 milli-HLTH, the parachain template's figure.
/// A block filled to the normal-class limit with weight costs about 1.39 HLTH, so keeping blocks
/// full for an hour (600 blocks) costs about 832 HLTH before the fee multiplier starts to rise.
pub const BASE_EXTRINSIC_FEE: Balance = MILLI_UNIT / 10;

/// The fee for ref time, linear: [`BASE_EXTRINSIC_FEE`] per `ExtrinsicBaseWeight`.
pub struct RefTimeToFee;
impl WeightToFeePolynomial for RefTimeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		linear(BASE_EXTRINSIC_FEE, Balance::from(ExtrinsicBaseWeight::get().ref_time()))
	}
}

/// The fee for proof size, linear, priced so that a block filled by proof size costs what a block
/// filled by ref time costs: a call that reads much and computes little pays for the relay
/// chain's space it takes.
pub struct ProofSizeToFee;
impl WeightToFeePolynomial for ProofSizeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let full_block =
			RefTimeToFee::weight_to_fee(&Weight::from_parts(MAXIMUM_BLOCK_WEIGHT.ref_time(), 0));
		linear(full_block, Balance::from(MAXIMUM_BLOCK_WEIGHT.proof_size()))
	}
}

/// `fee` per `per` units of a weight dimension, as a degree-1 polynomial.
fn linear(fee: Balance, per: Balance) -> WeightToFeeCoefficients<Balance> {
	let (coeff_integer, coeff_frac) = match (fee.checked_div(per), fee.checked_rem(per)) {
		(Some(integer), Some(rem)) => (integer, Perbill::from_rational(rem, per)),
		// A zero divisor would make that dimension free.
		_ => (0, Perbill::zero()),
	};
	smallvec![WeightToFeeCoefficient { degree: 1, negative: false, coeff_frac, coeff_integer }]
}

/// Maps weight to fee: whichever of its two dimensions costs more, ref time or proof size.
pub struct WeightToFee;
impl frame_support::weights::WeightToFee for WeightToFee {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Self::Balance {
		let ref_time = RefTimeToFee::weight_to_fee(&Weight::from_parts(weight.ref_time(), 0));
		let proof = ProofSizeToFee::weight_to_fee(&Weight::from_parts(weight.proof_size(), 0));
		ref_time.max(proof)
	}
}

/// Types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of a collator.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

#[cfg(not(feature = "increment-spec-version"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("healthchain"),
	impl_name: alloc::borrow::Cow::Borrowed("healthchain"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime one spec version ahead, for the zombienet test's live runtime upgrade
/// (see build.rs). `#[runtime_version]` only takes literals, hence the second constant; keep
/// the two in step.
#[cfg(feature = "increment-spec-version")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("healthchain"),
	impl_name: alloc::borrow::Cow::Borrowed("healthchain"),
	authoring_version: 1,
	spec_version: 2,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The target block time. The slot duration cannot change once the chain has started.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration, in milliseconds.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Time in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// One unit of the native token (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;

/// Token symbol and decimals, as advertised to wallets in the chain spec.
pub const TOKEN_SYMBOL: &str = "HLTH";
pub const TOKEN_DECIMALS: u8 = 12;
/// The generic Substrate SS58 prefix.
pub const SS58_PREFIX: u16 = 42;

/// Minimum balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Storage deposit per storage item: 0.2 HLTH.
pub const DEPOSIT_PER_ITEM: Balance = UNIT / 5;
/// Storage deposit per byte of storage: 1 micro-HLTH.
pub const DEPOSIT_PER_BYTE: Balance = MICRO_UNIT;

/// Storage deposit for `items` storage items taking `bytes` bytes.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance)
		.saturating_mul(DEPOSIT_PER_ITEM)
		.saturating_add((bytes as Balance).saturating_mul(DEPOSIT_PER_BYTE))
}

/// `portion` of `weight`, in both dimensions.
pub fn weight_portion(portion: Perbill, weight: Weight) -> Weight {
	Weight::from_parts(portion.mul_floor(weight.ref_time()), portion.mul_floor(weight.proof_size()))
}

/// About 5% of the block weight goes to `on_initialize` handlers.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Normal extrinsics may fill 75% of a block; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per 6 s block, and the relay chain's PoV limit.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// Async backing parameters.
mod async_backing_params {
	/// Blocks the runtime accepts that are not yet included in the relay chain.
	pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
	/// Parachain blocks processed per relay-chain parent.
	pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
	/// Relay-chain slot duration, in milliseconds.
	pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
}
pub use async_backing_params::*;

/// Checks each block's relay-chain proof against the Aura slot and the velocity above.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Monetary.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(16)]
	pub type HealthAuthority = pallet_collective<Instance1>;
	#[runtime::pallet_index(17)]
	pub type HealthAuthorityMembership = pallet_membership<Instance1>;

	// Collator support. Session must come before Aura and AuraExt so that genesis sets the
	// Aura authorities before AuraExt reads them.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Utilities.
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(41)]
	pub type Proxy = pallet_proxy;

	// Healthchain.
	#[runtime::pallet_index(50)]
	pub type Organizations = pallet_organizations;
	#[runtime::pallet_index(51)]
	pub type Consent = pallet_consent;
	#[runtime::pallet_index(52)]
	pub type Records = pallet_records;
	#[runtime::pallet_index(53)]
	pub type Trials = pallet_trials;
	#[runtime::pallet_index(54)]
	pub type DrugLots = pallet_drug_lots;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
