//! The genesis presets build, and hold what the docs promise.

use polkadot_sdk::*;

use crate::common::{preset_storage, Chain};
use healthchain_runtime::{
	genesis_config_presets::{ENDOWMENT, PARACHAIN_ID},
	AccountId, Runtime,
};
use sp_keyring::Sr25519Keyring::{self, *};

fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

#[test]
fn the_runtime_lists_exactly_the_two_presets() {
	let wasm = healthchain_runtime::WASM_BINARY.unwrap();
	let names =
		sc_chain_spec::GenesisConfigBuilderRuntimeCaller::<()>::new(wasm).preset_names().unwrap();
	let mut names: Vec<String> =
		names.into_iter().map(|id| String::from_utf8(id.into()).unwrap()).collect();
	names.sort();
	assert_eq!(names, ["development", "local_testnet"]);
}

#[test]
fn an_unknown_preset_is_refused() {
	let wasm = healthchain_runtime::WASM_BINARY.unwrap();
	let result = sc_chain_spec::GenesisConfigBuilderRuntimeCaller::<()>::new(wasm)
		.get_storage_for_named_preset(Some(&"production".to_string()));
	assert!(result.is_err());
}

#[test]
fn development_preset() {
	Chain::from_preset("development").ext.execute_with(|| {
		// Every well-known dev account is funded.
		for key in Sr25519Keyring::well_known() {
			assert_eq!(
				pallet_balances::Pallet::<Runtime>::free_balance(key.to_account_id()),
				ENDOWMENT,
				"{key:?}"
			);
		}
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
		assert_eq!(staging_parachain_info::Pallet::<Runtime>::parachain_id(), PARACHAIN_ID.into());

		// Alice alone collates.
		assert_eq!(
			pallet_collator_selection::Invulnerables::<Runtime>::get().into_inner(),
			accounts(&[Alice])
		);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), accounts(&[Alice]));
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);

		// The HealthAuthority council is Alice, Bob and Charlie, in the membership pallet and
		// in the collective it feeds.
		let mut council = accounts(&[Alice, Bob, Charlie]);
		council.sort();
		assert_eq!(
			pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner(),
			council
		);
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			council
		);
	});
}

#[test]
fn local_testnet_preset() {
	Chain::from_preset("local_testnet").ext.execute_with(|| {
		// Collator selection keeps its invulnerables sorted.
		let mut collators = accounts(&[Alice, Bob]);
		collators.sort();
		assert_eq!(
			pallet_collator_selection::Invulnerables::<Runtime>::get().into_inner(),
			collators
		);
		let mut validators = pallet_session::Validators::<Runtime>::get();
		validators.sort();
		assert_eq!(validators, collators);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			3
		);
	});
}

#[test]
fn the_two_presets_are_distinct_genesis_states() {
	// Both fund the same accounts; the collator sets differ.
	assert_ne!(preset_storage("development").top, preset_storage("local_testnet").top);
}

#[test]
fn demo_keys_are_the_named_dev_derivations() {
	use sp_core::{sr25519, Pair};
	for (path, key) in healthchain_runtime::genesis_config_presets::demo::ALL {
		let pair = sr25519::Pair::from_string(path, None).unwrap();
		assert_eq!(pair.public().0, key, "{path}");
	}
}
