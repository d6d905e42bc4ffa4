#!/usr/bin/env bash
# Runs the whole Healthchain test suite, installing what it needs first:
#   1. formatting (cargo fmt --check);
#   2. unit tests of every crate and the runtime's integration tests (cargo test);
#   3. every pallet benchmark, run once against the pallet's mock runtime;
#   4. the end-to-end suite: the real `healthchain-node --dev`, driven over JSON-RPC with
#      @polkadot/api, and the real `healthchain-vault` over HTTP beside it, with a local
#      directory and an S3-compatible store, and the portal in headless Chromium (tests/e2e);
#      the records client example (docs/examples) and scripts/dev.sh;
#   5. the zombienet test (Healthchain as a parachain of a local relay chain, with a live
#      runtime upgrade) when the relay binaries are built (`scripts/zombienet.sh relay`).
#      Without them it is SKIPPED, and the summary says so: a skip is not a pass.
# Lints run inside steps 2 and 3: env.sh compiles our crates with clippy-driver
# (scripts/rustc-lint), warnings are errors, so a lint fails the build that tests it.
# CI runs exactly this script (.ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

healthchain_build_notice
"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node --with-s3 --with-browser

cd "$HEALTHCHAIN_ROOT"
SECONDS=0
step() { printf '\n\033[1m==> [%02d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path zombienet/Cargo.toml -- --check

step "cargo test (unit, runtime integration and node CLI tests)"
cargo test --locked --workspace
# The node's CLI tests and the vault's integration tests made cargo build both binaries, and
# the vault's S3 test server (an example); the end-to-end suite drives them.
export HEALTHCHAIN_NODE="$CARGO_TARGET_DIR/debug/healthchain-node"
export HEALTHCHAIN_VAULT="$CARGO_TARGET_DIR/debug/healthchain-vault"

PALLETS=(-p pallet-organizations -p pallet-consent -p pallet-records -p pallet-trials -p pallet-drug-lots)
step "pallet benchmarks, once each against the mock runtime"
cargo test --locked "${PALLETS[@]}" --features runtime-benchmarks

step "the portal: its descriptors, checked against the runtime just built, and portal/dist"
"$HEALTHCHAIN_ROOT/scripts/portal.sh" build

step "end-to-end tests (tests/e2e)"
# The suite runs the records client example and the serials script, which have their own
# dependencies.
for dir in docs/examples/records-client scripts/serials tests/e2e; do
	(cd "$HEALTHCHAIN_ROOT/$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
cd "$HEALTHCHAIN_ROOT/tests/e2e"
npm test

step "zombienet: Healthchain as parachain 2000 of a local relay chain"
if "$HEALTHCHAIN_ROOT/scripts/zombienet.sh" has-relay; then
	"$HEALTHCHAIN_ROOT/scripts/zombienet.sh" test
	step "all tests passed in $((SECONDS / 60)) min $((SECONDS % 60)) s"
else
	printf '\033[1;33mSKIPPED: the zombienet test. The relay-chain binaries are not in %s;\033[0m\n' \
		"$HEALTHCHAIN_RELAY_DIR/bin"
	printf '\033[1;33m`scripts/zombienet.sh relay` builds them once (79 minutes on our 2-core machine).\033[0m\n'
	step "every other test passed in $((SECONDS / 60)) min $((SECONDS % 60)) s; the zombienet test was SKIPPED, not run"
fi
