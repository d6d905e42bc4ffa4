//! `drugLots_*`: drug lots for trading partners and dispensers' scanners.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	CustodyEntry, DrugLotsApi, Holding, LotDetails, LotRef, LotVerification, Page, ShipmentDetails,
	MAX_PROOF_LENGTH,
};

use super::{invalid_params, page_limit, ChainReads};

#[rpc(server, namespace = "drugLots")]
pub trait DrugLotsRpc<BlockHash, AccountId> {
	/// What a scanner learns about the lot `gtin`/`lotNumber`, and whether `serial` with its
	/// Merkle `proof` belongs to it. A proof longer than any lot needs is refused.
	#[method(name = "verify", blocking)]
	fn verify(
		&self,
		gtin: String,
		lot_number: String,
		serial: Option<String>,
		proof: Option<Vec<H256>>,
		at: Option<BlockHash>,
	) -> RpcResult<LotVerification<AccountId>>;

	/// The lot, or null.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<LotDetails<AccountId>>>;

	/// The lot's custody history, oldest first, after the entry `cursor`.
	#[method(name = "history", blocking)]
	fn history(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<CustodyEntry<AccountId>, u32>>;

	/// Who holds how much of the lot, after the holder `cursor`.
	#[method(name = "holdings", blocking)]
	fn holdings(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<AccountId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<Holding<AccountId>, AccountId>>;

	/// The lots `manufacturer` commissioned, after the lot `cursor` (`[gtin, lotNumber]`).
	#[method(name = "byManufacturer", blocking)]
	fn by_manufacturer(
		&self,
		manufacturer: AccountId,
		cursor: Option<(String, String)>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<LotDetails<AccountId>, LotRef>>;

	/// Shipments in transit to `account`, waiting for it to receive or reject them, after
	/// the shipment `cursor`.
	#[method(name = "pendingShipments", blocking)]
	fn pending_shipments(
		&self,
		account: AccountId,
		cursor: Option<u64>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ShipmentDetails<AccountId>, u64>>;
}

impl<C, Block, AccountId> DrugLotsRpcServer<Block::Hash, AccountId> for ChainReads<C, Block>
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
		let proof: Vec<_> = proof.unwrap_or_default().into_iter().map(|h| h.0).collect();
		if proof.len() > MAX_PROOF_LENGTH {
			return Err(invalid_params(format!(
				"a serial proof has at most {MAX_PROOF_LENGTH} hashes, not {}",
				proof.len()
			)));
		}
		self.read(at, |api, at| {
			api.verify(
				at,
				gtin.into_bytes(),
				lot_number.into_bytes(),
				serial.map(String::into_bytes),
				proof,
			)
		})
	}

	fn get(
		&self,
		gtin: String,
		lot_number: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<LotDetails<AccountId>>> {
		self.read(at, |api, at| api.lot(at, gtin.into_bytes(), lot_number.into_bytes()))
	}

	fn history(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<CustodyEntry<AccountId>, u32>> {
		self.read(at, |api, at| {
			api.history(at, gtin.into_bytes(), lot_number.into_bytes(), cursor, page_limit(limit))
		})
	}

	fn holdings(
		&self,
		gtin: String,
		lot_number: String,
		cursor: Option<AccountId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<Holding<AccountId>, AccountId>> {
		self.read(at, |api, at| {
			api.holdings(at, gtin.into_bytes(), lot_number.into_bytes(), cursor, page_limit(limit))
		})
	}

	fn by_manufacturer(
		&self,
		manufacturer: AccountId,
		cursor: Option<(String, String)>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<LotDetails<AccountId>, LotRef>> {
		let cursor = cursor.map(|(gtin, lot)| (gtin.into_bytes(), lot.into_bytes()));
		self.read(at, |api, at| {
			api.lots_by_manufacturer(at, manufacturer, cursor, page_limit(limit))
		})
	}

	fn pending_shipments(
		&self,
		account: AccountId,
		cursor: Option<u64>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<ShipmentDetails<AccountId>, u64>> {
		self.read(at, |api, at| api.pending_shipments(at, account, cursor, page_limit(limit)))
	}
}
