#!/usr/bin/env bash
# Installs what building and testing Healthchain needs, when it is missing:
#   - Debian packages (see DEBIAN_PACKAGES below), with sudo when not root;
#   - through rustup: the toolchain of rust-toolchain.toml with the wasm32v1-none target and
#     the rust-src, clippy and rustfmt components;
#   - with --with-node: Node.js $HEALTHCHAIN_NODEJS_VERSION and its npm, from the npm
#     registry, into $HEALTHCHAIN_NODEJS_DIR (env.sh puts it first on PATH);
#   - with --with-s3: s3s-fs $HEALTHCHAIN_S3S_FS_VERSION from crates.io, an S3-compatible server
#     the vault's tests store into, into $HEALTHCHAIN_S3S_FS_DIR;
#   - with --with-browser: Debian's chromium, the headless browser the portal's tests drive.
# Every check asks for exactly the thing the build uses: a Debian package is checked with
# dpkg, never by looking for a file or command that another package may also provide (a
# runtime libclang.so.1 is not the libclang.so that clang-sys loads). It changes nothing that
# is already in place, so it is cheap to run every time. scripts/fresh-machine.sh rehearses it
# on a minimal Debian root.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

with_node=false
with_s3=false
with_browser=false
for arg in "$@"; do
	case "$arg" in
	--with-node) with_node=true ;;
	--with-s3) with_s3=true ;;
	--with-browser) with_browser=true ;;
	*) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
	esac
done

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
# What each one is for:
#   build-essential    gcc, g++, make and libc headers: RocksDB, binaryen (wasm-opt), OpenSSL,
#                      jemalloc, zstd and the other C and C++ sources of -sys crates
#   clang, libclang-dev bindgen in librocksdb-sys loads libclang.so (libclang-dev's file) and
#                      asks the clang driver for its include paths
#   protobuf-compiler  protoc, run by the network crates' build scripts (prost-build)
#   perl               OpenSSL's Configure, run by openssl-src (perl-base is not enough)
#   git                cloning, and the commit recorded in the node's version
#   curl, ca-certificates  downloads over HTTPS (Node.js below)
DEBIAN_PACKAGES=(build-essential clang libclang-dev protobuf-compiler perl git curl ca-certificates)
#   chromium           (--with-browser) the portal's end-to-end tests drive it headless, through
#                      playwright-core, which downloads no browser of its own
if $with_browser; then DEBIAN_PACKAGES+=(chromium); fi

package_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "setup.sh: this script installs Debian packages with apt; on another system install the equivalents of: ${DEBIAN_PACKAGES[*]}" >&2
	exit 1
fi
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
	package_installed "$package" || missing+=("$package")
