#!/usr/bin/env bash
# Installs what building and testing Healthchain needs, when it is missing:
#   - Debian packages: protobuf-compiler, clang, libclang-dev, make, pkg-config (and, with
#     --with-node, Node.js and npm for the end-to-end suite);
#   - through rustup: the toolchain of rust-toolchain.toml with the wasm32v1-none target and
#     rust-src, which substrate-wasm-builder needs.
# It changes nothing that is already in place, so it is cheap to run every time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

with_node=false
for arg in "$@"; do
	case "$arg" in
	--with-node) with_node=true ;;
	*) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
	esac
done

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || missing+=(clang)
# bindgen (rocksdb) needs libclang itself, not only the clang driver.
if ! ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; then
	missing+=(libclang-dev)
fi
command -v make >/dev/null 2>&1 || missing+=(make)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v cc >/dev/null 2>&1 || missing+=(build-essential)
command -v git >/dev/null 2>&1 || missing+=(git)
if $with_node; then
	command -v node >/dev/null 2>&1 || missing+=(nodejs)
	command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if ((${#missing[@]})); then
	log "installing Debian packages: ${missing[*]}"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { echo "setup.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The records client example's crypto library (@noble/curves 2) needs Node.js 20.19 or later.
if $with_node; then
	node_version="$(node --version | sed 's/^v//')"
	if ! printf '20.19.0\n%s\n' "$node_version" | sort -V -C; then
		echo "setup.sh: Node.js $node_version is too old for the end-to-end tests; 20.19 or later is needed" >&2
		exit 1
	fi
fi

# --- Rust ------------------------------------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
	echo "setup.sh: rustup is required (https://rustup.rs); the toolchain is pinned in rust-toolchain.toml" >&2
	exit 1
fi
cd "$HEALTHCHAIN_ROOT"
# rust-toolchain.toml pins the toolchain; make sure it, its wasm target and rust-src are there.
toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
if ! rustup toolchain list | grep -q "^${toolchain}"; then
	log "installing Rust toolchain $toolchain"
	rustup toolchain install "$toolchain" --profile minimal
fi
if ! rustup target list --installed --toolchain "$toolchain" | grep -qx wasm32v1-none; then
	log "adding the wasm32v1-none target"
	rustup target add --toolchain "$toolchain" wasm32v1-none
fi
installed_components="$(rustup component list --installed --toolchain "$toolchain")"
for component in rust-src clippy rustfmt; do
	if ! grep -q "^${component}" <<<"$installed_components"; then
		log "adding the $component component"
		rustup component add --toolchain "$toolchain" "$component"
	fi
done

mkdir -p "$CARGO_TARGET_DIR"
