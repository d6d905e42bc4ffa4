#!/usr/bin/env bash
# Rehearses a fresh machine: does scripts/setup.sh install everything the build needs?
#
#   sudo scripts/fresh-machine.sh            # the whole rehearsal (about half an hour)
#   KEEP_ROOT=1 sudo scripts/fresh-machine.sh   # leave the Debian root behind to look into
#
# It makes a minimal Debian 12 root with debootstrap (only the packages every Debian system
# has), copies in this machine's rustup with the pinned toolchain but without the wasm target
# and rust-src, clones this repository into it, and there, as a new user would:
#   1. runs scripts/setup.sh --with-node --with-s3 (apt packages, rustup target and components,
#      Node.js, and s3s-fs built from crates.io);
#   2. builds every crate of the dependency tree that has a native build step: each crate that
#      links a C or C++ library it compiles (RocksDB through bindgen and libclang, binaryen,
#      OpenSSL, jemalloc, zstd, ...), each crate whose build script runs protoc, and the
#      runtime, whose build script builds the wasm;
#   3. installs the end-to-end suite's npm packages and runs scripts/serials.sh.
# The crates are found from the lock file, so the list stays current. Not part of CI: it is
# long. Run it whenever setup.sh changes (docs/ci.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

log() { printf '\033[1m[fresh-machine]\033[0m %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "fresh-machine.sh: run as root (debootstrap, chroot, mounts)" >&2; exit 1; }

WORK="${HEALTHCHAIN_REHEARSAL_DIR:-$HOME/.cache/healthchain/rehearsal}"
BASE_TARBALL="$WORK/bookworm-minbase.tar.gz"
ROOT="$WORK/root"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECONDS=0

mounted=()
cleanup() {
	local i
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
	if [ -z "${KEEP_ROOT:-}" ]; then rm -rf "$ROOT"; fi
}
trap cleanup EXIT

# --- A minimal Debian 12 root ----------------------------------------------------------------
if ! command -v debootstrap >/dev/null 2>&1; then
	log "installing debootstrap on this machine"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
fi
mkdir -p "$WORK"
rm -rf "$ROOT"
if [ ! -f "$BASE_TARBALL" ]; then
	log "downloading the packages of a minimal Debian 12 (bookworm) root, once"
	debootstrap --variant=minbase --make-tarball="$BASE_TARBALL.partial" bookworm "$WORK/tarball-staging" "$MIRROR"
	mv "$BASE_TARBALL.partial" "$BASE_TARBALL"
	rm -rf "$WORK/tarball-staging"
fi
log "making a minimal Debian 12 root in $ROOT"
debootstrap --variant=minbase --unpack-tarball="$BASE_TARBALL" bookworm "$ROOT" "$MIRROR" >/dev/null
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# The certificate authorities this machine adds to Debian's (an egress proxy's, say) are part
# of the machine, not of what setup.sh installs: a fresh machine of the same kind has them.
# They join the root's trust store when setup.sh installs ca-certificates.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
	mkdir -p "$ROOT/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
fi
for fs in proc sys dev dev/pts; do
	mkdir -p "$ROOT/$fs"
	mount --bind "/$fs" "$ROOT/$fs"
	mounted+=("$ROOT/$fs")
done

# --- rustup and the pinned toolchain, nothing more ------------------------------------------
# As a user who followed rustup.rs would have it: rustup, and the toolchain of
# rust-toolchain.toml in its minimal profile (no wasm target, no rust-src, no clippy).
toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$HEALTHCHAIN_ROOT/rust-toolchain.toml")"
log "installing rustup and the minimal Rust $toolchain toolchain in the root"
mkdir -p "$ROOT/root/.cargo/bin"
cp -a "$(command -v rustup)" "$ROOT/root/.cargo/bin/rustup"
for proxy in cargo rustc rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
	ln -sf rustup "$ROOT/root/.cargo/bin/$proxy"
done
# --- A clone, made on this machine as a user's would be ------------------------------------------
log "cloning $HEALTHCHAIN_ROOT (HEAD, plus uncommitted changes) into the root"
git clone --quiet --no-hardlinks "$HEALTHCHAIN_ROOT" "$ROOT/root/healthchain"
# Rehearse the working tree as it is, so that a change to setup.sh is tried before it lands.
(cd "$HEALTHCHAIN_ROOT" && git diff HEAD --binary) | (cd "$ROOT/root/healthchain" && git apply --allow-empty)
(cd "$HEALTHCHAIN_ROOT" && git ls-files --others --exclude-standard -z) |
	(cd "$HEALTHCHAIN_ROOT" && xargs -0 -r cp --parents -t "$ROOT/root/healthchain")

# The crates with native build steps, from the lock file: every package in the build that
# declares `links` (it builds or links a native library), every one whose build script uses
# prost-build (protoc), and the runtime (its build script builds the wasm). Cargo cannot
# select a crate used only at build time (`-p` on one panics), so those are built through
# their dependents: clang-sys and bindgen by librocksdb-sys, binaryen (wasm-opt-sys, cxx) by
# the runtime's wasm build; so are those used only by procedural macros (prettyplease). The
# runtime is built on its own: naming a workspace member limits `-p` to the member's own
# dependencies.
log "finding the crates with native build steps"
native_crates="$(
	cd "$HEALTHCHAIN_ROOT"
	cargo tree --locked --workspace -e normal,dev,no-proc-macro --prefix none -f '{p}' | sed 's/ (.*//; s/ v/@/' | sort -u >"$WORK/in-build.txt"
	cargo metadata --locked --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
in_build = set(open(sys.argv[1]).read().split())
packages = {p["id"]: p for p in meta["packages"]}
wanted = set()
for node in meta["resolve"]["nodes"]:
    package = packages[node["id"]]
    spec = package["name"] + "@" + package["version"]
    if spec not in in_build:
        continue
    runs_protoc = any(
        packages[dep["pkg"]]["name"] == "prost-build" and any(k["kind"] == "build" for k in dep["dep_kinds"])
        for dep in node["deps"]
    )
    if package.get("links") or runs_protoc:
        wanted.add(spec)
print(" ".join("-p " + spec for spec in sorted(wanted)))
' "$WORK/in-build.txt"
)"
log "they are: ${native_crates//-p /}"

