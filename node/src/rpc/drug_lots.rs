//! `drugLots_*`: drug lots for trading partners and dispensers' scanners.

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	CustodyEntry, DrugLotsApi, Holding, LotDetails, LotVerification, Page, ShipmentDetails,
	MAX_PAGE_SIZE,
};

use super::{at_or_best, runtime_error};

#[rpc(server, namespace = "drugLots")]
pub trait DrugLotsRpc<BlockHash, AccountId> {
	/// What a scanner learns about the lot `gtin`/`lotNumber`, and whether `serial` with its
	/// Merkle `proof` belongs to it.
	#[method(name = "verify")]
	fn verify(
		&self,
		gtin: String,
		lot_number: String,
		serial: Option<String>,
		proof: Option<Vec<H256>>,
		at: Option<BlockHash>,
	) -> RpcResult<LotVerification<AccountId>>;

	/// The lot, or null.
	#[method(name = "get")]
	fn get(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<LotDetails<AccountId>>>;

	/// The lot's custody history, oldest first, after the entry `cursor`.
	#[method(name = "history")]
	fn history(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<CustodyEntry<AccountId>, u32>>;

	/// Who holds how much of the lot.
	#[method(name = "holdings")]
	fn holdings(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Holding<AccountId>>>;

	/// Shipments in transit to `account`, waiting for it to receive or reject them.
	#[method(name = "pendingShipments")]
	fn pending_shipments(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ShipmentDetails<AccountId>>>;
}

pub struct DrugLots<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> DrugLots<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId> DrugLotsRpcServer<Block::Hash, AccountId> for DrugLots<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DrugLotsApi<Block, AccountId>,
	AccountId: Codec + Send + Sync + 'static,
{
	fn verify(
		&self,
		gtin: String,
		lot_number: String,
		serial: Option<String>,
		proof: Option<Vec<H256>>,
		at: Option<Block::Hash>,
	) -> RpcResult<LotVerification<AccountId>> {
		let at = at_or_best(&*self.client, at);
		let proof = proof.unwrap_or_default().into_iter().map(|h| h.0).collect();
		self.client
			.runtime_api()
			.verify(
				at,
				gtin.into_bytes(),
				lot_number.into_bytes(),
				serial.map(String::into_bytes),
				proof,
			)
			.map_err(runtime_error)
	}

	fn get(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<LotDetails<AccountId>>> {
		let at = at_or_best(&*self.client, at);
		self.client
			.runtime_api()
			.lot(at, gtin.into_bytes(), lot_number.into_bytes())
			.map_err(runtime_error)
	}

	fn history(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<CustodyEntry<AccountId>, u32>> {
		let at = at_or_best(&*self.client, at);
		let limit = limit.unwrap_or(MAX_PAGE_SIZE);
		self.client
			.runtime_api()
			.history(at, gtin.into_bytes(), lot_number.into_bytes(), cursor, limit)
			.map_err(runtime_error)
	}

	fn holdings(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<Holding<AccountId>>> {
		let at = at_or_best(&*self.client, at);
		self.client
			.runtime_api()
			.holdings(at, gtin.into_bytes(), lot_number.into_bytes())
			.map_err(runtime_error)
	}

	fn pending_shipments(
		&self,
		account: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<ShipmentDetails<AccountId>>> {
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().shipments_for(at, account).map_err(runtime_error)
	}
}
