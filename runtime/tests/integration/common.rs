//! Helpers shared by the runtime integration tests: genesis from the presets, signed
//! extrinsics, and whole blocks built the way the dev node builds them.

#![allow(dead_code)]

use codec::Encode;
use polkadot_sdk::*;

use cumulus_client_parachain_inherent::MockValidationDataInherentDataProvider;
use cumulus_primitives_core::relay_chain::HeadData;
use healthchain_runtime::{
	genesis_config_presets::PARACHAIN_ID, AccountId, Executive, Header, Runtime, RuntimeCall,
	SignedPayload, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use sp_core::Pair;
use sp_inherents::InherentDataProvider;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{BlakeTwo256, Hash as _, Header as _},
	MultiAddress, MultiSignature, StateVersion,
};

/// The genesis storage of the runtime preset `name`, built by executing the runtime wasm
/// exactly as the node does for a chain spec.
///
/// Built once per preset for the whole test binary: compiling the wasm in a debug build takes
/// seconds, and most tests start from a preset.
pub fn preset_storage(name: &str) -> sp_core::storage::Storage {
	use std::{
		collections::BTreeMap,
		sync::{Arc, Mutex, OnceLock},
	};
	type Built = Arc<OnceLock<sp_core::storage::Storage>>;
	static PRESETS: OnceLock<Mutex<BTreeMap<String, Built>>> = OnceLock::new();
	let slot: Built = PRESETS
		.get_or_init(Default::default)
		.lock()
		.unwrap_or_else(|poisoned| poisoned.into_inner())
		.entry(name.to_string())
		.or_default()
		.clone();
	slot.get_or_init(|| {
		let wasm = healthchain_runtime::WASM_BINARY.expect("the runtime wasm is built for tests");
		sc_chain_spec::GenesisConfigBuilderRuntimeCaller::<()>::new(wasm)
			.get_storage_for_named_preset(Some(&name.to_string()))
			.unwrap_or_else(|e| panic!("preset `{name}` does not build: {e}"))
	})
	.clone()
}

/// A chain at genesis: externalities holding the preset's genesis and the genesis header.
pub struct Chain {
	pub ext: sp_io::TestExternalities,
	pub head: Header,
}

impl Chain {
	/// The chain of the runtime preset `name`, at its genesis block.
	pub fn from_preset(name: &str) -> Self {
		let mut ext = sp_io::TestExternalities::new(preset_storage(name));
		let head = ext.execute_with(|| {
			// The genesis header commits to the genesis state and to no extrinsics.
			let state_root = sp_io::storage::root(StateVersion::V1);
			let extrinsics_root = BlakeTwo256::ordered_trie_root(vec![], StateVersion::V0);
			Header::new(
				0,
				extrinsics_root,
				<[u8; 32]>::try_from(state_root.as_slice()).expect("32-byte root").into(),
				Default::default(),
				Default::default(),
			)
		});
		Self { ext, head }
	}

	/// Builds and executes the next block in relay-chain slot `relay_slot`, with the inherents
	/// the dev node provides (timestamp, mocked relay-chain data) followed by the extrinsics
	/// that `extrinsics` returns. `extrinsics` runs after the block is initialised, so it can
	/// sign against the chain's state. Returns the result of each extrinsic.
	pub fn execute_block(
		&mut self,
		relay_slot: u64,
		extrinsics: impl FnOnce() -> Vec<UncheckedExtrinsic>,
	) -> Vec<sp_runtime::ApplyExtrinsicResult> {
		let parent = self.head.clone();
		let number = parent.number() + 1;
		let header = Header::new(
			number,
			Default::default(),
			Default::default(),
			parent.hash(),
			Digest {
				logs: vec![DigestItem::PreRuntime(
					sp_consensus_aura::AURA_ENGINE_ID,
					sp_consensus_aura::Slot::from(relay_slot).encode(),
				)],
			},
		);
		let inherent_data = dev_inherent_data(&parent, relay_slot);

		let (head, results) = self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			for inherent in inherents(&inherent_data) {
				let result = Executive::apply_extrinsic(inherent);
				assert!(matches!(result, Ok(Ok(()))), "inherent failed: {result:?}");
			}
			let results: Vec<_> =
				extrinsics().into_iter().map(Executive::apply_extrinsic).collect();
			(Executive::finalize_block(), results)
		});
		self.head = head;
		results
	}
}

/// The inherent extrinsics for `data`, in the order the block builder puts them: the pallets'
/// order in the runtime.
fn inherents(data: &sp_inherents::InherentData) -> Vec<UncheckedExtrinsic> {
	use frame_support::inherent::ProvideInherent;
	let validation_data = cumulus_pallet_parachain_system::Pallet::<Runtime>::create_inherent(data)
		.map(RuntimeCall::ParachainSystem);
	let timestamp =
		pallet_timestamp::Pallet::<Runtime>::create_inherent(data).map(RuntimeCall::Timestamp);
	[validation_data, timestamp]
		.into_iter()
		.map(|call| UncheckedExtrinsic::new_bare(call.expect("the inherent data is complete")))
		.collect()
}

/// The inherent data of the dev node for a block on `parent` in relay slot `relay_slot`.
fn dev_inherent_data(parent: &Header, relay_slot: u64) -> sp_inherents::InherentData {
	let number = parent.number() + 1;
	let mut data = sp_inherents::InherentData::new();
	futures::executor::block_on(async {
		sp_timestamp::InherentDataProvider::new((relay_slot * SLOT_DURATION).into())
			.provide_inherent_data(&mut data)
			.await
			.expect("timestamp inherent");
		MockValidationDataInherentDataProvider::<()> {
			current_para_block: number,
			para_id: PARACHAIN_ID.into(),
			current_para_block_head: Some(HeadData(parent.encode())),
			relay_offset: u32::try_from(relay_slot).expect("slot fits") - number,
			relay_blocks_per_para_block: 1,
			para_blocks_per_relay_epoch: 10,
			..Default::default()
		}
		.provide_inherent_data(&mut data)
		.await
		.expect("parachain inherent");
	});
	data
}

/// The transaction extensions a wallet attaches: immortal, no tip, no metadata hash.
pub fn tx_extension(nonce: u32) -> TxExtension {
	tx_extension_with_tip(nonce, 0)
}

/// The transaction extensions a wallet attaches, with a tip of `tip`.
pub fn tx_extension_with_tip(nonce: u32, tip: u128) -> TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	)
		.into()
}

/// `call` signed by `signer` with `nonce`. Runs inside externalities: the signed payload
/// commits to the genesis hash and the runtime version.
pub fn signed(call: RuntimeCall, signer: Sr25519Keyring, nonce: u32) -> UncheckedExtrinsic {
	signed_as(call, signer, signer, nonce)
}

/// `call` claiming to come from `claimed`, signed with the key of `key`.
pub fn signed_as(
	call: RuntimeCall,
	claimed: Sr25519Keyring,
	key: Sr25519Keyring,
	nonce: u32,
) -> UncheckedExtrinsic {
	sign(call, claimed.to_account_id(), &key.pair(), tx_extension(nonce))
}

/// `call` claiming to come from `claimed`, signed with `key`, with `extension`.
pub fn sign(
	call: RuntimeCall,
	claimed: AccountId,
	key: &sp_core::sr25519::Pair,
	extension: TxExtension,
) -> UncheckedExtrinsic {
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid extensions");
	let signature = payload.using_encoded(|bytes| key.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(claimed),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// The relay-chain slot of the current time, as the dev node uses it.
pub fn current_relay_slot() -> u64 {
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("after 1970")
		.as_millis() as u64;
	now / SLOT_DURATION
}
