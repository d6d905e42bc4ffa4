#!/usr/bin/env bash
# Query latency and growth (docs/performance.md): an optimised dev node populated with 100,000
# records of 10,000 patients, 50,000 consents, 10,000 drug lots and 1,000 trials (and, first,
# a tenth of that), each read's p50, p99 and max over thousands of calls from a concurrent
# client, through JSON-RPC and state_call, against state_getStorage on the same node; how each
# grows between the two sizes; and the components of the benchmarked weights. Prints tables;
# writes JSON.
#
#   scripts/bench-queries.sh                    # scales 0.1 and 1, 5,000 calls a read
#   SCALES="0.01 0.1" CALLS=1000 scripts/bench-queries.sh   # a quick look
#
# HEALTHCHAIN_NODE picks the node; by default the release node with the runtime-benchmarks
# feature (the build scripts/benchmark.sh and scripts/bench-throughput.sh use). Results go to
# $BENCH_OUT/queries.json (default docs/bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node
cd "$HEALTHCHAIN_ROOT"

SCALES="${SCALES:-0.1 1}"
CALLS="${CALLS:-5000}"
BENCH_OUT="${BENCH_OUT:-$HEALTHCHAIN_ROOT/docs/bench}"
if [ -z "${HEALTHCHAIN_NODE:-}" ]; then
	# Built every time (a no-op when it is up to date), so that the figures are the code's.
	echo "[bench] building the optimised node (release, runtime-benchmarks)"
	cargo build --locked --release -p healthchain-node --features runtime-benchmarks
	export HEALTHCHAIN_NODE="$CARGO_TARGET_DIR/release/healthchain-node"
fi
for dir in tests/e2e scripts/serials; do
	[ -d "$dir/node_modules" ] || (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
mkdir -p "$BENCH_OUT"
scale_args=()
for scale in $SCALES; do scale_args+=(--scale "$scale"); done
cd tests/e2e
# --expose-gc: the benchmark collects the heap between timed slices, so that the client's own
# garbage collection does not stall requests in flight.
node --expose-gc bench/queries.js "${scale_args[@]}" --calls "$CALLS" --json "$BENCH_OUT/queries.json"
