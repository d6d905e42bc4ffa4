//! The command line refuses bad input with a clear message and a non-zero exit, never a panic.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::panic,
	clippy::unwrap_used
)]

use std::process::{Command, Output};

fn node(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_healthchain-node"))
		.args(args)
		.output()
		.expect("healthchain-node runs")
}

fn stderr(output: &Output) -> String {
	String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
	let stderr = stderr(output);
	assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn an_unknown_chain_spec_is_a_clear_error() {
	let output = node(&["--chain", "nonexistent.json", "--tmp"]);
	assert_eq!(output.status.code(), Some(1));
	let stderr = stderr(&output);
	assert!(stderr.contains("nonexistent.json"), "{stderr}");
	assert!(stderr.contains("neither a built-in chain"), "{stderr}");
	assert_no_panic(&output);
}

#[test]
fn a_chain_spec_that_is_not_json_is_a_clear_error() {
	let dir = std::env::temp_dir().join(format!("healthchain-cli-test-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let spec = dir.join("broken.json");
	std::fs::write(&spec, "{ this is not a chain spec").unwrap();
	let output = node(&["--chain", spec.to_str().unwrap(), "--tmp"]);
	std::fs::remove_dir_all(&dir).unwrap();
	assert_eq!(output.status.code(), Some(1));
	assert!(stderr(&output).contains("broken.json"), "{}", stderr(&output));
	assert_no_panic(&output);
}

#[test]
fn bad_relay_chain_arguments_are_a_clear_error() {
	let output = node(&["--chain", "local", "--tmp", "--", "--no-such-flag"]);
	assert_eq!(output.status.code(), Some(1));
	assert!(stderr(&output).contains("relay chain arguments"), "{}", stderr(&output));
	assert_no_panic(&output);
}

#[test]
fn a_zero_dev_block_time_is_refused() {
	let output = node(&["--dev", "--dev-block-time", "0"]);
	assert_eq!(output.status.code(), Some(2), "clap's usage-error status");
	assert!(stderr(&output).contains("--dev-block-time"), "{}", stderr(&output));
}

#[test]
fn help_lists_the_subcommands_and_dev_flags() {
	let output = node(&["--help"]);
	assert!(output.status.success());
	let help = String::from_utf8_lossy(&output.stdout);
	for expected in [
		"build-spec",
		"export-genesis-head",
		"export-genesis-wasm",
		"purge-chain",
		"key",
		"check-block",
		"export-blocks",
		"import-blocks",
		"revert",
		"benchmark",
		"--dev-block-time",
		"--collator",
	] {
		assert!(help.contains(expected), "`{expected}` is missing from --help:\n{help}");
	}
}

#[test]
fn pallet_benchmarks_need_the_feature() {
	// Without `runtime-benchmarks` the command exists but says what is missing.
	let output = node(&[
		"benchmark",
		"pallet",
		"--chain",
		"dev",
		"--pallet",
		"pallet_balances",
		"--extrinsic",
		"*",
	]);
	if cfg!(feature = "runtime-benchmarks") {
		return;
	}
	assert_eq!(output.status.code(), Some(1));
	assert!(stderr(&output).contains("runtime-benchmarks"), "{}", stderr(&output));
	assert_no_panic(&output);
}

/// `build-spec` of a chain, as JSON.
fn chain_spec_json(args: &[&str]) -> serde_json::Value {
	let output = node(&[&["build-spec", "--disable-default-bootnode"], args].concat());
	assert!(output.status.success(), "{}", stderr(&output));
	serde_json::from_slice(&output.stdout).expect("build-spec prints JSON")
}

#[test]
fn built_in_specs_carry_the_presets_and_properties() {
	for (id, chain_type) in [("dev", "Development"), ("local", "Local")] {
		let spec = chain_spec_json(&["--chain", id]);
		assert_eq!(spec["chainType"], chain_type, "{id}");
		assert_eq!(spec["properties"]["tokenSymbol"], "HLTH", "{id}");
		assert_eq!(spec["properties"]["tokenDecimals"], 12, "{id}");
		assert_eq!(spec["para_id"], 2000, "{id}");
		assert_eq!(spec["relay_chain"], "westend-local", "{id}");
		// The raw spec is the genesis storage, built from the runtime's preset.
		let raw = chain_spec_json(&["--chain", id, "--raw"]);
		let top = raw["genesis"]["raw"]["top"].as_object().expect("raw genesis storage");
		assert!(top.len() > 10, "{id}: {} keys", top.len());
	}
}

#[test]
fn chain_spec_extensions_accept_camel_and_snake_case() {
	let dir = std::env::temp_dir().join(format!("healthchain-cli-ext-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let mut spec = chain_spec_json(&["--chain", "local"]);
	let object = spec.as_object_mut().unwrap();
	let relay = object.remove("relay_chain").unwrap();
	let para = object.remove("para_id").unwrap();
	object.insert("relayChain".into(), relay);
	object.insert("paraId".into(), para);
	let path = dir.join("camel.json");
	std::fs::write(&path, serde_json::to_vec(&spec).unwrap()).unwrap();
	let reread = chain_spec_json(&["--chain", path.to_str().unwrap()]);
	std::fs::remove_dir_all(&dir).unwrap();
	assert_eq!(reread["para_id"], 2000);
	assert_eq!(reread["relay_chain"], "westend-local");
}

#[test]
fn genesis_code_is_compressed_and_within_the_relay_chain_limit() {
	// What `sp_maybe_compressed_blob` puts before zstd-compressed runtime code.
	const ZSTD_PREFIX: [u8; 8] = [0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05];
	let output = node(&["export-genesis-wasm", "--chain", "dev"]);
	assert!(output.status.success(), "{}", stderr(&output));
	let hex = String::from_utf8(output.stdout).unwrap();
	let hex = hex.trim().trim_start_matches("0x");
	let code: Vec<u8> = (0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
		.collect();
	assert_eq!(code[..8], ZSTD_PREFIX, "the code is compressed");
	// The validation-code limit of the mocked relay chain, and below Polkadot's.
	assert!(code.len() < 2 * 1024 * 1024, "{} bytes", code.len());
}

#[test]
fn a_network_chain_spec_is_never_sealed_locally() {
	// `local` is the spec of a test network (ChainType::Local): manual seal is refused.
	let output = node(&["--chain", "local", "--dev-block-time", "1000", "--tmp"]);
	assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
	assert!(stderr(&output).contains("runs only a development chain spec"), "{}", stderr(&output));
	assert_no_panic(&output);
}

#[test]
fn a_development_chain_spec_never_runs_as_a_parachain_node() {
	let output = node(&["--chain", "dev", "--tmp"]);
	assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
	assert!(stderr(&output).contains("add --dev or --dev-block-time"), "{}", stderr(&output));
	assert_no_panic(&output);
}
