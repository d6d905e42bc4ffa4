#!/usr/bin/env bash
# Starts the Healthchain development system, building what it needs first:
#   - the dev chain (`healthchain-node --dev`), RPC on ws://127.0.0.1:9944;
#   - the vault (`healthchain-vault`) beside it, on http://127.0.0.1:8090, storing payloads
#     in a local directory under the same base path as the chain;
#   - the portal, which the vault serves: open http://127.0.0.1:8090/ in a browser.
# Extra arguments go to the node, for example `scripts/dev.sh --dev-block-time 1000`. Without
# --base-path the chain and the vault's data live in a temporary directory, removed when this
# script stops; with --base-path DIR both are kept there (the vault's in DIR/vault).
# Ctrl-C stops both. HEALTHCHAIN_VAULT_LISTEN moves the vault to another address.
# HEALTHCHAIN_NODE and HEALTHCHAIN_VAULT run given binaries instead of building them (and the
# portal already built in portal/dist).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

log() { printf '\033[1m[dev]\033[0m %s\n' "$*"; }

if [ -z "${HEALTHCHAIN_NODE:-}" ] || [ -z "${HEALTHCHAIN_VAULT:-}" ]; then
	healthchain_build_notice
	"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node
	log "building healthchain-node and healthchain-vault into $CARGO_TARGET_DIR"
	(cd "$HEALTHCHAIN_ROOT" && cargo build --locked -p healthchain-node -p healthchain-vault)
	log "building the portal"
	"$HEALTHCHAIN_ROOT/scripts/portal.sh" build
fi
node_binary="${HEALTHCHAIN_NODE:-$CARGO_TARGET_DIR/debug/healthchain-node}"
vault_binary="${HEALTHCHAIN_VAULT:-$CARGO_TARGET_DIR/debug/healthchain-vault}"

# The base path and RPC port the node will use, from its arguments.
base_path=""
rpc_port=9944
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
	case "${args[i]}" in
	--base-path | -d) base_path="${args[i + 1]:-}" ;;
	--base-path=*) base_path="${args[i]#*=}" ;;
	--rpc-port) rpc_port="${args[i + 1]:-}" ;;
	--rpc-port=*) rpc_port="${args[i]#*=}" ;;
	esac
done
temporary=""
if [ -z "$base_path" ]; then
	base_path="$(mktemp -d "${TMPDIR:-/tmp}/healthchain-dev.XXXXXX")"
	temporary="$base_path"
	set -- --base-path "$base_path" "$@"
fi
vault_listen="${HEALTHCHAIN_VAULT_LISTEN:-127.0.0.1:8090}"

pids=()
stop_all() {
	trap - EXIT INT TERM
	for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -n "$temporary" ]; then rm -rf "$temporary"; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

"$node_binary" --dev "$@" &
pids+=("$!")
"$vault_binary" --listen "$vault_listen" --chain "ws://127.0.0.1:$rpc_port" --data-dir "$base_path/vault" \
	--portal-dir "$HEALTHCHAIN_ROOT/portal/dist" &
pids+=("$!")

log "chain: ws://127.0.0.1:$rpc_port  (polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$rpc_port)"
log "portal: http://$vault_listen/  (open it in a browser; the demo accounts are in the account menu)"
log "vault: http://$vault_listen  (API: http://$vault_listen/openapi.json, health: http://$vault_listen/healthz)"
if [ -n "$temporary" ]; then
	log "data: $base_path (removed when this stops; pass --base-path DIR to keep it)"
else
	log "data: $base_path (the chain) and $base_path/vault (the vault)"
fi
log "Ctrl-C stops both."

# When either stops, stop the other.
wait -n "${pids[@]}"
