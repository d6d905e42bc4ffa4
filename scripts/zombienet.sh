#!/usr/bin/env bash
# Healthchain as a parachain of a local relay chain (zombienet, native provider).
#
#   scripts/zombienet.sh relay      build the relay-chain binaries if they are missing
#   scripts/zombienet.sh has-relay  exit 0 if they are built, 1 if not (builds nothing)
#   scripts/zombienet.sh spawn      start the network of zombienet/healthchain.toml, keep it up
#   scripts/zombienet.sh test       run the zombienet integration test (zombienet/tests)
#
# Every command first makes sure of the relay binaries (`polkadot`, `polkadot-prepare-worker`,
# `polkadot-execute-worker`) and of `healthchain-node`. Releases cannot be downloaded on our
# machines, so the relay binaries are built from the published `polkadot` crate at the version
# that matches our polkadot-sdk stable2609 dependencies, into a cache outside the clone:
#   $HEALTHCHAIN_RELAY_DIR/bin   (default ~/.cache/healthchain/relay/bin)
# A cold build took 79 minutes on our 2-core machine (sharing it with other builds); when the
# binaries are there, nothing is built.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# polkadot 41.0.0 is polkadot v1.25.1, built on polkadot-cli 42: the stable2609 line.
RELAY_CRATE_VERSION=41.0.0
RELAY_VERSION=1.25.1
RELAY_TARGET_DIR="${HEALTHCHAIN_RELAY_TARGET_DIR:-$HOME/.cache/healthchain/relay-target}"
RELAY_BIN="$HEALTHCHAIN_RELAY_DIR/bin"

log() { printf '\033[1m[zombienet]\033[0m %s\n' "$*"; }

relay_binaries_present() {
	local bin
	for bin in polkadot polkadot-prepare-worker polkadot-execute-worker; do
		[ -x "$RELAY_BIN/$bin" ] || return 1
	done
	"$RELAY_BIN/polkadot" --version 2>/dev/null | grep -q " $RELAY_VERSION-"
}

# A debug build whose executor and crypto crates are optimised: the PVF compiler (wasmtime,
# cranelift, regalloc2) and hashing are what a relay node spends its time in. A plain debug
# node needs minutes to build its genesis state; a release build takes hours on 2 cores.
RELAY_OPTIMISED_CRATES=(
	wasmtime wasmtime-environ wasmtime-internal-cranelift wasmtime-internal-jit-icache-coherence
	wasmtime-internal-math wasmtime-internal-slab wasmtime-internal-unwinder
	cranelift-assembler-x64 cranelift-bforest cranelift-bitset cranelift-codegen
	cranelift-control cranelift-entity cranelift-frontend cranelift-native regalloc2
	blake2 blake2b_simd blake3 chacha20 curve25519-dalek ed25519-dalek ed25519-zebra hash-db
	hashbrown keccak libsecp256k1 libsecp256k1-core merlin primitive-types
	reed-solomon-novelpoly ring schnorrkel secp256k1 sha2 sha3 sp-crypto-hashing twox-hash
	uint x25519-dalek zeroize
)

build_relay() {
	if relay_binaries_present; then
		log "relay binaries present in $RELAY_BIN (polkadot $RELAY_VERSION)"
		return
	fi
	"$HEALTHCHAIN_ROOT/scripts/setup.sh"
	log "building polkadot $RELAY_CRATE_VERSION into $RELAY_BIN (over an hour cold on 2 cores)"
	local config=(--config 'profile.dev.debug=0' --config 'profile.dev.package."*".debug=0')
	local crate
	for crate in "${RELAY_OPTIMISED_CRATES[@]}"; do
		config+=(--config "profile.dev.package.$crate.opt-level=3")
	done
	local started=$SECONDS
	# Our build settings stay out of it: no clippy wrapper, no workspace hint (the relay
	# runtimes' wasm builds must not find our Cargo.lock), its own target directory.
	(
		cd "$HEALTHCHAIN_ROOT"
		env -u RUSTC_WORKSPACE_WRAPPER -u WASM_BUILD_WORKSPACE_HINT -u CARGO_TARGET_DIR \
			-u SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD \
			cargo install "polkadot@$RELAY_CRATE_VERSION" --locked --debug --force \
			--root "$HEALTHCHAIN_RELAY_DIR" --target-dir "$RELAY_TARGET_DIR" "${config[@]}"
	)
	relay_binaries_present || { echo "zombienet.sh: the relay build left no usable binaries in $RELAY_BIN" >&2; exit 1; }
	log "relay binaries built in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s"
	# The installed binaries are all that is used; the 11 GB build directory is not.
	rm -rf "$RELAY_TARGET_DIR"
}

build_node() {
	log "building healthchain-node and the upgrade runtime"
	# env.sh sets it once the relay binaries exist; they may have been built just now.
	export HEALTHCHAIN_UPGRADE_WASM=1
	(cd "$HEALTHCHAIN_ROOT" && cargo build --locked -p healthchain-node)
	# runtime/build.rs writes it when HEALTHCHAIN_UPGRADE_WASM is set: plain in a debug build
	# (the test compresses it), compact and compressed in a release build.
	local wbuild="$CARGO_TARGET_DIR/debug/wbuild/healthchain-runtime"
	HEALTHCHAIN_UPGRADE_WASM_PATH="$wbuild/healthchain_runtime_upgrade.compact.compressed.wasm"
	[ -f "$HEALTHCHAIN_UPGRADE_WASM_PATH" ] || HEALTHCHAIN_UPGRADE_WASM_PATH="$wbuild/healthchain_runtime_upgrade.wasm"
	[ -f "$HEALTHCHAIN_UPGRADE_WASM_PATH" ] || {
		echo "zombienet.sh: the build left no upgrade runtime at $HEALTHCHAIN_UPGRADE_WASM_PATH" >&2
		exit 1
	}
	export HEALTHCHAIN_UPGRADE_WASM_PATH
}

# zombienet finds every binary on PATH: the relay's, then ours.
use_binaries() {
	export PATH="$RELAY_BIN:$CARGO_TARGET_DIR/debug:$PATH"
}

command="${1:-}"
case "$command" in
relay)
	build_relay
	;;
has-relay)
	# For CI: exit 0 when the relay binaries are built, 1 when not; builds nothing.
	relay_binaries_present
	;;
spawn)
	build_relay
	build_node
	use_binaries
	cd "$HEALTHCHAIN_ROOT/zombienet"
	exec cargo run --locked --quiet
	;;
test)
	build_relay
	build_node
	use_binaries
	cd "$HEALTHCHAIN_ROOT/zombienet"
	log "running the zombienet test (it spawns 2 validators and 2 collators; about 10 minutes)"
	started=$SECONDS
	cargo test --locked -- --nocapture
	log "zombienet test passed in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s"
	;;
*)
	echo "usage: scripts/zombienet.sh relay|has-relay|spawn|test" >&2
	exit 2
	;;
esac
