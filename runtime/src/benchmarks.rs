//! The pallets the `benchmark pallet` command measures, and the glue it needs.

use alloc::{string::String, vec::Vec};

use polkadot_sdk::*;

use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use codec::Encode;

use crate::{AccountId, AllPalletsWithSystem, ParachainSystem, Runtime, SessionKeys, System};

// `SystemBench` and `SessionBench` are the names the macro below expects.
type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SessionBench = cumulus_pallet_session_benchmarking::Pallet<Runtime>;

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[pallet_timestamp, crate::Timestamp]
	[pallet_balances, crate::Balances]
	[pallet_session, SessionBench]
	[pallet_collator_selection, crate::CollatorSelection]
	[pallet_sudo, crate::Sudo]
	[pallet_collective, crate::HealthAuthority]
	[pallet_membership, crate::HealthAuthorityMembership]
	[pallet_utility, crate::Utility]
	[pallet_proxy, crate::Proxy]
	[pallet_message_queue, crate::MessageQueue]
	[cumulus_pallet_xcmp_queue, crate::XcmpQueue]
	[cumulus_pallet_weight_reclaim, crate::WeightReclaim]
	[pallet_organizations, crate::Organizations]
	[pallet_consent, crate::Consent]
);

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

impl cumulus_pallet_session_benchmarking::Config for Runtime {
	fn generate_session_keys_and_proof(owner: AccountId) -> (SessionKeys, Vec<u8>) {
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	}
}

pub(crate) fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

pub(crate) fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	if batches.is_empty() {
		return Err("Benchmark not found for this pallet.".into());
	}
	Ok(batches)
}
