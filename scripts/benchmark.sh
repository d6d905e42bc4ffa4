#!/usr/bin/env bash
# Regenerates the weights of Healthchain's pallets by running their benchmarks
# (`benchmarking.rs`, frame-benchmarking v2) in the runtime wasm, through the node's
# `benchmark pallet` command, and writing `pallets/<pallet>/src/weights.rs`.
#
#   scripts/benchmark.sh                  # every Healthchain pallet
#   scripts/benchmark.sh pallet_consent   # one pallet
#
# STEPS and REPEAT override the sampling (defaults: 50 and 20, the SDK's usual figures).
# PROFILE=release benchmarks with an optimised node. The runtime itself always runs as
# optimised wasm, but a debug node's host functions (storage, tries) are several times slower,
# so a debug build gives safe but high weights; weights for a production network come from a
# release build on the reference machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$HEALTHCHAIN_ROOT/scripts/setup.sh"
cd "$HEALTHCHAIN_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PROFILE="${PROFILE:-debug}"
case "$PROFILE" in
	debug) profile_args=() ;;
	release) profile_args=(--release) ;;
	*) echo "PROFILE must be debug or release" >&2; exit 2 ;;
esac

declare -A CRATE_DIR=(
	[pallet_organizations]=pallets/organizations
	[pallet_consent]=pallets/consent
	[pallet_records]=pallets/records
	[pallet_trials]=pallets/trials
	[pallet_drug_lots]=pallets/drug-lots
)
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_organizations pallet_consent pallet_records pallet_trials pallet_drug_lots)

echo "[benchmark] building healthchain-node with the runtime-benchmarks feature"
cargo build --locked "${profile_args[@]}" -p healthchain-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/$PROFILE/healthchain-node"

for pallet in "${pallets[@]}"; do
	dir="${CRATE_DIR[$pallet]:?unknown pallet $pallet}"
	echo "[benchmark] $pallet -> $dir/src/weights.rs"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
