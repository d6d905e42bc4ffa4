fn main() -> std::io::Result<()> {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();

		// The zombienet test upgrades a live network to the same runtime one spec version
		// ahead. That second wasm is only built on request (scripts/env.sh and
		// scripts/zombienet.sh ask for it), so a plain `cargo build` builds one runtime. It
		// lands next to the first, in `$CARGO_TARGET_DIR/<profile>/wbuild/healthchain-runtime/`,
		// as `healthchain_runtime_upgrade.wasm` (and `.compact.compressed.wasm` in release).
		println!("cargo:rerun-if-env-changed=HEALTHCHAIN_UPGRADE_WASM");
		if std::env::var_os("HEALTHCHAIN_UPGRADE_WASM").is_some() {
			substrate_wasm_builder::WasmBuilder::init_with_defaults()
				.enable_feature("increment-spec-version")
				.set_file_name("healthchain_runtime_upgrade")
				.build();
		}

		// The upgrade test (runtime/tests/integration/upgrade.rs) runs the runtime's
		// `TryRuntime` API, which only a wasm built with `try-runtime` has. scripts/env.sh asks
		// for it; otherwise `try_runtime_wasm::WASM_BINARY` is `None` and that test says how to
		// build it. Set and empty counts as not asked.
		const TRY_RUNTIME: &str = "healthchain_runtime_try_runtime";
		println!("cargo:rerun-if-env-changed=HEALTHCHAIN_TRY_RUNTIME_WASM");
		if std::env::var_os("HEALTHCHAIN_TRY_RUNTIME_WASM").is_some_and(|v| !v.is_empty()) {
			substrate_wasm_builder::WasmBuilder::init_with_defaults()
				.enable_feature("try-runtime")
				.set_file_name(TRY_RUNTIME)
				.build();
		} else {
			let out_dir = std::env::var_os("OUT_DIR").unwrap_or_default();
			std::fs::write(
				std::path::Path::new(&out_dir).join(TRY_RUNTIME),
				"pub const WASM_BINARY: Option<&[u8]> = None;",
			)?;
		}
	}
	Ok(())
}
