//! Which calls a signed account may make at all, before any pallet's own origin check.
//!
//! `System::remark` and `remark_with_event` take arbitrary bytes, up to a block's length, and
//! store them in the block forever: a way to put plaintext health data on chain that no pallet's
//! typed fields allow. They are refused to every origin but Root (through `sudo`), which the base
//! filter never applies to.
//!
//! The base filter alone refuses them at dispatch, after their bytes are in a block. So the
//! transaction pool also refuses a transaction that carries one, wrapped or not, in
//! [`validate_transaction`], and an honest collator never includes it. (A collator that skips
//! its pool can still include one; it fails at dispatch, but its bytes are in the block. The
//! same holds for any call that fails at dispatch, see the security model.)

use polkadot_sdk::*;

use frame_support::traits::Contains;
use sp_runtime::{
	generic::Preamble,
	traits::Block as BlockT,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidity},
	MultiAddress,
};

use crate::{Block, Executive, Runtime, RuntimeCall};

/// The base call filter: every call but the two remarks.
pub struct BaseCallFilter;

impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::System(
				frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
			)
		)
	}
}

/// Whether the base filter refuses `call` or a call it carries: one wrapped in a batch, a
/// derivative or dispatch-as, a proxy call, `sudo_as` or a council motion, and in `sudo` unless
/// `sudo_key` says the sudo key signed it: the sudo key's `sudo` dispatches as Root, which may
/// remark, and anyone else's fails with the bytes in the block.
pub fn carries_refused_call(call: &RuntimeCall, sudo_key: bool) -> bool {
	let mut pending = alloc::vec![call];
	while let Some(call) = pending.pop() {
		if !BaseCallFilter::contains(call) {
			return true;
		}
		match call {
			RuntimeCall::Utility(
				pallet_utility::Call::batch { calls }
				| pallet_utility::Call::batch_all { calls }
				| pallet_utility::Call::force_batch { calls },
			) => pending.extend(calls.iter()),
			RuntimeCall::Utility(
				pallet_utility::Call::as_derivative { call, .. }
				| pallet_utility::Call::dispatch_as { call, .. }
				| pallet_utility::Call::dispatch_as_fallible { call, .. }
				| pallet_utility::Call::with_weight { call, .. },
			)
			| RuntimeCall::Proxy(
				pallet_proxy::Call::proxy { call, .. }
				| pallet_proxy::Call::proxy_announced { call, .. },
			)
			| RuntimeCall::Sudo(pallet_sudo::Call::sudo_as { call, .. }) => pending.push(call),
			RuntimeCall::Sudo(
				pallet_sudo::Call::sudo { call }
				| pallet_sudo::Call::sudo_unchecked_weight { call, .. },
			) if !sudo_key => pending.push(call),
			RuntimeCall::Utility(pallet_utility::Call::if_else { main, fallback }) => {
				pending.push(main);
				pending.push(fallback);
			},
			RuntimeCall::HealthAuthority(
				pallet_collective::Call::propose { proposal, .. }
				| pallet_collective::Call::execute { proposal, .. },
			) => pending.push(proposal),
			_ => {},
		}
	}
	false
}

/// The runtime's transaction validation: `Executive`'s, after refusing a transaction that
/// carries a call the base filter refuses, and with safety calls ranked first
/// ([`safety`](super::safety)).
pub fn validate_transaction(
	source: TransactionSource,
	tx: <Block as BlockT>::Extrinsic,
	block_hash: <Block as BlockT>::Hash,
) -> TransactionValidity {
	let signer = match &tx.preamble {
		Preamble::Signed(MultiAddress::Id(signer), ..) => Some(signer.clone()),
		_ => None,
	};
	let sudo_key = signer
		.as_ref()
		.is_some_and(|signer| pallet_sudo::Key::<Runtime>::get().as_ref() == Some(signer));
	if carries_refused_call(&tx.function, sudo_key) {
		return Err(InvalidTransaction::Call.into());
	}
	// The call is kept only for the safety check, which runs after Executive's: on the state a
	// block would apply it to, and only for a transaction that is valid.
	let safety = signer
		.filter(|_| super::safety::only_safety_calls(&tx.function))
		.map(|signer| (signer, tx.function.clone()));
	let valid = Executive::validate_transaction(source, tx, block_hash)?;
	Ok(match safety {
		Some((signer, call)) => super::safety::prioritize(valid, &call, signer),
		None => valid,
	})
}
