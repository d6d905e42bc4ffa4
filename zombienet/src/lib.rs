//! Healthchain as parachain 2000 of a local relay chain, for zombienet-sdk.
//!
//! The network is `healthchain.toml` next to this crate's manifest, the same file the zombienet
//! CLI reads. `scripts/zombienet.sh test` provides the binaries and runs `tests/parachain.rs`.

use std::{
	borrow::Cow,
	collections::HashMap,
	env,
	future::Future,
	path::{Path, PathBuf},
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use zombienet_sdk::{
	subxt::{
		backend::{legacy::LegacyRpcMethods, rpc::RpcClient},
		dynamic::{self, Value},
		ext::scale_value::ValueDef,
		OnlineClient, PolkadotConfig,
	},
	NetworkConfig, NetworkNode,
};

/// The parachain id of `healthchain.toml` and of the node's built-in `local` chain spec.
pub const PARA_ID: u32 = 2000;

/// What a relay-chain validator runs: the node and its two PVF workers.
pub const RELAY_BINARIES: [&str; 3] =
	["polkadot", "polkadot-prepare-worker", "polkadot-execute-worker"];

/// What a collator runs.
pub const COLLATOR_BINARY: &str = "healthchain-node";

/// The environment variable naming the upgrade wasm file (`scripts/zombienet.sh` sets it; the
/// wasm comes from `runtime/build.rs`).
pub const UPGRADE_WASM_ENV: &str = "HEALTHCHAIN_UPGRADE_WASM_PATH";

/// The Prometheus metric of a node's finalized height.
pub const FINALIZED_HEIGHT: &str = "block_height{status=\"finalized\"}";

/// The Prometheus metric of a node's best height.
pub const BEST_HEIGHT: &str = "block_height{status=\"best\"}";

/// The network of `healthchain.toml`.
pub fn network_config() -> Result<NetworkConfig> {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("healthchain.toml");
	let path = path.to_str().context("the crate path is not UTF-8")?;
	NetworkConfig::load_from_toml(path).with_context(|| format!("cannot load {path}"))
}

/// Fails, naming them, when binaries the network needs are not on `PATH`: without them
/// zombienet would only fail later and less clearly.
pub fn require_binaries() -> Result<()> {
	let path = env::var_os("PATH").unwrap_or_default();
	let missing: Vec<&str> = RELAY_BINARIES
		.iter()
		.copied()
		.chain([COLLATOR_BINARY])
		.filter(|binary| !env::split_paths(&path).any(|dir| dir.join(binary).is_file()))
		.collect();
	if !missing.is_empty() {
		bail!(
			"not on PATH: {}; run the test through `scripts/zombienet.sh test`, which builds them",
			missing.join(", ")
		);
	}
	Ok(())
}

/// The code of the runtime one spec version ahead, from the file `HEALTHCHAIN_UPGRADE_WASM_PATH`
/// names, compressed as a relay chain expects validation code: a debug build leaves the plain
/// wasm, which is over the relay chain's code size limit.
pub fn upgrade_code() -> Result<Vec<u8>> {
	use sp_maybe_compressed_blob::{compress_strongly, decompress, CODE_BLOB_BOMB_LIMIT};
	let path = env::var_os(UPGRADE_WASM_ENV).map(PathBuf::from).with_context(|| {
		format!("{UPGRADE_WASM_ENV} must name the upgrade wasm; scripts/zombienet.sh sets it")
	})?;
	let wasm = std::fs::read(&path)
		.with_context(|| format!("{UPGRADE_WASM_ENV}={} cannot be read", path.display()))?;
	let compressed = matches!(decompress(&wasm, CODE_BLOB_BOMB_LIMIT)?, Cow::Owned(_));
	if compressed {
		return Ok(wasm);
	}
	compress_strongly(&wasm, CODE_BLOB_BOMB_LIMIT)
		.context("the upgrade wasm is larger than the code blob limit")
}

/// Polls `check` every `every` until it answers `Some`, for at most `timeout`.
pub async fn poll<T, F, Fut>(
	what: &str,
	timeout: Duration,
	every: Duration,
	mut check: F,
) -> Result<T>
where
	F: FnMut() -> Fut,
	Fut: Future<Output = Result<Option<T>>>,
{
	let deadline = Instant::now() + timeout;
	loop {
		if let Some(value) = check().await? {
			return Ok(value);
		}
		if Instant::now() >= deadline {
			bail!("timed out after {timeout:?} waiting for {what}");
		}
		tokio::time::sleep(every).await;
	}
}

/// Waits until `node` reports `metric` at `at_least` or more, for at most `timeout`.
pub async fn wait_for_metric(
	node: &NetworkNode,
	metric: &str,
	at_least: f64,
	timeout: Duration,
) -> Result<()> {
	node.wait_metric_with_timeout(metric, |value| value >= at_least, timeout.as_secs())
		.await
		.with_context(|| {
			format!("{}: {metric} did not reach {at_least} in {timeout:?}", node.name())
		})
}

/// The lifecycle of parachain `para_id` on the relay chain (`Onboarding`, `Parachain`, ...),
/// or `None` when the relay chain does not know it.
pub async fn para_lifecycle(
	relay: &OnlineClient<PolkadotConfig>,
	para_id: u32,
) -> Result<Option<String>> {
	let key = Value::unnamed_composite([Value::u128(para_id.into())]);
	let address = dynamic::storage("Paras", "ParaLifecycles", vec![key]);
	let Some(lifecycle) = relay.storage().at_latest().await?.fetch(&address).await? else {
		return Ok(None);
	};
	match lifecycle.to_value()?.value {
		ValueDef::Variant(variant) => Ok(Some(variant.name)),
		other => Err(anyhow!("unexpected ParaLifecycle value: {other:?}")),
	}
}

/// The runtime version a node reports (`state_getRuntimeVersion` at its best block).
#[derive(Debug, Clone, PartialEq)]
pub struct RuntimeVersion {
	pub spec_version: u32,
	pub transaction_version: u32,
	/// Every other field: names, authoring and impl versions, APIs (sorted).
	pub other: HashMap<String, serde_json::Value>,
}

/// Asks a node for its current runtime version.
pub async fn runtime_version(node: &NetworkNode) -> Result<RuntimeVersion> {
	let rpc = RpcClient::from_insecure_url(node.ws_uri()).await?;
	let version =
		LegacyRpcMethods::<PolkadotConfig>::new(rpc).state_get_runtime_version(None).await?;
	let mut other = version.other;
	// The node reads the API list from the wasm's custom section, in the order the linker
	// left it, which differs between two builds of the same runtime: compare it as a set.
	if let Some(serde_json::Value::Array(apis)) = other.get_mut("apis") {
		apis.sort_by_key(|api| api.to_string());
	}
	Ok(RuntimeVersion {
		spec_version: version.spec_version,
		transaction_version: version.transaction_version,
		other,
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_network_is_two_validators_and_two_healthchain_collators_of_para_2000() -> Result<()> {
		let config = network_config()?;
		let relay = config.relaychain();
		assert_eq!(relay.chain().as_str(), "westend-local");
		let validators: Vec<&str> = relay.nodes().iter().map(|node| node.name()).collect();
		assert_eq!(validators, ["alice", "bob"]);
		assert!(relay.nodes().iter().all(|node| node.is_validator()));

		let paras = config.parachains();
		assert_eq!(paras.len(), 1);
		let para = paras.first().context("no parachain")?;
		assert_eq!(para.id(), PARA_ID);
		let collators: Vec<(&str, Option<u16>)> =
			para.collators().iter().map(|node| (node.name(), node.rpc_port())).collect();
		// Not 9945: the default RPC port of the relay chain inside each collator.
		assert_eq!(collators, [("charlie", Some(9944)), ("dave", Some(9946))]);
		for collator in para.collators() {
			let command = collator.command().context("a collator without a command")?;
			assert_eq!(command.as_str(), COLLATOR_BINARY);
		}
		Ok(())
	}
}
