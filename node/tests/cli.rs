//! The command line refuses bad input with a clear message and a non-zero exit, never a panic.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

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
