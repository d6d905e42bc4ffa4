//! `trials_*`: clinical-trial registrations, their protocol history, submissions and overdue
//! results.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	Enrollment, Page, ProtocolVersion, SubmissionDetails, TrialDetails, TrialId, TrialsApi,
};

use super::{page_limit, ChainReads};

#[rpc(server, namespace = "trials")]
pub trait TrialsRpc<BlockHash, AccountId> {
	/// The trial, with its investigators and results, or null.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		trial_id: TrialId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<TrialDetails<AccountId>>>;

	/// Every protocol version of the trial, oldest first.
	#[method(name = "protocolHistory", blocking)]
	fn protocol_history(
		&self,
		trial_id: TrialId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ProtocolVersion>>;

	/// The trials `sponsor` registered, after the trial `cursor`.
	#[method(name = "bySponsor", blocking)]
	fn by_sponsor(
		&self,
		sponsor: AccountId,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>>;

	/// The trial's data submissions, oldest first, after the submission `cursor`.
	#[method(name = "submissions", blocking)]
	fn submissions(
		&self,
		trial_id: TrialId,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<SubmissionDetails<AccountId>, u32>>;

	/// `participant`'s enrollment in the trial, or null.
	#[method(name = "enrollment", blocking)]
	fn enrollment(
		&self,
		trial_id: TrialId,
		participant: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Enrollment>>;

	/// Trials whose results are overdue at the block's time, most overdue first.
	#[method(name = "overdueResults", blocking)]
	fn overdue_results(
		&self,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>>;
}

impl<C, Block, AccountId> TrialsRpcServer<Block::Hash, AccountId> for ChainReads<C, Block>
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
		self.read(at, |api, at| api.trial(at, trial_id))
	}

	fn protocol_history(
		&self,
		trial_id: TrialId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<ProtocolVersion>> {
		self.read(at, |api, at| api.protocol_history(at, trial_id))
	}

	fn by_sponsor(
		&self,
		sponsor: AccountId,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>> {
		self.read(at, |api, at| api.trials_by_sponsor(at, sponsor, cursor, page_limit(limit)))
	}

	fn submissions(
		&self,
		trial_id: TrialId,
		cursor: Option<u32>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<SubmissionDetails<AccountId>, u32>> {
		self.read(at, |api, at| api.submissions(at, trial_id, cursor, page_limit(limit)))
	}

	fn enrollment(
		&self,
		trial_id: TrialId,
		participant: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Enrollment>> {
		self.read(at, |api, at| api.enrollment(at, trial_id, participant))
	}

	fn overdue_results(
		&self,
		cursor: Option<TrialId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<TrialDetails<AccountId>, TrialId>> {
		self.read(at, |api, at| api.overdue_results(at, cursor, page_limit(limit)))
	}
}
