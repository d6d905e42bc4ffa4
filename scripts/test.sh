#!/usr/bin/env bash
# Runs the whole Healthchain test suite, installing what it needs first:
#   1. formatting (cargo fmt --check) and lints (cargo clippy, warnings are errors);
#   2. unit tests of every crate and the runtime's integration tests (cargo test);
#   3. the end-to-end suite: the real `healthchain-node --dev`, driven over JSON-RPC with
#      @polkadot/api (tests/e2e).
# CI runs exactly this script (.ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node

cd "$HEALTHCHAIN_ROOT"
SECONDS=0
step() { printf '\n\033[1m==> [%02d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
# Lints need no runtime wasm; skipping its build keeps clippy from touching the test build's.
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo test (unit, runtime integration and node CLI tests)"
cargo test --locked --workspace
# The node's CLI tests made cargo build the binary itself; the end-to-end suite drives it.
export HEALTHCHAIN_NODE="$CARGO_TARGET_DIR/debug/healthchain-node"

step "end-to-end tests (tests/e2e)"
cd "$HEALTHCHAIN_ROOT/tests/e2e"
npm ci --no-audit --no-fund --loglevel=error
npm test

step "all tests passed in $((SECONDS / 60)) min $((SECONDS % 60)) s"
