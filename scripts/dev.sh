#!/usr/bin/env bash
# Starts the Healthchain development chain (`healthchain-node --dev`), building it first.
# Extra arguments go to the node, for example `scripts/dev.sh --dev-block-time 1000`.
# RPC: ws://127.0.0.1:9944. The chain lives in a temporary directory unless --base-path is given.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

healthchain_build_notice
"$HEALTHCHAIN_ROOT/scripts/setup.sh"

cd "$HEALTHCHAIN_ROOT"
echo "[dev] building healthchain-node into $CARGO_TARGET_DIR"
cargo build --locked -p healthchain-node

exec "$CARGO_TARGET_DIR/debug/healthchain-node" --dev "$@"
