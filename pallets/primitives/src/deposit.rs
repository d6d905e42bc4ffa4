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

/// A ticket after [`reprice`].
#[derive(Debug)]
pub struct Repriced<Ticket> {
	/// The ticket at today's price, to store back in its item.
	pub ticket: Ticket,
	/// Whether the deposit held changed.
	pub changed: bool,
}

impl<Ticket> Repriced<Ticket> {
	/// What the poke's caller pays: nothing when the deposit changed.
	pub fn post_info(&self) -> PostDispatchInfo {
		if self.changed { Pays::No } else { Pays::Yes }.into()
	}
}

/// Re-prices `ticket`, held from `depositor` for an item of `footprint`, at the runtime's
/// current price: holds the difference when the price rose, releases it when the price fell.
pub fn reprice<AccountId, Ticket: Consideration<AccountId, Footprint>>(
	depositor: &AccountId,
	ticket: Ticket,
	footprint: Footprint,
) -> Result<Repriced<Ticket>, DispatchError> {
	let before = ticket.clone();
	let ticket = ticket.update(depositor, footprint)?;
	let changed = ticket != before;
	Ok(Repriced { ticket, changed })
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