# --- As the new user ---------------------------------------------------------------------------
# The new user's environment: nothing of this shell's but the machine's own settings for
# reaching the network (certificate bundles and proxies), which a machine of this kind has.
machine_env=()
for var in SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE GIT_SSL_CAINFO NODE_EXTRA_CA_CERTS \
	http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	[ -n "${!var:-}" ] && machine_env+=("$var=${!var}")
done
run_inside() {
	chroot "$ROOT" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
		PATH=/root/.cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		"${machine_env[@]}" \
		/bin/bash -c "cd /root/healthchain && $1"
}
packages() { run_inside "dpkg-query -W -f='\${Package}\n' | sort -u"; }
packages >"$WORK/packages-before.txt"
# The toolchain's download is the user's doing before our scripts, on a root that has no
# certificate bundle yet: it uses this machine's, for this step only.
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/tmp/machine-ca.crt"
run_inside "SSL_CERT_FILE=/tmp/machine-ca.crt rustup toolchain install $toolchain --profile minimal --no-self-update >/dev/null 2>&1 && rustup run $toolchain rustc --version"
rm -f "$ROOT/tmp/machine-ca.crt"

started=$SECONDS
log "inside: scripts/setup.sh --with-node --with-s3"
run_inside 'scripts/setup.sh --with-node --with-s3'
setup_seconds=$((SECONDS - started))
packages >"$WORK/packages-after.txt"
log "setup.sh installed $(comm -13 "$WORK/packages-before.txt" "$WORK/packages-after.txt" | wc -l) Debian packages:"
comm -13 "$WORK/packages-before.txt" "$WORK/packages-after.txt" | paste -sd' ' | fold -s -w 100

started=$SECONDS
log "inside: building the crates with native build steps"
run_inside "source scripts/env.sh && cargo build --locked $native_crates && cargo build --locked -p healthchain-runtime"
build_seconds=$((SECONDS - started))

started=$SECONDS
log "inside: the end-to-end suite's npm packages, and scripts/serials.sh"
run_inside 'source scripts/env.sh && for dir in docs/examples/records-client tests/e2e; do (cd $dir && npm ci --no-audit --no-fund --loglevel=error); done && scripts/serials.sh root SN1 SN2 SN3'
npm_seconds=$((SECONDS - started))

log "PASSED in $((SECONDS / 60)) min $((SECONDS % 60)) s: setup.sh ${setup_seconds} s, native crates $((build_seconds / 60)) min $((build_seconds % 60)) s, npm ${npm_seconds} s"
