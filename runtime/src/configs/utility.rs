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
	/// Anything but moving funds.
	NonTransfer,
	/// Council and sudo business.
	Governance,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
	/// A guardian, such as the parent of a minor: only the `Consent` and `Records` calls
	/// (granting, revoking, adding records, sharing keys, ending emergency access on the
	/// patient's behalf) and enrolling in or withdrawing from trials, possibly batched.
	/// Never transfers.
	Guardian,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(call, RuntimeCall::Balances(..)),
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
			ProxyType::Guardian => {
				matches!(
					call,
					RuntimeCall::Consent(..)
						| RuntimeCall::Records(..)
						| RuntimeCall::Trials(
							pallet_trials::Call::enroll { .. }
								| pallet_trials::Call::withdraw { .. }
						) | RuntimeCall::Utility(..)
				)
			},
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
