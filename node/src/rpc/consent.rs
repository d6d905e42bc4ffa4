//! `consent_*`: the access decision and patients' consent grants.

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	AccessDecision, Action, ConsentApi, ConsentGrant, ConsentId, DataCategory, Page, Purpose,
	MAX_PAGE_SIZE,
};

use super::{at_or_best, runtime_error};

#[rpc(server, namespace = "consent")]
pub trait ConsentRpc<BlockHash, AccountId> {
	/// Whether `accessor` may do `action` on `patient`'s data of `category` for `purpose`, at
	/// the block's time.
	#[method(name = "checkAccess")]
	fn check_access(
		&self,
		patient: AccountId,
		accessor: AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
		at: Option<BlockHash>,
	) -> RpcResult<AccessDecision>;

	/// The live grants `patient` has given, oldest first, after the grant `cursor`.
	#[method(name = "byPatient")]
	fn by_patient(
		&self,
		patient: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>>;

	/// The live grants given to `grantee`, after the grant `cursor`.
	#[method(name = "byGrantee")]
	fn by_grantee(
		&self,
		grantee: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>>;
}

pub struct Consent<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> Consent<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId> ConsentRpcServer<Block::Hash, AccountId> for Consent<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ConsentApi<Block, AccountId>,
	AccountId: Codec + Send + Sync + 'static,
{
	fn check_access(
		&self,
		patient: AccountId,
		accessor: AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
		at: Option<Block::Hash>,
	) -> RpcResult<AccessDecision> {
		let at = at_or_best(&*self.client, at);
		self.client
			.runtime_api()
			.check_access(at, patient, accessor, category, action, purpose)
			.map_err(runtime_error)
	}

	fn by_patient(
		&self,
		patient: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>> {
		let at = at_or_best(&*self.client, at);
		self.client
			.runtime_api()
			.consents_by_patient(at, patient, cursor, limit.unwrap_or(MAX_PAGE_SIZE))
			.map_err(runtime_error)
	}

	fn by_grantee(
		&self,
		grantee: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>> {
		let at = at_or_best(&*self.client, at);
		self.client
			.runtime_api()
			.consents_by_grantee(at, grantee, cursor, limit.unwrap_or(MAX_PAGE_SIZE))
			.map_err(runtime_error)
	}
}
