#!/usr/bin/env bash
# Builds the portal (portal/) into static files, portal/dist, which the vault serves.
#
#   scripts/portal.sh build      # npm ci; check the metadata against the built runtime;
#                                # generate the PAPI descriptors; vite build
#   scripts/portal.sh metadata   # take portal/.papi/metadata from the built runtime (commit it)
#
# The portal's typed chain API (polkadot-api descriptors) is generated from the runtime's
# metadata, kept in portal/.papi/metadata/healthchain.scale. `build` refuses to go on when that
# file is not the metadata of the runtime the node was built with, so the portal never ships
# with types of another runtime; `metadata` refreshes it. Both need the runtime built first
# (cargo build, or the test suite's cargo test), and Node.js (setup.sh --with-node).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

PORTAL="$HEALTHCHAIN_ROOT/portal"
RUNTIME_WASM="$CARGO_TARGET_DIR/debug/wbuild/healthchain-runtime/healthchain_runtime.wasm"
log() { printf '\033[1m[portal]\033[0m %s\n' "$*"; }

[ -f "$RUNTIME_WASM" ] || { echo "portal.sh: no runtime wasm at $RUNTIME_WASM: build the runtime first" >&2; exit 1; }
healthchain_nodejs_ready || { echo "portal.sh: Node.js $HEALTHCHAIN_NODEJS_VERSION is missing: scripts/setup.sh --with-node" >&2; exit 1; }

cd "$PORTAL"
[ -x node_modules/.bin/papi ] && [ -x node_modules/.bin/vite ] && [ node_modules/.package-lock.json -nt package-lock.json ] ||
	npm ci --no-audit --no-fund --loglevel=error

# The runtime's metadata, extracted from its wasm in a scratch directory.
runtime_metadata() {
	local scratch
	scratch="$(mktemp -d)"
	(cd "$scratch" && "$PORTAL/node_modules/.bin/papi" add healthchain --skip-codegen --wasm "$RUNTIME_WASM" >/dev/null)
	cp "$scratch/.papi/metadata/healthchain.scale" "$1"
	rm -rf "$scratch"
}

case "${1:-build}" in
metadata)
	runtime_metadata .papi/metadata/healthchain.scale
	log "portal/.papi/metadata/healthchain.scale is the built runtime's metadata now; commit it"
	;;
build)
	current="$(mktemp)"
	runtime_metadata "$current"
	if ! cmp -s "$current" .papi/metadata/healthchain.scale; then
		rm -f "$current"
		echo "portal.sh: portal/.papi/metadata/healthchain.scale is not the metadata of the runtime just built." >&2
		echo "portal.sh: run scripts/portal.sh metadata, rebuild the portal, check it, and commit the new metadata." >&2
		exit 1
	fi
	rm -f "$current"
	log "generating the chain's descriptors and building portal/dist"
	npm run build --silent
	;;
*)
	echo "usage: scripts/portal.sh build|metadata" >&2
	exit 2
	;;
esac
