//! Chain specifications: the built-in ones and loading from a file.

use std::borrow::Cow;

use polkadot_sdk::*;

use sc_chain_spec::{ChainSpecExtension, ChainSpecGroup, ChainType};
use serde::{Deserialize, Serialize};

use healthchain_runtime::genesis_config_presets::PARACHAIN_ID;

/// The relay chain the built-in specs expect: a local Westend, as zombienet starts it.
const RELAY_CHAIN: &str = "westend-local";

/// A chain spec of Healthchain.
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

/// Parachain data that lives in the chain spec beside the genesis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ChainSpecGroup, ChainSpecExtension)]
pub struct Extensions {
	/// The relay chain's chain id, used for the embedded relay node when `--` names none.
	#[serde(alias = "relayChain", alias = "RelayChain")]
	pub relay_chain: String,
	/// The parachain id. The runtime is the authority; this copy is for tooling.
	#[serde(alias = "paraId", alias = "ParaId")]
	pub para_id: u32,
}

impl Extensions {
	/// The extensions of `chain_spec`, if it has them.
	pub fn try_get(chain_spec: &dyn sc_service::ChainSpec) -> Option<&Self> {
		sc_chain_spec::get_extension(chain_spec.extensions())
	}
}

fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), healthchain_runtime::TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), healthchain_runtime::TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), healthchain_runtime::SS58_PREFIX.into());
	properties
}

/// The runtime code for genesis, always zstd-compressed.
///
/// Release builds embed a compressed blob already. Debug builds embed the plain one, which is
/// larger than the validation-code limit of a relay chain (and of the mocked one of `--dev`),
/// so a runtime upgrade re-using it would be refused.
fn genesis_code() -> Result<Cow<'static, [u8]>, String> {
	use sp_maybe_compressed_blob::{compress_weakly, decompress, CODE_BLOB_BOMB_LIMIT};
	let wasm = healthchain_runtime::WASM_BINARY.ok_or_else(|| {
		"this node was built without the runtime wasm (SKIP_WASM_BUILD was set); rebuild it \
		 without SKIP_WASM_BUILD to use the built-in chain specs"
			.to_string()
	})?;
	match decompress(wasm, CODE_BLOB_BOMB_LIMIT)
		.map_err(|e| format!("the embedded runtime wasm is corrupt: {e}"))?
	{
		// It decompressed, so it was compressed already.
		Cow::Owned(_) => Ok(Cow::Borrowed(wasm)),
		// A fast compression level: this runs at every start of the node.
		Cow::Borrowed(plain) => compress_weakly(plain, CODE_BLOB_BOMB_LIMIT)
			.map(Cow::Owned)
			.ok_or_else(|| "the runtime wasm is larger than the code size limit".to_string()),
	}
}

/// The `--dev` chain: the `development` preset, Alice as the only collator.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		&genesis_code()?,
		Extensions { relay_chain: RELAY_CHAIN.into(), para_id: PARACHAIN_ID },
	)
	.with_name("Healthchain Development")
	.with_id("healthchain_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// A local testnet against a local relay chain: the `local_testnet` preset, Alice and Bob as
/// collators.
pub fn local_testnet() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		&genesis_code()?,
		Extensions { relay_chain: RELAY_CHAIN.into(), para_id: PARACHAIN_ID },
	)
	.with_name("Healthchain Local Testnet")
	.with_id("healthchain_local_testnet")
	.with_chain_type(ChainType::Local)
	.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
	.with_protocol_id("healthchain-local")
	.with_properties(properties())
	.build())
}

/// Resolves `--chain`: a built-in name or the path of a chain-spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development()?),
		"" | "local" | "local_testnet" => Box::new(local_testnet()?),
		path => Box::new(ChainSpec::from_json_file(path.into()).map_err(|e| {
			format!(
				"`{path}` is neither a built-in chain (dev, local) nor a readable chain spec \
				 file: {e}"
			)
		})?),
	})
}
