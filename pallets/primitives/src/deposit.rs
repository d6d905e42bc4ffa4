//! Storage deposits, one way for every pallet.
//!
//! A deposit is a `Consideration` ticket kept inside the item it pays for, as
//! `pallet-preimage` and `pallet-multisig` keep theirs: the item and its ticket are written and
//! removed together, so neither can outlive the other, and there is no second map to keep in
//! step. Each pallet prices an item by its `Footprint` (items and bytes) and holds the ticket
//! from the account that made the item grow.
//!
//! When the runtime's deposit price changes, existing tickets keep the old price until their
//! depositor calls the pallet's `poke_deposit`, which re-prices one through [`reprice`]. A poke
//! that changes a deposit is free; one that changes nothing pays its fee, so that pokes cannot
//! be spam.

use polkadot_sdk::{
	frame_support::{
		dispatch::{Pays, PostDispatchInfo},
		traits::{Consideration, Footprint},
	},
	sp_runtime::DispatchError,
};

/// What [`reprice`] did.
#[derive(Debug)]
pub struct Repriced {
	/// Whether the deposit held changed, so that its item must be written back.
	pub changed: bool,
}

impl Repriced {
	/// What the poke's caller pays: nothing when the deposit changed.
	pub fn post_info(&self) -> PostDispatchInfo {
		if self.changed { Pays::No } else { Pays::Yes }.into()
	}
}

/// Re-prices the ticket in `slot`, held from `depositor` for an item of `footprint`, at the
/// runtime's current price: holds the difference when the price rose, releases it when the
/// price fell. The caller writes the item back when the deposit changed.
pub fn reprice<AccountId, Ticket: Consideration<AccountId, Footprint>>(
	depositor: &AccountId,
	slot: &mut Ticket,
	footprint: Footprint,
) -> Result<Repriced, DispatchError> {
	// A ticket has no drop glue: the clone is consumed by `update`, and the old value in
	// `slot` is replaced by what `update` returns.
	let updated = slot.clone().update(depositor, footprint)?;
	let changed = updated != *slot;
	*slot = updated;
	Ok(Repriced { changed })
}

/// A benchmark's worst case for `poke_deposit`: the ticket re-priced for the smallest footprint
/// (one item, no bytes), as if the price had risen since it was taken, so that the poke holds
/// more and writes the item back.
#[cfg(feature = "runtime-benchmarks")]
pub fn underpriced<AccountId, Ticket: Consideration<AccountId, Footprint>>(
	depositor: &AccountId,
	ticket: Ticket,
) -> Result<Ticket, DispatchError> {
	ticket.update(depositor, Footprint::from_parts(1, 0))
}
