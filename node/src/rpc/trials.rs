//! `trials_*`: clinical-trial registrations, their protocol history, submissions and overdue
//! results.

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	Enrollment, Page, ProtocolVersion, SubmissionDetails, TrialDetails, TrialId, TrialsApi,
	MAX_PAGE_SIZE,
};

use super::{at_or_best, runtime_error};

#[rpc(server, namespace = "trials")]
pub trait TrialsRpc<BlockHash, AccountId> {
	/// The trial, with its investigators and results, or null.
	#[method(name = "get")]
	fn get(
		&self,
		trial_id: TrialId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<TrialDetails<AccountId>>>;

	/// Every protocol version of the trial, oldest first.
	#[method(name = "protocolHistory")]
	fn protocol_history(
		&self,
		trial_id: TrialId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ProtocolVersion>>;

	/// The trials `sponsor` registered, after the trial `cursor`.
	#[method(name = "bySponsor")]
	fn by_sponsor(
		&self,
		sponsor: AccountId,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>>;

	/// The trial's data submissions, oldest first, after the submission `cursor`.
	#[method(name = "submissions")]
	fn submissions(
		&self,
		trial_id: TrialId,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<SubmissionDetails<AccountId>, u32>>;

	/// `participant`'s enrollment in the trial, or null.
	#[method(name = "enrollment")]
	fn enrollment(
		&self,
		trial_id: TrialId,
		participant: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Enrollment>>;

	/// Completed trials whose results are overdue, most overdue first.
	#[method(name = "overdue")]
	fn overdue(
		&self,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>>;
}

pub struct Trials<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> Trials<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId> TrialsRpcServer<Block::Hash, AccountId> for Trials<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: TrialsApi<Block, AccountId>,
	AccountId: Codec + Send + Sync + 'static,
{
	fn get(
		&self,
		trial_id: TrialId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<TrialDetails<AccountId>>> {
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().trial(at, trial_id).map_err(runtime_error)
	}

	fn protocol_history(
		&self,
		trial_id: TrialId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<ProtocolVersion>> {
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().protocol_history(at, trial_id).map_err(runtime_error)
	}

	fn by_sponsor(
		&self,
		sponsor: AccountId,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>> {
		let at = at_or_best(&*self.client, at);
		let limit = limit.unwrap_or(MAX_PAGE_SIZE);
		self.client
			.runtime_api()
			.trials_by_sponsor(at, sponsor, cursor, limit)
			.map_err(runtime_error)
	}

	fn submissions(
		&self,
		trial_id: TrialId,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<SubmissionDetails<AccountId>, u32>> {
		let at = at_or_best(&*self.client, at);
		let limit = limit.unwrap_or(MAX_PAGE_SIZE);
		self.client.runtime_api().submissions(at, trial_id, cursor, limit).map_err(runtime_error)
	}

	fn enrollment(
		&self,
		trial_id: TrialId,
		participant: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Enrollment>> {
		let at = at_or_best(&*self.client, at);
		self.client.runtime_api().enrollment(at, trial_id, participant).map_err(runtime_error)
	}

	fn overdue(
		&self,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>> {
		let at = at_or_best(&*self.client, at);
		let limit = limit.unwrap_or(MAX_PAGE_SIZE);
		self.client.runtime_api().overdue_results(at, cursor, limit).map_err(runtime_error)
	}
}
