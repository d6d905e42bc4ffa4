#!/usr/bin/env bash
# The vault benchmark (tests/e2e/bench/vault.js): upload and download throughput against a local
# directory and an S3-compatible store, each as a ratio to a plain copy on the same disk; the
# release decision's latency under 64 concurrent clients, as a ratio to the runtime API call
# it makes; and the vault's memory. It prints a table and writes the figures as JSON to
# ${BENCH_OUT:-docs/bench}/vault.json, to be committed next to docs/performance.md.
#
#   scripts/bench-vault.sh
#   BENCH_OUT=/tmp/bench scripts/bench-vault.sh
#
# The vault and the S3 server (s3s-fs, the version scripts/setup.sh installs for the tests, but
# optimised, into $HEALTHCHAIN_S3S_FS_DIR-release) are release builds, unless HEALTHCHAIN_VAULT
# is set: then that vault and $HEALTHCHAIN_S3S_FS are used as they are. The node is
# $HEALTHCHAIN_NODE or the debug build: its speed matters little here. The throughput never
# reaches the chain but for one storage read per upload, and the latency is a ratio to the same
# node's own runtime API call (a slower node makes that call, and so the vault's decision,
# slower alike). Nothing is asserted: the goals are reported, met or missed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$HEALTHCHAIN_ROOT/scripts/setup.sh" --with-node --with-s3
cd "$HEALTHCHAIN_ROOT"

if [ -z "${HEALTHCHAIN_VAULT:-}" ]; then
	echo "[bench-vault] building an optimised healthchain-vault"
	cargo build --locked --release -p healthchain-vault
	export HEALTHCHAIN_VAULT="$CARGO_TARGET_DIR/release/healthchain-vault"
	# Built apart from the workspace, as setup.sh builds the tests' debug one.
	s3s_fs_release="$HEALTHCHAIN_S3S_FS_DIR-release"
	if [ "$("$s3s_fs_release/bin/s3s-fs" --version 2>/dev/null)" != "s3s-fs $HEALTHCHAIN_S3S_FS_VERSION" ]; then
		echo "[bench-vault] building an optimised s3s-fs $HEALTHCHAIN_S3S_FS_VERSION into $s3s_fs_release"
		env -u RUSTC_WORKSPACE_WRAPPER CARGO_TARGET_DIR="$s3s_fs_release.build" \
			cargo install s3s-fs --version "$HEALTHCHAIN_S3S_FS_VERSION" --features binary --locked \
			--root "$s3s_fs_release"
		rm -rf "$s3s_fs_release.build"
	fi
	export HEALTHCHAIN_S3S_FS="$s3s_fs_release/bin/s3s-fs"
fi
export HEALTHCHAIN_NODE="${HEALTHCHAIN_NODE:-$CARGO_TARGET_DIR/debug/healthchain-node}"
if [ ! -x "$HEALTHCHAIN_NODE" ]; then
	echo "[bench-vault] building the debug healthchain-node"
	cargo build --locked -p healthchain-node
fi

[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)

out="${BENCH_OUT:-$HEALTHCHAIN_ROOT/docs/bench}"
mkdir -p "$out"
node tests/e2e/bench/vault.js --json "$out/vault.json"
echo "[bench-vault] figures written to $out/vault.json"
