//! `records_*`: patient records, their versions, access logs and emergency accesses.

use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::*;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

use healthchain_runtime_api::{
	AccessLogEntry, AccessSeq, DataCategory, EmergencyAccessDetails, EmergencyAccessId, Page,
	PayloadChange, PayloadReference, PayloadRelease, RecordDetails, RecordId, RecordView,
	RecordsApi,
};

use super::{page_limit, ChainReads};

#[rpc(server, namespace = "records")]
pub trait RecordsRpc<BlockHash, AccountId> {
	/// The version `record_id` with its wrapped keys, `{ "erased": … }` if erased, or null.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		record_id: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecordView<AccountId>>>;

	/// `patient`'s live records (the latest version of each), of `category` if given, in
	/// increasing order of identifier after `cursor`.
	#[method(name = "byPatient", blocking)]
	fn by_patient(
		&self,
		patient: AccountId,
		category: Option<DataCategory>,
		cursor: Option<RecordId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<RecordDetails<AccountId>, RecordId>>;

	/// Every version of the record `record_id` belongs to, oldest first.
	#[method(name = "versions", blocking)]
	fn versions(
		&self,
		record_id: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RecordView<AccountId>>>;

	/// `patient`'s access log, newest first, before the entry `cursor`.
	#[method(name = "accessLog", blocking)]
	fn access_log(
		&self,
		patient: AccountId,
		cursor: Option<AccessSeq>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<AccessLogEntry<AccountId>, AccessSeq>>;

	/// The emergency accesses to `patient`'s data the chain keeps, oldest first, after the
	/// access `cursor`.
	#[method(name = "emergencyAccesses", blocking)]
	fn emergency_accesses(
		&self,
		patient: AccountId,
		cursor: Option<EmergencyAccessId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<EmergencyAccessDetails<AccountId>, EmergencyAccessId>>;

	/// Whether a payload store may hand `record_id`'s payload, asked for under `content_hash`,
	/// to `requester`: to the patient, or on a `log_access` of the requester's at most
	/// `window` milliseconds old that the access decision still allows.
	#[method(name = "payloadRelease", blocking)]
	fn payload_release(
		&self,
		record_id: RecordId,
		requester: AccountId,
		content_hash: H256,
		window: u64,
		at: Option<BlockHash>,
	) -> RpcResult<PayloadRelease<AccountId>>;

	/// What the block did to the payloads records reference.
	#[method(name = "payloadChanges", blocking)]
	fn payload_changes(&self, at: Option<BlockHash>) -> RpcResult<Vec<PayloadChange>>;

	/// Every live version with the payload it references, after the version `cursor`.
	#[method(name = "livePayloads", blocking)]
	fn live_payloads(
		&self,
		cursor: Option<RecordId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<PayloadReference, RecordId>>;
}

impl<C, Block, AccountId> RecordsRpcServer<Block::Hash, AccountId> for ChainReads<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RecordsApi<Block, AccountId>,
	AccountId: Codec + Send + Sync + 'static,
{
	fn get(
		&self,
		record_id: RecordId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<RecordView<AccountId>>> {
		self.read(at, |api, at| api.record(at, record_id))
	}

	fn by_patient(
		&self,
		patient: AccountId,
		category: Option<DataCategory>,
		cursor: Option<RecordId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<RecordDetails<AccountId>, RecordId>> {
		self.read(at, |api, at| {
			api.records_by_patient(at, patient, category, cursor, page_limit(limit))
		})
	}

	fn versions(
		&self,
		record_id: RecordId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<RecordView<AccountId>>> {
		self.read(at, |api, at| api.versions(at, record_id))
	}

	fn access_log(
		&self,
		patient: AccountId,
		cursor: Option<AccessSeq>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<AccessLogEntry<AccountId>, AccessSeq>> {
		self.read(at, |api, at| api.access_log(at, patient, cursor, page_limit(limit)))
	}

	fn emergency_accesses(
		&self,
		patient: AccountId,
		cursor: Option<EmergencyAccessId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<EmergencyAccessDetails<AccountId>, EmergencyAccessId>> {
		self.read(at, |api, at| api.emergency_accesses(at, patient, cursor, page_limit(limit)))
	}

	fn payload_release(
		&self,
		record_id: RecordId,
		requester: AccountId,
		content_hash: H256,
		window: u64,
		at: Option<Block::Hash>,
	) -> RpcResult<PayloadRelease<AccountId>> {
		self.read(at, |api, at| {
			api.payload_release(at, record_id, requester, content_hash.0, window)
		})
	}

	fn payload_changes(&self, at: Option<Block::Hash>) -> RpcResult<Vec<PayloadChange>> {
		self.read(at, |api, at| api.payload_changes(at))
	}

	fn live_payloads(
		&self,
		cursor: Option<RecordId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Page<PayloadReference, RecordId>> {
		self.read(at, |api, at| api.live_payloads(at, cursor, page_limit(limit)))
	}
}
