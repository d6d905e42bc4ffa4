//! `organizations_*`: reads of the registry of accredited actors.

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{MembershipDetails, OrganizationDetails, OrganizationsApi};

use super::{at_or_best, runtime_error};

#[rpc(server, namespace = "organizations")]
pub trait OrganizationsRpc<BlockHash, AccountId> {
	/// The organization registered under `account`, or null.
	#[method(name = "get")]
	fn get(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<OrganizationDetails<AccountId>>>;

	/// The organization `member` belongs to and its role, or null.
	#[method(name = "membership")]
	fn membership(
		&self,
		member: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MembershipDetails<AccountId>>>;
}

pub struct Organizations<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> Organizations<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId> OrganizationsRpcServer<Block::Hash, AccountId> for Organizations<C, Block>
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
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().organization(at, account).map_err(runtime_error)
	}

	fn membership(
		&self,
		member: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<MembershipDetails<AccountId>>> {
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().membership(at, member).map_err(runtime_error)
	}
}
