//! The runtime APIs the node, the collator and clients call.

use alloc::vec::Vec;

use polkadot_sdk::*;

use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	traits::Get,
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use healthchain_primitives::AccessControl;
use healthchain_runtime_api::{
	AccessDecision, AccessLogEntry, AccessSeq, Action, ConsentGrant, ConsentId, DataCategory,
	EmergencyAccessDetails, EmergencyAccessId, MembershipDetails, OrganizationDetails, Page,
	PayloadChange, PayloadReference, PayloadRelease, Purpose, RecordDetails, RecordId, RecordView,
};
use healthchain_runtime_api::{
	CustodyEntry, Enrollment, Hash32, Holding, LotDetails, LotRef, LotVerification,
	ProtocolVersion, ShipmentDetails, SubmissionDetails, TrialDetails, TrialId,
};

use crate::{
	genesis_config_presets, AccountId, AuraId, Balance, Block, ConsensusHook, Consent, DrugLots,
	Executive, InherentDataExt, Nonce, Organizations, ParachainInfo, ParachainSystem, Records,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, SessionKeys, System,
	TransactionPayment, Trials, BLOCK_PROCESSING_VELOCITY, SLOT_DURATION, VERSION,
};

impl_runtime_apis! {
	impl healthchain_runtime_api::OrganizationsApi<Block, AccountId> for Runtime {
		fn organization(account: AccountId) -> Option<OrganizationDetails<AccountId>> {
			Organizations::details(account)
		}

		fn membership(member: AccountId) -> Option<MembershipDetails<AccountId>> {
			Organizations::membership_details(member)
		}
	}

	impl healthchain_runtime_api::ConsentApi<Block, AccountId> for Runtime {
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			category: DataCategory,
			action: Action,
			purpose: Purpose,
		) -> AccessDecision {
			<Consent as AccessControl<AccountId>>::decide(&patient, &accessor, category, action, purpose)
		}

		fn consents_by_patient(
			patient: AccountId,
			cursor: Option<ConsentId>,
			limit: u32,
		) -> Page<ConsentGrant<AccountId>, ConsentId> {
			Consent::consents_by_patient(&patient, cursor, limit)
		}

		fn consents_by_grantee(
			grantee: AccountId,
			cursor: Option<ConsentId>,
			limit: u32,
		) -> Page<ConsentGrant<AccountId>, ConsentId> {
			Consent::consents_by_grantee(&grantee, cursor, limit)
		}
	}

	impl healthchain_runtime_api::RecordsApi<Block, AccountId> for Runtime {
		fn record(record_id: RecordId) -> Option<RecordView<AccountId>> {
			Records::record_view(record_id)
		}

		fn records_by_patient(
			patient: AccountId,
			category: Option<DataCategory>,
			cursor: Option<RecordId>,
			limit: u32,
		) -> Page<RecordDetails<AccountId>, RecordId> {
			Records::records_by_patient(&patient, category, cursor, limit)
		}

		fn versions(record_id: RecordId) -> Vec<RecordView<AccountId>> {
			Records::versions(record_id)
		}

		fn access_log(
			patient: AccountId,
			cursor: Option<AccessSeq>,
			limit: u32,
		) -> Page<AccessLogEntry<AccountId>, AccessSeq> {
			Records::access_log(&patient, cursor, limit)
		}

		fn emergency_accesses(
			patient: AccountId,
			cursor: Option<EmergencyAccessId>,
			limit: u32,
		) -> Page<EmergencyAccessDetails<AccountId>, EmergencyAccessId> {
			Records::emergency_accesses(&patient, cursor, limit)
		}

		fn payload_release(
			record_id: RecordId,
			requester: AccountId,
			content_hash: Hash32,
			window: u64,
		) -> PayloadRelease<AccountId> {
			Records::payload_release(record_id, &requester, content_hash, window)
		}

		fn payload_changes() -> Vec<PayloadChange> {
			// The block's events are in its state until the next block starts.
			Records::payload_changes(System::read_events_no_consensus().filter_map(|record| {
				match record.event {
					RuntimeEvent::Records(event) => Some(event),
					_ => None,
				}
			}))
		}

		fn live_payloads(cursor: Option<RecordId>, limit: u32) -> Page<PayloadReference, RecordId> {
			Records::live_payloads(cursor, limit)
		}
	}

	impl healthchain_runtime_api::TrialsApi<Block, AccountId> for Runtime {
		fn trial(trial_id: TrialId) -> Option<TrialDetails<AccountId>> {
			Trials::trial_details(trial_id)
		}

		fn protocol_history(trial_id: TrialId) -> Vec<ProtocolVersion> {
			Trials::protocol_history(trial_id)
		}

		fn trials_by_sponsor(
			sponsor: AccountId,
			cursor: Option<TrialId>,
			limit: u32,
		) -> Page<TrialDetails<AccountId>, TrialId> {
			Trials::trials_by_sponsor(&sponsor, cursor, limit)
		}

		fn submissions(
			trial_id: TrialId,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<SubmissionDetails<AccountId>, u32> {
			Trials::submissions(trial_id, cursor, limit)
		}

		fn enrollment(trial_id: TrialId, participant: AccountId) -> Option<Enrollment> {
			Trials::enrollment(trial_id, &participant)
		}

		fn overdue_results(
			cursor: Option<TrialId>,
			limit: u32,
		) -> Page<TrialDetails<AccountId>, TrialId> {
			Trials::overdue_results(cursor, limit)
		}
	}

	impl healthchain_runtime_api::DrugLotsApi<Block, AccountId> for Runtime {
		fn verify(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			serial: Option<Vec<u8>>,
			proof: Vec<Hash32>,
		) -> LotVerification<AccountId> {
			DrugLots::verify(&gtin, &lot_number, serial, proof)
		}

		fn lot(gtin: Vec<u8>, lot_number: Vec<u8>) -> Option<LotDetails<AccountId>> {
			DrugLots::lot(&gtin, &lot_number)
		}

		fn holdings(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			cursor: Option<AccountId>,
			limit: u32,
		) -> Page<Holding<AccountId>, AccountId> {
			DrugLots::holdings(&gtin, &lot_number, cursor, limit)
		}

		fn history(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<CustodyEntry<AccountId>, u32> {
			DrugLots::history(&gtin, &lot_number, cursor, limit)
		}

		fn lots_by_manufacturer(
			manufacturer: AccountId,
			cursor: Option<LotRef>,
			limit: u32,
		) -> Page<LotDetails<AccountId>, LotRef> {
			DrugLots::lots_by_manufacturer(&manufacturer, cursor, limit)
		}

		fn pending_shipments(
			account: AccountId,
			cursor: Option<u64>,
			limit: u32,
		) -> Page<ShipmentDetails<AccountId>, u64> {
			DrugLots::pending_shipments(&account, cursor, limit)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::KeyToIncludeInRelayProof<Block> for Runtime {
		fn keys_to_prove() -> cumulus_primitives_core::RelayProofRequest {
			// No relay-chain storage beyond what parachain system reads itself.
			Default::default()
		}
	}

	impl cumulus_primitives_core::TargetBlockRate<Block> for Runtime {
		fn target_block_rate() -> u32 {
			BLOCK_PROCESSING_VELOCITY
		}
	}

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			crate::configs::call_filter::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(
			header: &<Block as BlockT>::Header,
		) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			use crate::configs::RuntimeBlockWeights;
			// try-runtime is an off-chain tool: a failed check must stop it loudly.
			#[allow(clippy::expect_used)]
			let weight = Executive::try_runtime_upgrade(checks)
				.expect("try-runtime upgrade checks failed");
			(weight, RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			#[allow(clippy::expect_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("try-runtime block execution failed")
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch(config)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}
}
