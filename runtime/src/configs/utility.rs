//! Utility and proxy.

use polkadot_sdk::*;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{parameter_types, traits::InstanceFilter};
use scale_info::TypeInfo;

use crate::{deposit, Balance, Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, System};

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// The calls a `Guardian` proxy may make for a patient, as `pallet::call`: the patient's side
/// of consent (grant, revoke), of records (add, amend, retract, erase, share and remove keys,
/// end and flag emergency access) and of trials (enroll, withdraw), re-pricing the deposits
/// these hold (`poke_deposit`), and batches of them.
/// Publishing or removing the patient's encryption key, logging access, breaking the glass and
/// `as_derivative` are not among them. `docs/security.md` lists them too.
pub const GUARDIAN_CALLS: [(&str, &str); 18] = [
	("Consent", "grant"),
	("Consent", "revoke"),
	("Consent", "poke_deposit"),
	("Records", "add_record"),
	("Records", "amend_record"),
	("Records", "retract_record"),
	("Records", "erase_record"),
	("Records", "share_key"),
	("Records", "remove_key"),
	("Records", "end_emergency_access"),
	("Records", "flag_emergency_access"),
	("Records", "poke_deposit"),
	("Trials", "enroll"),
	("Trials", "withdraw"),
	("Trials", "poke_deposit"),
	("Utility", "batch"),
	("Utility", "batch_all"),
	("Utility", "force_batch"),
];

/// Whether a `Guardian` proxy may make `call`: it is one of [`GUARDIAN_CALLS`].
fn is_guardian_call(call: &RuntimeCall) -> bool {
	use frame_support::traits::GetCallMetadata;
	let metadata = call.get_call_metadata();
	GUARDIAN_CALLS.iter().any(|(pallet, function)| {
		metadata.pallet_name == *pallet && metadata.function_name == *function
	})
}

/// What a proxy may do on behalf of the account that appointed it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Anything but moving funds or using the sudo key.
	NonTransfer,
	/// Council business: motions and votes of the `HealthAuthority` council.
	Governance,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
	/// A guardian, such as the parent of a minor: exactly the patient's side of consent,
	/// records and trials, possibly batched ([`GUARDIAN_CALLS`]). Never transfers, never
	/// touches the patient's encryption key, never acts as a provider.
	Guardian,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => {
				!matches!(call, RuntimeCall::Balances(..) | RuntimeCall::Sudo(..))
			},
			ProxyType::Governance => matches!(
				call,
				RuntimeCall::HealthAuthority(..)
					| RuntimeCall::HealthAuthorityMembership(..)
					| RuntimeCall::Utility(..)
			),
			ProxyType::CancelProxy => matches!(
				call,
				RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					| RuntimeCall::Utility(..)
			),
			ProxyType::Guardian => is_guardian_call(call),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

parameter_types! {
	// The proxy list of an account is one storage item.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	// Each proxy: the delegate (32 bytes), its type (1) and its delay (4).
	pub const ProxyDepositFactor: Balance = deposit(0, 37);
	// The announcement list of an account is one storage item.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	// Each announcement: the real account (32 bytes), the call hash (32) and the block (4).
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
	pub const MaxProxies: u32 = 32;
	pub const MaxPending: u32 = 32;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = MaxProxies;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = MaxPending;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
