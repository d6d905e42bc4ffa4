//! The node's JSON-RPC extensions, on top of the standard Substrate methods that
//! `sc_service::spawn_tasks` installs.
//!
//! Healthchain's own methods wrap its runtime APIs: `organizations_*`, `consent_*`,
//! `records_*`, `trials_*` and `drugLots_*`. Each takes an optional block hash as its last
//! parameter and reads the best block without one.
//! `docs/rpc.md` documents them for polkadot.js users.

mod consent;
mod dev;
mod drug_lots;
mod organizations;
mod records;
mod trials;

pub use consent::ConsentRpcServer;
pub use dev::{Dev, DevRpcServer};
pub use drug_lots::DrugLotsRpcServer;
pub use organizations::OrganizationsRpcServer;
pub use records::RecordsRpcServer;
pub use trials::TrialsRpcServer;

use std::{marker::PhantomData, sync::Arc};

use futures::channel::mpsc;
use polkadot_sdk::*;

use healthchain_runtime::{opaque::Block, AccountId, Balance, Hash, Nonce};
use sc_consensus_manual_seal::EngineCommand;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// The RPC module the node serves.
pub type RpcExtension = jsonrpsee::RpcModule<()>;

/// What the RPC extensions need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// What the `--dev` chain's own methods need; `None` on a parachain node.
	pub dev: Option<DevDeps>,
}

/// What the `--dev` chain's own RPC methods need.
#[derive(Clone)]
pub struct DevDeps {
	/// The channel to the block sealer, for `engine_createBlock` and `engine_finalizeBlock`.
	pub manual_seal: mpsc::Sender<EngineCommand<Hash>>,
	/// The chain's clock, for `dev_advanceTime`.
	pub clock: crate::dev::DevClock,
}

/// Builds the RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcExtension, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ healthchain_runtime_api::OrganizationsApi<Block, AccountId>
		+ healthchain_runtime_api::ConsentApi<Block, AccountId>
		+ healthchain_runtime_api::RecordsApi<Block, AccountId>
		+ healthchain_runtime_api::TrialsApi<Block, AccountId>
		+ healthchain_runtime_api::DrugLotsApi<Block, AccountId>
		+ BlockBuilder<Block>,
	P: TransactionPool + Sync + Send + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool, dev } = deps;
	let mut module = RpcExtension::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	let reads = ChainReads::new(client);
	module.merge(OrganizationsRpcServer::into_rpc(reads.clone()))?;
	module.merge(ConsentRpcServer::into_rpc(reads.clone()))?;
	module.merge(RecordsRpcServer::into_rpc(reads.clone()))?;
	module.merge(TrialsRpcServer::into_rpc(reads.clone()))?;
	module.merge(DrugLotsRpcServer::into_rpc(reads))?;
	if let Some(DevDeps { manual_seal, clock }) = dev {
		module.merge(Dev::new(clock, manual_seal).into_rpc())?;
	}
	Ok(module)
}

/// What every Healthchain method does: a runtime API call at a block, the one given or the
/// best one, with a failure turned into a JSON-RPC error. Each pallet's RPC trait is served
/// by this one type.
///
/// Every method is declared `blocking`, as Substrate's own `state_call` is: a call runs the
/// runtime for up to milliseconds, and run inline it would hold one of the async runtime's
/// worker threads (as many as cores), which serve every connection and the node's own tasks.
/// Inline, while a dozen clients paged records, other clients' `state_getStorage` took two to
/// three times as long as while the same pages went through `state_call`
/// (tests/e2e/bench/queries.js, docs/performance.md).
pub struct ChainReads<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> Clone for ChainReads<C, Block> {
	fn clone(&self) -> Self {
		Self { client: self.client.clone(), _block: PhantomData }
	}
}

impl<C, Block> ChainReads<C, Block>
where
	Block: sp_runtime::traits::Block,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}

	fn read<R>(
		&self,
		at: Option<Block::Hash>,
		call: impl FnOnce(&C::Api, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> jsonrpsee::core::RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		call(&self.client.runtime_api(), at).map_err(runtime_error)
	}
}

/// A page's limit: the largest page when none is given (the runtime caps any other).
fn page_limit(limit: Option<u32>) -> u32 {
	limit.unwrap_or(healthchain_runtime_api::MAX_PAGE_SIZE)
}

/// Parameters the runtime is not asked about, because no answer could use them.
fn invalid_params(message: String) -> jsonrpsee::types::ErrorObjectOwned {
	jsonrpsee::types::ErrorObject::owned(
		jsonrpsee::types::error::INVALID_PARAMS_CODE,
		message,
		None::<()>,
	)
}

/// The JSON-RPC error code of a failed runtime API call.
pub const RUNTIME_ERROR: i32 = 1;

/// A runtime API call failed, for example because the block is unknown.
fn runtime_error(error: sp_api::ApiError) -> jsonrpsee::types::ErrorObjectOwned {
	jsonrpsee::types::ErrorObject::owned(
		RUNTIME_ERROR,
		"The runtime could not answer the query",
		Some(error.to_string()),
	)
}
