//! One random sequence of calls per input, every invariant checked after each step; a
//! violation or a panic is a crash, which libFuzzer saves under `artifacts/sequences/`.
#![no_main]

use healthchain_fuzz::{run, Stats};
use libfuzzer_sys::fuzz_target;

/// Longer sequences than the test suite's 20 steps: the fuzzer has the time.
const STEPS: usize = 64;

fuzz_target!(|data: &[u8]| {
	let mut stats = Stats::default();
	if let Err(violation) = run(data, STEPS, &mut stats) {
		panic!("{violation}");
	}
});
