//! Which calls a signed account may make at all, before any pallet's own origin check.
//!
//! `System::remark` and `remark_with_event` take arbitrary bytes, up to a block's length, and
//! store them in the block forever: a way to put plaintext health data on chain that no pallet's
//! typed fields allow. They are refused to every origin but Root (through `sudo`), which the base
//! filter never applies to.
//!
//! The base filter alone refuses them at dispatch, after their bytes are in a block. So the
//! transaction pool also refuses a transaction that carries one, wrapped or not, in
//! [`validate_transaction`]: an honest collator never includes it, and a dishonest one that does
//! gains nothing but a failed call.

use alloc::vec::Vec;

use polkadot_sdk::*;

use frame_support::traits::Contains;
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidity},
};

use crate::{Block, Executive, RuntimeCall};

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

/// The calls that `call` dispatches with a signed or derived origin when it runs: itself, and
/// those wrapped in a batch, a derivative or dispatch-as, a proxy call, `sudo_as` or a council
/// motion. The calls `sudo` dispatches run as Root and are not included.
fn dispatched_calls(call: &RuntimeCall) -> Vec<&RuntimeCall> {
	let mut found = Vec::new();
	let mut pending = alloc::vec![call];
	while let Some(call) = pending.pop() {
		found.push(call);
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
	found
}

/// Whether the base filter refuses `call` or any call it would dispatch.
pub fn carries_refused_call(call: &RuntimeCall) -> bool {
	dispatched_calls(call).into_iter().any(|call| !BaseCallFilter::contains(call))
}

/// The runtime's transaction validation: `Executive`'s, after refusing a transaction that
/// carries a call the base filter refuses.
pub fn validate_transaction(
	source: TransactionSource,
	tx: <Block as BlockT>::Extrinsic,
	block_hash: <Block as BlockT>::Hash,
) -> TransactionValidity {
	if carries_refused_call(&tx.function) {
		return Err(InvalidTransaction::Call.into());
	}
	Executive::validate_transaction(source, tx, block_hash)
}
