//! What only the standalone `--dev` chain has: its clock, which a developer can move forward,
//! and the block timer, which seals a block and finalizes the one before it.

use std::sync::{
	atomic::{AtomicU64, Ordering},
	Arc,
};

use futures::{
	channel::{mpsc, oneshot},
	SinkExt,
};
use polkadot_sdk::*;

use healthchain_runtime::{opaque::Block, Hash};
use sc_client_api::Finalizer;
use sc_consensus_manual_seal::EngineCommand;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Header as _;

use crate::service::{ParachainBackend, ParachainClient};

/// The most `dev_advanceTime` moves the clock in one call: ten years. It keeps the chain's
/// timestamps, and the relay-chain slots derived from them, far from overflowing.
pub const MAX_ADVANCE_MILLIS: u64 = 10 * 366 * 24 * 60 * 60 * 1000;

/// The dev chain's clock: the wall clock plus an offset that only grows. Each dev block takes
/// its timestamp from it, so moving it forward makes consents expire and results fall due
/// without waiting.
#[derive(Clone, Default)]
pub struct DevClock {
	offset_millis: Arc<AtomicU64>,
}

impl DevClock {
	/// The time the next block is sealed at, at the earliest.
	pub fn now(&self) -> sp_timestamp::Timestamp {
		let wall = sp_timestamp::Timestamp::current().as_millis();
		sp_timestamp::Timestamp::new(wall.saturating_add(self.offset_millis()))
	}

	/// Moves the clock `millis` forward and returns the offset from the wall clock now in force.
	pub fn advance(&self, millis: u64) -> u64 {
		let previous = self
			.offset_millis
			.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
				Some(offset.saturating_add(millis))
			})
			.unwrap_or_default();
		previous.saturating_add(millis)
	}

	/// How far ahead of the wall clock the chain's clock runs, in milliseconds.
	pub fn offset_millis(&self) -> u64 {
		self.offset_millis.load(Ordering::Relaxed)
	}
}

/// The block sealer has stopped: the node is shutting down.
pub struct SealerStopped;

/// Seals a block on the best block, then finalizes that block's parent (or, with
/// `finalize_sealed`, the new block itself), as the block timer does.
///
/// Finality trails the best block by one block, as it trails on a live chain. Sealing and
/// finalizing in one import would let the transaction pool report a transaction `Finalized`
/// before its `InBlock` had reached the watchers, and a dApp that waits for `InBlock`, as on
/// any real chain, would wait for ever. Only the first block, sealed before the RPC server
/// opens and so without transactions, is finalized at once.
pub async fn seal_and_finalize(
	sealer: &mut mpsc::Sender<EngineCommand<Hash>>,
	client: &ParachainClient,
	finalize_sealed: bool,
) -> Result<(), SealerStopped> {
	let (sender, created) = oneshot::channel();
	let command = EngineCommand::SealNewBlock {
		create_empty: true,
		finalize: false,
		parent_hash: None,
		sender: Some(sender),
	};
	sealer.send(command).await.map_err(|_| SealerStopped)?;
	let sealed = match created.await.map_err(|_| SealerStopped)? {
		Ok(created) => created.hash,
		Err(error) => {
			log::warn!("The dev block timer could not seal a block: {error}");
			return Ok(());
		},
	};
	let to_finalize = if finalize_sealed {
		sealed
	} else {
		match client.header(sealed) {
			Ok(Some(header)) => *header.parent_hash(),
			_ => return Ok(()),
		}
	};
	if client.info().finalized_hash == to_finalize {
		return Ok(());
	}
	if let Err(error) =
		Finalizer::<Block, ParachainBackend>::finalize_block(client, to_finalize, None, true)
	{
		log::warn!("The dev block timer could not finalize block {to_finalize:?}: {error}");
	}
	Ok(())
}
