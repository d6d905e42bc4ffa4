//! Safety calls: the calls that stop harm, which a flood must not delay.
//!
//! The pool ranks a transaction by its tip times how many like it fit in a block, so without a
//! tip a light call outranks a heavy one: a flood of cheap transfers would keep a patient's
//! revocation, a recall or the end of an emergency access waiting, or push it out of a full
//! pool. A transaction made only of safety calls (alone, in batches, or through a proxy, such
//! as a guardian's) that would all succeed now therefore ranks above every other transaction
//! ([`SAFETY_PRIORITY`]), whatever its tip.
//!
//! "Would succeed" is the calls' own rule: the pool runs the transaction once and throws the
//! result away. A safety call that would fail (someone else's grant, a lot that is not the
//! sender's) is not refused: it keeps its usual rank, and fails at dispatch with its named
//! error. So the rank cannot be bought by sending safety calls that do nothing, and pays only
//! for calls that each hold a deposit or an accreditation behind them: a grant the sender made,
//! a lot it holds, a trial it sponsors or takes part in, an emergency access it is party to.

use polkadot_sdk::*;

use alloc::vec;
use frame_support::storage::{with_transaction, TransactionOutcome};
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{TransactionPriority, ValidTransaction},
	DispatchError,
};

use crate::{AccountId, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};

/// Added to a safety transaction's priority: half the range. Safety transactions keep their
/// order among themselves (by tip). Another transaction's priority is its tip times how many
/// like it fit in a block (at most about 20,000), so it would need a tip of several hundred
/// HLTH to outrank one.
pub const SAFETY_PRIORITY: TransactionPriority = TransactionPriority::MAX / 2;

/// Whether `call` itself stops harm: a patient revoking consent; the patient or the clinician
/// ending an emergency access; a participant leaving a trial, or its sponsor suspending or
/// terminating it; a lot recalled or reported suspect.
pub fn is_safety_call(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::Consent(pallet_consent::Call::revoke { .. })
		| RuntimeCall::Records(pallet_records::Call::end_emergency_access { .. })
		| RuntimeCall::Trials(pallet_trials::Call::withdraw { .. })
		| RuntimeCall::DrugLots(
			pallet_drug_lots::Call::recall { .. } | pallet_drug_lots::Call::report_suspect { .. },
		) => true,
		RuntimeCall::Trials(pallet_trials::Call::set_status { status, .. }) => status.winds_down(),
		_ => false,
	}
}

/// Whether `call` is made of safety calls only, at least one: itself, or the calls of batches
/// and proxy calls, nested. A batch that carries anything else is not, so the rank cannot carry
/// other calls with it.
pub fn only_safety_calls(call: &RuntimeCall) -> bool {
	let mut pending = vec![call];
	let mut found = false;
	while let Some(call) = pending.pop() {
		match call {
			RuntimeCall::Utility(
				pallet_utility::Call::batch { calls }
				| pallet_utility::Call::batch_all { calls }
				| pallet_utility::Call::force_batch { calls },
			) => pending.extend(calls.iter()),
			RuntimeCall::Utility(pallet_utility::Call::as_derivative { call, .. })
			| RuntimeCall::Proxy(
				pallet_proxy::Call::proxy { call, .. }
				| pallet_proxy::Call::proxy_announced { call, .. },
			) => pending.push(call),
			call if is_safety_call(call) => found = true,
			_ => return false,
		}
	}
	found
}

/// Whether `call`, signed by `who`, would succeed now with every call it carries: a batch or a
/// proxy call succeeds even when a call inside fails, and says so only in an event. Nothing it
/// does is kept.
pub fn would_succeed(call: &RuntimeCall, who: AccountId) -> bool {
	with_transaction(|| {
		let before = frame_system::Pallet::<Runtime>::event_count() as usize;
		let succeeded = call.clone().dispatch(RuntimeOrigin::signed(who)).is_ok()
			&& !frame_system::Pallet::<Runtime>::read_events_no_consensus()
				.skip(before)
				.any(|record| reports_failure(&record.event));
		TransactionOutcome::Rollback(Ok::<_, DispatchError>(succeeded))
	})
	.unwrap_or(false)
}

/// The events in which a batch or a proxy call reports a call inside it that failed.
fn reports_failure(event: &RuntimeEvent) -> bool {
	matches!(
		event,
		RuntimeEvent::Utility(
			pallet_utility::Event::BatchInterrupted { .. }
				| pallet_utility::Event::ItemFailed { .. }
		) | RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result: Err(_) })
	)
}

/// `valid` ranked above every other transaction if `call`, signed by `who`, would succeed now.
/// The caller has found `call` made of safety calls only ([`only_safety_calls`]).
pub fn prioritize(
	mut valid: ValidTransaction,
	call: &RuntimeCall,
	who: AccountId,
) -> ValidTransaction {
	if would_succeed(call, who) {
		valid.priority = valid.priority.saturating_add(SAFETY_PRIORITY);
	}
	valid
}
