fn main() {
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
	}
}
