#!/usr/bin/env bash
# Throughput of Healthchain's extrinsics (docs/performance.md): an optimised dev node with 2 s
# blocks, N extrinsics of each kind from N distinct accounts, against the transfer baseline
# and the ceiling the weights imply. Prints a table; writes JSON.
#
#   scripts/bench-throughput.sh            # N=5000
#   N=20 scripts/bench-throughput.sh       # a quick look
#
# HEALTHCHAIN_NODE picks the node; by default it builds the release node with the
# runtime-benchmarks feature: the build scripts/benchmark.sh measures the weights with, so the
# figures and the weights come from one binary, and the machine keeps one release build.
# Results go to $BENCH_OUT/throughput.json (default docs/bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node
cd "$HEALTHCHAIN_ROOT"

N="${N:-5000}"
BLOCK_TIME_MS="${BLOCK_TIME_MS:-2000}"
BENCH_OUT="${BENCH_OUT:-$HEALTHCHAIN_ROOT/docs/bench}"
if [ -z "${HEALTHCHAIN_NODE:-}" ]; then
	echo "[bench] building the optimised node (release, runtime-benchmarks)"
	cargo build --locked --release -p healthchain-node --features runtime-benchmarks
	export HEALTHCHAIN_NODE="$CARGO_TARGET_DIR/release/healthchain-node"
fi
[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$BENCH_OUT"
cd tests/e2e
node bench/throughput.js --n "$N" --block-time-ms "$BLOCK_TIME_MS" --json "$BENCH_OUT/throughput.json"
