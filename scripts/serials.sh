#!/usr/bin/env bash
# Merkle roots and proofs of a drug lot's serial numbers, as the DrugLots pallet checks them
# (docs/supply-chain.md):
#   scripts/serials.sh root SN1 SN2 SN3
#   scripts/serials.sh proof SN2 SN1 SN2 SN3
#   scripts/serials.sh root --file serials.txt
# Installs what it needs on first use: the pinned Node.js (setup.sh) and the script's one npm
# package (scripts/serials/package-lock.json).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

dir="$HEALTHCHAIN_ROOT/scripts/serials"
if ! healthchain_nodejs_ready; then
	"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node >&2
fi
# npm ci again whenever the lock file is newer than the last install.
if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$dir/serials.mjs" "$@"
