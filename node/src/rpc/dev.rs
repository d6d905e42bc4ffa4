//! The standalone dev chain's own methods: `engine_createBlock` and `engine_finalizeBlock`
//! (manual seal), and `dev_advanceTime`, which moves the chain's clock forward to see expiry and
//! deadlines without waiting for them.
//!
//! All three are unsafe, as `author_insertKey` is: they answer only where unsafe methods are
//! allowed (`--rpc-methods unsafe`, or the default `auto` with the RPC server on localhost),
//! so that a dev node reachable from a network cannot be driven by whoever reaches it.

use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	Extensions,
};
use polkadot_sdk::*;
use sc_consensus_manual_seal::{
	rpc::{CreatedBlock, ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_rpc::DenyUnsafe;
use sp_runtime::EncodedJustification;

use crate::dev::{DevClock, MAX_ADVANCE_MILLIS};

#[rpc(server)]
pub trait DevRpc<Hash> {
	/// Moves the chain's clock `millis` milliseconds forward: the next block, and every one
	/// after it, carries a timestamp that much later than it otherwise would. Returns how far
	/// ahead of the wall clock the chain's clock now runs, in milliseconds. The clock never
	/// goes back.
	#[method(name = "dev_advanceTime", with_extensions)]
	fn advance_time(&self, millis: u64) -> RpcResult<u64>;

	/// Seals a block now, with the transactions in the pool (or none, if `create_empty`), on
	/// `parent_hash` or the best block, and finalizes it if `finalize`.
	#[method(name = "engine_createBlock", with_extensions)]
	async fn create_block(
		&self,
		create_empty: bool,
		finalize: bool,
		parent_hash: Option<Hash>,
	) -> RpcResult<CreatedBlock<Hash>>;

	/// Finalizes the block `hash` and its ancestors.
	#[method(name = "engine_finalizeBlock", with_extensions)]
	async fn finalize_block(
		&self,
		hash: Hash,
		justification: Option<EncodedJustification>,
	) -> RpcResult<bool>;
}

/// The dev chain's methods: its clock, and the sealer's command channel.
pub struct Dev<Hash> {
	clock: DevClock,
	seal: ManualSeal<Hash>,
}

impl<Hash> Dev<Hash> {
	pub fn new(
		clock: DevClock,
		sealer: futures::channel::mpsc::Sender<EngineCommand<Hash>>,
	) -> Self {
		Self { clock, seal: ManualSeal::new(sealer) }
	}
}

/// Refuses an unsafe method where the RPC server denies them. The server always says which;
/// without its word, refuse.
fn ensure_unsafe_allowed(ext: &Extensions) -> RpcResult<()> {
	ext.get::<DenyUnsafe>().copied().unwrap_or(DenyUnsafe::Yes).check_if_safe()?;
	Ok(())
}

#[async_trait]
impl<Hash: Send + Sync + 'static> DevRpcServer<Hash> for Dev<Hash> {
	fn advance_time(&self, ext: &Extensions, millis: u64) -> RpcResult<u64> {
		ensure_unsafe_allowed(ext)?;
		if millis == 0 || millis > MAX_ADVANCE_MILLIS {
			return Err(super::invalid_params(format!(
				"millis must be between 1 and {MAX_ADVANCE_MILLIS} (ten years)"
			)));
		}
		let offset = self.clock.advance(millis);
		log::info!("⏩ The dev chain's clock now runs {offset} ms ahead of the wall clock");
		Ok(offset)
	}

	async fn create_block(
		&self,
		ext: &Extensions,
		create_empty: bool,
		finalize: bool,
		parent_hash: Option<Hash>,
	) -> RpcResult<CreatedBlock<Hash>> {
		ensure_unsafe_allowed(ext)?;
		Ok(self.seal.create_block(create_empty, finalize, parent_hash).await?)
	}

	async fn finalize_block(
		&self,
		ext: &Extensions,
		hash: Hash,
		justification: Option<EncodedJustification>,
	) -> RpcResult<bool> {
		ensure_unsafe_allowed(ext)?;
		Ok(self.seal.finalize_block(hash, justification).await?)
	}
}