done
if ((${#missing[@]})); then
	log "installing Debian packages: ${missing[*]}"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { echo "setup.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
	for package in "${missing[@]}"; do
		package_installed "$package" || { echo "setup.sh: apt did not install $package" >&2; exit 1; }
	done
fi

# --- Rust ------------------------------------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
	echo "setup.sh: rustup is required (https://rustup.rs); the toolchain is pinned in rust-toolchain.toml" >&2
	exit 1
fi
cd "$HEALTHCHAIN_ROOT"
toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
# The toolchain counts as installed when rustup can run its rustc and cargo.
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1 || ! rustup run "$toolchain" cargo --version >/dev/null 2>&1; then
	log "installing Rust toolchain $toolchain"
	rustup toolchain install "$toolchain" --profile minimal
fi
if ! rustup target list --installed --toolchain "$toolchain" | grep -qx wasm32v1-none; then
	log "adding the wasm32v1-none target"
	rustup target add --toolchain "$toolchain" wasm32v1-none
fi
installed_components="$(rustup component list --installed --toolchain "$toolchain")"
for component in rust-src clippy rustfmt; do
	# Installed components are listed with their host triple, except rust-src.
	if ! grep -Eq "^${component}(-[a-z0-9_]+(-[a-z0-9_]+)*)?$" <<<"$installed_components"; then
		log "adding the $component component"
		rustup component add --toolchain "$toolchain" "$component"
	fi
done

# --- Node.js ---------------------------------------------------------------------------------
# The end-to-end suite, the records client example and scripts/serials.mjs run on one pinned
# Node.js, whatever the machine has (Debian 12's own is 18, too old for @noble/curves 2). The
# npm registry publishes Node.js builds as the package node-linux-<arch>, and npm itself; both
# tarballs are checked against the SHA-512 pinned in env.sh.
fetch_npm_tarball() { # package version sha512 destination
	local package="$1" version="$2" sha512="$3" dest="$4" tarball
	tarball="$(mktemp)"
	curl -fsSL --retry 3 -o "$tarball" "https://registry.npmjs.org/$package/-/$package-$version.tgz"
	if ! echo "$sha512  $tarball" | sha512sum --check --status; then
		rm -f "$tarball"
		echo "setup.sh: $package $version does not match its pinned SHA-512" >&2
		exit 1
	fi
	mkdir -p "$dest"
	tar -xzf "$tarball" -C "$dest" --strip-components=1
	rm -f "$tarball"
}

if $with_node && ! healthchain_nodejs_ready; then
	if [ -z "$HEALTHCHAIN_NODEJS_PACKAGE" ]; then
		echo "setup.sh: no pinned Node.js build for $(uname -m); x86_64 and aarch64 are supported" >&2
		exit 1
	fi
	log "installing Node.js $HEALTHCHAIN_NODEJS_VERSION and npm $HEALTHCHAIN_NPM_VERSION into $HEALTHCHAIN_NODEJS_DIR"
	staging="$HEALTHCHAIN_NODEJS_DIR.partial"
	rm -rf "$staging" "$HEALTHCHAIN_NODEJS_DIR"
	fetch_npm_tarball "$HEALTHCHAIN_NODEJS_PACKAGE" "$HEALTHCHAIN_NODEJS_VERSION" "$HEALTHCHAIN_NODEJS_SHA512" "$staging"
	fetch_npm_tarball npm "$HEALTHCHAIN_NPM_VERSION" "$HEALTHCHAIN_NPM_SHA512" "$staging/lib/node_modules/npm"
	ln -s ../lib/node_modules/npm/bin/npm-cli.js "$staging/bin/npm"
	ln -s ../lib/node_modules/npm/bin/npx-cli.js "$staging/bin/npx"
	# Moved into place only when complete, so an interrupted install is never taken for one.
	mv "$staging" "$HEALTHCHAIN_NODEJS_DIR"
	healthchain_nodejs_ready || { echo "setup.sh: the installed Node.js or npm does not run" >&2; exit 1; }
fi

# --- s3s-fs ----------------------------------------------------------------------------------
# The vault is tested against a real S3-compatible server: s3s-fs, built from its crates.io
# release with the lock file published in it. It is built apart from the workspace, without our
# lints (RUSTC_WORKSPACE_WRAPPER) and in a target directory of its own, removed afterwards.
if $with_s3 && ! healthchain_s3s_fs_ready; then
	log "building s3s-fs $HEALTHCHAIN_S3S_FS_VERSION (an S3-compatible server, for the vault's tests) into $HEALTHCHAIN_S3S_FS_DIR"
	build_dir="$HEALTHCHAIN_S3S_FS_DIR.build"
	env -u RUSTC_WORKSPACE_WRAPPER CARGO_TARGET_DIR="$build_dir" \
		cargo install s3s-fs --version "$HEALTHCHAIN_S3S_FS_VERSION" --features binary --locked --debug \
		--root "$HEALTHCHAIN_S3S_FS_DIR"
	rm -rf "$build_dir"
	healthchain_s3s_fs_ready || { echo "setup.sh: the installed s3s-fs does not run" >&2; exit 1; }
fi

mkdir -p "$CARGO_TARGET_DIR"
