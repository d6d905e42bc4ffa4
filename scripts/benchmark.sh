#!/usr/bin/env bash
# Regenerates the weights of Healthchain's pallets by running their benchmarks
# (`benchmarking.rs`, frame-benchmarking v2) in the runtime wasm, through the node's
# `benchmark pallet` command, and writing `pallets/<pallet>/src/weights.rs`.
#
#   scripts/benchmark.sh                  # every Healthchain pallet
#   scripts/benchmark.sh pallet_consent   # one pallet
#
# STEPS and REPEAT override the sampling (defaults: 50 and 20, the SDK's usual figures).
# The node is an optimised (release) build: the runtime always runs as optimised wasm, but a
# debug node's host functions (storage, tries, proof recording) are several times slower, which
# made every weight several times too high. PROFILE=debug still builds a debug node, for a
# quick check of the benchmarks only; never commit weights from it. Weights for a production
# network come from the reference machine. Each file's header records the profile and the
# command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$HEALTHCHAIN_ROOT/scripts/setup.sh"
cd "$HEALTHCHAIN_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PROFILE="${PROFILE:-release}"
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
header="$(mktemp)"
trap 'rm -f "$header"' EXIT
printf '// Node profile: %s (scripts/benchmark.sh, PROFILE=%s), %s.\n' \
	"$PROFILE" "$PROFILE" "$("$node" --version)" >"$header"

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
		--header "$header" \
		--output "$dir/src/weights.rs"
done
