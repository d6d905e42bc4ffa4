# Sourced by the scripts: one place for the build environment.
HEALTHCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HEALTHCHAIN_ROOT
# The target directory lives outside the clone so that every clone (and CI) reuses builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}"
# The wasm build walks up from its build directory to find Cargo.lock; point it at ours.
export WASM_BUILD_WORKSPACE_HINT="$HEALTHCHAIN_ROOT"
