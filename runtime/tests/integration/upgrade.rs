//! The runtime upgrade check: the runtime built with `try-runtime` runs every pallet's
//! `on_runtime_upgrade`, with their pre- and post-upgrade checks and every `try_state`
//! invariant, on a populated chain, through its `TryRuntime` API, as `try-runtime-cli` does
//! against a live chain's state. Before a migration ships, this test runs it on the state the
//! other tests build; `docs/upgrades.md` says how to run it on a snapshot of a real chain.

use polkadot_sdk::*;

use crate::{authorization, common::Chain};
use codec::{Decode, Encode};
use frame_support::traits::{GetStorageVersion, PalletInfoAccess, StorageVersion};
use healthchain_primitives::Actions;
use healthchain_runtime::{Consent, DrugLots, Organizations, Records, Runtime, Trials};
use sc_executor::{HeapAllocStrategy, WasmExecutor};
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
use sp_runtime::Weight;

type HostFunctions = (
	sp_io::SubstrateHostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);

/// `UpgradeCheckSelect::All`: pre- and post-upgrade checks and every `try_state`. The enum only
/// exists in a `try-runtime` build, so its SCALE encoding (variant 1) is written here.
const ALL_CHECKS: u8 = 1;

/// Runs `TryRuntime_on_runtime_upgrade` with every check on `chain`'s state, in the
/// `try-runtime` wasm; returns the upgrade's weight, or the runtime's panic message.
fn try_runtime_upgrade(chain: &mut Chain) -> Result<Weight, String> {
	let wasm = healthchain_runtime::try_runtime_wasm::WASM_BINARY.expect(
		"the try-runtime wasm was not built: build with HEALTHCHAIN_TRY_RUNTIME_WASM=1 \
		 (scripts/test.sh does)",
	);
	let executor = WasmExecutor::<HostFunctions>::builder()
		.with_offchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
		.build();
	let code = WrappedRuntimeCode(wasm.into());
	let runtime_code = RuntimeCode {
		code_fetcher: &code,
		heap_pages: None,
		hash: sp_io::hashing::blake2_256(wasm).to_vec(),
	};
	let mut ext = chain.ext.ext();
	let (result, _) = executor.call(
		&mut ext,
		&runtime_code,
		"TryRuntime_on_runtime_upgrade",
		&ALL_CHECKS.encode(),
		CallContext::Offchain,
	);
	let output = result.map_err(|e| e.to_string())?;
	let (weight, _max) = <(Weight, Weight)>::decode(&mut &output[..]).map_err(|e| e.to_string())?;
	Ok(weight)
}

/// The populated chain of the authorization tests, plus a grant, a record, a break-glass
/// access and a trial.
fn populated() -> Chain {
	let mut chain = authorization::world();
	chain.ext.execute_with(|| {
		authorization::grant_hospital(Actions { read: true, write: true });
		authorization::add_record();
		authorization::break_glass();
		authorization::register_trial();
	});
	chain
}

#[test]
fn every_pallet_has_its_storage_version_on_chain() {
	/// Whether pallet `P`'s storage version is written on chain, and equals the one in its code.
	fn check<P: GetStorageVersion<InCodeStorageVersion = StorageVersion> + PalletInfoAccess>() {
		let (name, on_chain, in_code) =
			(P::name(), P::on_chain_storage_version(), P::in_code_storage_version());
		println!("{name}: storage version {on_chain:?} on chain, {in_code:?} in code");
		// Genesis writes it, so that the first migration knows where it starts; a missing key
		// would also read as version 0.
		assert!(StorageVersion::exists::<P>(), "{name} has no storage version on chain");
		assert_eq!(on_chain, in_code, "{name}");
	}
	let mut chain = populated();
	chain.ext.execute_with(|| {
		check::<Organizations>();
		check::<Consent>();
		check::<Records>();
		check::<Trials>();
		check::<DrugLots>();
	});
}

#[test]
fn the_upgrade_checks_pass_on_a_populated_chain_and_catch_a_broken_one() {
	let weight = try_runtime_upgrade(&mut populated()).expect("the upgrade checks pass");
	println!("on_runtime_upgrade with every check: weight {weight:?}");

	// The same check on the same chain, but whose consent index lost an entry: `Consent`'s
	// `try_state` must refuse it, or this test would prove nothing.
	let mut chain = populated();
	chain.ext.execute_with(|| {
		let (patient, _) = pallet_consent::ConsentsByPatient::<Runtime>::iter()
			.next()
			.expect("the populated chain has a consent");
		pallet_consent::ConsentsByPatient::<Runtime>::remove(patient);
	});
	let refused = try_runtime_upgrade(&mut chain).expect_err("a broken index fails the checks");
	// The runtime panics on a failed check (`TryRuntime_on_runtime_upgrade` has no error
	// return), which the executor reports as a trap; the check's message is in the log.
	println!("on a broken chain: {}", refused.lines().next().unwrap_or_default());
	assert!(refused.contains("wasm trap"), "{refused}");
}
