//! `consent_*`: the access decision and patients' consent grants.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	AccessDecision, Action, ConsentApi, ConsentGrant, ConsentId, DataCategory, Page, Purpose,
};

use super::{page_limit, ChainReads};

#[rpc(server, namespace = "consent")]
pub trait ConsentRpc<BlockHash, AccountId> {
	/// Whether `accessor` may do `action` on `patient`'s data of `category` for `purpose`, at
	/// the block's time.
	#[method(name = "checkAccess", blocking)]
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
	#[method(name = "byPatient", blocking)]
	fn by_patient(
		&self,
		patient: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>>;

	/// The live grants given to `grantee`, after the grant `cursor`.
	#[method(name = "byGrantee", blocking)]
	fn by_grantee(
		&self,
		grantee: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>>;
}

impl<C, Block, AccountId> ConsentRpcServer<Block::Hash, AccountId> for ChainReads<C, Block>
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
		self.read(at, |api, at| api.check_access(at, patient, accessor, category, action, purpose))
	}

	fn by_patient(
		&self,
		patient: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>> {
		self.read(at, |api, at| api.consents_by_patient(at, patient, cursor, page_limit(limit)))
	}

	fn by_grantee(
		&self,
		grantee: AccountId,
		cursor: Option<ConsentId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<ConsentGrant<AccountId>, ConsentId>> {
		self.read(at, |api, at| api.consents_by_grantee(at, grantee, cursor, page_limit(limit)))
	}
}
