//! The pallets the `benchmark pallet` command measures, and the glue it needs.

use alloc::{string::String, vec::Vec};

use polkadot_sdk::*;

use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use codec::Encode;

use frame_support::{dispatch::DispatchResult, traits::fungible::Mutate};
use healthchain_primitives::{
	Action, Actions, CategoryScope, DataCategory, MemberRole, OrganizationKind,
	OrganizationRegistry, Purpose,
};

// The pallets by name, not as `crate::…`: the list below becomes a macro, where `crate` would
// name the caller's crate.
use crate::{
	AccountId, AllPalletsWithSystem, Balances, CollatorSelection, Consent, DrugLots,
	HealthAuthority, HealthAuthorityMembership, MessageQueue, Organizations, ParachainSystem,
	Proxy, Records, Runtime, RuntimeOrigin, SessionKeys, Sudo, System, Timestamp, Trials, Utility,
	WeightReclaim, XcmpQueue, UNIT,
};

// `SystemBench` and `SessionBench` are the names the macro below expects.
type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SessionBench = cumulus_pallet_session_benchmarking::Pallet<Runtime>;

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[pallet_timestamp, Timestamp]
	[pallet_balances, Balances]
	[pallet_session, SessionBench]
	[pallet_collator_selection, CollatorSelection]
	[pallet_sudo, Sudo]
	[pallet_collective, HealthAuthority]
	[pallet_membership, HealthAuthorityMembership]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_message_queue, MessageQueue]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[cumulus_pallet_weight_reclaim, WeightReclaim]
	[pallet_organizations, Organizations]
	[pallet_consent, Consent]
	[pallet_records, Records]
	[pallet_trials, Trials]
	[pallet_drug_lots, DrugLots]
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

/// Sets up what the `Records` benchmarks need with the real registry and consent pallets.
pub struct RecordsBenchmarkHelper;

impl pallet_records::BenchmarkHelper<AccountId> for RecordsBenchmarkHelper {
	fn grant_access(
		patient: &AccountId,
		accessor: &AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> DispatchResult {
		let organization = derived(b"grantee organization", accessor);
		Organizations::member_for_benchmark(
			&organization,
			OrganizationKind::Hospital,
			accessor,
			MemberRole::Clinician,
		)?;
		Balances::mint_into(patient, 1_000 * UNIT)?;
		Consent::grant(
			RuntimeOrigin::signed(patient.clone()),
			organization,
			CategoryScope {
				wildcard: false,
				categories: alloc::vec![category].try_into().unwrap_or_default(),
			},
			Actions { read: action == Action::Read, write: action == Action::Write },
			purpose,
			None,
			None,
		)?;
		Ok(())
	}

	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}

/// An account of its own for `who`'s organization.
fn derived(tag: &[u8], who: &AccountId) -> AccountId {
	AccountId::from(sp_io::hashing::blake2_256(&(tag, who).encode()))
}
