//! Seeded random sequences of calls against the runtime, every invariant checked after each
//! step (see the crate's documentation). A failure prints its seed and its steps;
//! `HEALTHCHAIN_FUZZ_SEED=<seed>` replays that one sequence, and `HEALTHCHAIN_FUZZ_SEQUENCES`
//! sets how many run (10,000 by default, in two halves that run in parallel).

#![allow(clippy::expect_used, clippy::panic, clippy::arithmetic_side_effects)]

use std::io::Write;

use healthchain_fuzz::{generate::UNREACHABLE_CALLS, run, Stats};
use polkadot_sdk::frame_support::traits::GetCallMetadata;
use rand::{rngs::StdRng, RngCore, SeedableRng};

/// Steps per sequence. Each starts from a world that already holds every kind of item, so a
/// short sequence reaches deep states; `scripts/fuzz.sh` runs longer ones.
const STEPS: usize = 20;

/// Input bytes per sequence: enough for `STEPS` steps of most calls.
const INPUT: usize = 64 * STEPS;

fn sequences() -> u64 {
	std::env::var("HEALTHCHAIN_FUZZ_SEQUENCES")
		.ok()
		.map(|n| n.parse().expect("HEALTHCHAIN_FUZZ_SEQUENCES is a number"))
		.unwrap_or(10_000)
}

/// Runs the sequences of `seeds`, panicking with the seed and steps of the first violation.
fn run_seeds(seeds: impl Iterator<Item = u64>) -> Stats {
	let mut stats = Stats::default();
	let mut input = vec![0u8; INPUT];
	for seed in seeds {
		StdRng::seed_from_u64(seed).fill_bytes(&mut input);
		let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			run(&input, STEPS, &mut stats)
		}));
		match outcome {
			Ok(Ok(())) => {},
			Ok(Err(violation)) => panic!("seed {seed}: {violation}"),
			Err(_) => panic!("seed {seed}: the runtime panicked (the panic is printed above)"),
		}
	}
	stats
}

fn report(half: &str, stats: &Stats) {
	let mut lines = vec![format!(
		"fuzz ({half}): {} sequences, {} steps ({} letting time pass, {} undecodable calls skipped)",
		stats.sequences, stats.steps, stats.time_steps, stats.undecodable
	)];
	for pallet in [
		"Organizations",
		"Consent",
		"Records",
		"Trials",
		"DrugLots",
		"Balances",
		"Utility",
		"Proxy",
	] {
		let (ok, err) = stats.of_pallet(pallet);
		let reached = stats.succeeded_calls(pallet);
		let never: Vec<_> = healthchain_runtime::RuntimeCall::get_call_names(pallet)
			.iter()
			.filter(|call| !reached.contains(&format!("{pallet}.{call}").as_str()))
			.copied()
			.collect();
		let rate = 100.0 * ok as f64 / (ok + err).max(1) as f64;
		lines.push(format!(
			"  {pallet:<13} {ok:>6} succeeded, {err:>6} refused ({rate:>4.1} %); calls that never \
			 succeeded: {}",
			if never.is_empty() { "none".to_string() } else { never.join(" ") }
		));
	}
	// Straight to stderr, past the test harness's capture: the test command shows the counts.
	let _ = writeln!(std::io::stderr().lock(), "{}", lines.join("\n"));
}

/// The sequences reach deep into every pallet: every call of the five pallets succeeds at least
/// once in each half, but those the generator knows no sequence reaches. A generator that
/// stopped reaching a call would leave the states after it untested.
fn assert_reach(stats: &Stats) {
	for pallet in ["Organizations", "Consent", "Records", "Trials", "DrugLots"] {
		let reached = stats.succeeded_calls(pallet);
		let missed: Vec<_> = healthchain_runtime::RuntimeCall::get_call_names(pallet)
			.iter()
			.filter(|call| !reached.contains(&format!("{pallet}.{call}").as_str()))
			.filter(|call| !UNREACHABLE_CALLS.iter().any(|(p, c, _)| *p == pallet && c == *call))
			.copied()
			.collect();
		assert!(missed.is_empty(), "no call of {pallet}.{missed:?} succeeded");
	}
}

#[test]
fn random_sequences_keep_every_invariant() {
	if let Ok(seed) = std::env::var("HEALTHCHAIN_FUZZ_SEED") {
		let seed = seed.parse().expect("HEALTHCHAIN_FUZZ_SEED is a number");
		report(&format!("seed {seed}"), &run_seeds(std::iter::once(seed)));
		return;
	}
	let total = sequences();
	let half = total / 2;
	// Two threads, one world each: the machine has two cores.
	let second = std::thread::spawn(move || run_seeds(half..total));
	let first = run_seeds(0..half);
	let second = second.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
	report("seeds 0..half", &first);
	report("seeds half..total", &second);
	// The default run's seeds are fixed, so its reach is too; a shorter run may miss a call.
	if total >= 10_000 {
		assert_reach(&first);
		assert_reach(&second);
	}
}
