#!/usr/bin/env bash
# Deep, coverage-guided fuzzing of the runtime. libFuzzer (through cargo-fuzz) feeds the
# harness of tests/fuzz with byte strings it mutates towards new code; each one is a sequence
# of calls against the real runtime, natively, with every pallet's try_state and the deposit
# accounting checked after each step. The test suite runs the same harness on 10,000 seeded
# sequences (tests/fuzz/tests/sequences.rs); this goes deeper, for as long as it is given.
#
#   scripts/fuzz.sh            # one hour
#   scripts/fuzz.sh 600        # ten minutes
#   scripts/fuzz.sh 600 -jobs=2 -workers=2
#
# Installs what it needs: a nightly toolchain (libFuzzer's instrumentation needs one) and
# cargo-fuzz. The corpus it grows is kept in tests/fuzz/fuzz/corpus/sequences, and a failing
# input in tests/fuzz/fuzz/artifacts/sequences; replay one with
#   scripts/fuzz.sh replay <file>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

CARGO_FUZZ_VERSION=0.13.2
rustup toolchain list | grep -q '^nightly' ||
	rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$" ||
	cargo +nightly install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked

# A build of its own: another compiler, instrumented, and the runtime natively only (no wasm).
export CARGO_TARGET_DIR="$HOME/.cache/healthchain/fuzz-target"
export SKIP_WASM_BUILD=1 HEALTHCHAIN_TRY_RUNTIME_WASM=
unset RUSTC_WORKSPACE_WRAPPER
cd "$HEALTHCHAIN_ROOT/tests/fuzz"
# Debug assertions on (overflow checks too), no sanitizer: the runtime is safe Rust.
build_args=(--sanitizer none --debug-assertions)

if [ "${1:-}" = replay ]; then
	cargo +nightly fuzz run "${build_args[@]}" sequences "$2"
	exit
fi
seconds="${1:-3600}"
shift || true
mkdir -p fuzz/corpus/sequences
cargo +nightly fuzz run "${build_args[@]}" sequences fuzz/corpus/sequences -- \
	-max_total_time="$seconds" -max_len=4096 -print_final_stats=1 "$@"
