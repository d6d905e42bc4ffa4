//! `organizations_*`: reads of the registry of accredited actors.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{MembershipDetails, OrganizationDetails, OrganizationsApi};

use super::ChainReads;

#[rpc(server, namespace = "organizations")]
pub trait OrganizationsRpc<BlockHash, AccountId> {
	/// The organization registered under `account`, or null.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<OrganizationDetails<AccountId>>>;

	/// The organization `member` belongs to and its role, or null.
	#[method(name = "membership", blocking)]
	fn membership(
		&self,
		member: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MembershipDetails<AccountId>>>;
}

impl<C, Block, AccountId> OrganizationsRpcServer<Block::Hash, AccountId> for ChainReads<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: OrganizationsApi<Block, AccountId>,
	AccountId: Codec + Send + Sync + 'static,
{
	fn get(
		&self,
		account: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<OrganizationDetails<AccountId>>> {
		self.read(at, |api, at| api.organization(at, account))
	}

	fn membership(
		&self,
		member: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<MembershipDetails<AccountId>>> {
		self.read(at, |api, at| api.membership(at, member))
	}
}
