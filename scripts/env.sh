# Sourced by the scripts: one place for the build environment.
HEALTHCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HEALTHCHAIN_ROOT
# The target directory lives outside the clone so that every clone (and CI) reuses builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}"
# The wasm build walks up from its build directory to find Cargo.lock; point it at ours.
export WASM_BUILD_WORKSPACE_HINT="$HEALTHCHAIN_ROOT"
# frame-benchmarking-cli embeds a small test runtime, used only by `benchmark storage --mode
# validate-block`. Its wasm build costs minutes on every cold build, so it is skipped unless a
# caller sets this variable to empty (benchmark builds do).
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD="${SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD-1}"
# Our crates compile with clippy's lints on (see rustc-lint): one build both tests and lints.
export RUSTC_WORKSPACE_WRAPPER="$HEALTHCHAIN_ROOT/scripts/rustc-lint"
# Where the relay-chain binaries of the zombienet network live (scripts/zombienet.sh).
export HEALTHCHAIN_RELAY_DIR="${HEALTHCHAIN_RELAY_DIR:-$HOME/.cache/healthchain/relay}"
# Where the zombienet test can run (the relay binaries are built), the runtime's build also
# produces the same runtime one spec version ahead, which that test upgrades a live network to
# (runtime/build.rs). Deciding it here, for every script, keeps cargo from rebuilding the
# runtime each time one script asks for it and another does not; machines without the relay
# binaries do not pay for the second wasm.
if [ -z "${HEALTHCHAIN_UPGRADE_WASM+set}" ] && [ -x "$HEALTHCHAIN_RELAY_DIR/bin/polkadot" ]; then
	export HEALTHCHAIN_UPGRADE_WASM=1
fi
