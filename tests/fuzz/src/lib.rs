//! Random sequences of calls against the real Healthchain runtime, natively, with every
//! invariant checked after each step.
//!
//! A sequence starts from the same world (the development genesis, plus organizations in every
//! standing, a guardian's proxy, grants, records with shared keys, emergency accesses running
//! and under review, lots in transit and reported suspect, and trials recruiting, completed and
//! published) and is read from a byte string: each step either lets time pass (blocks and
//! hours to years, with the pallets' hooks) or makes one call of the five pallets, `Balances`,
//! `Utility` or `Proxy`, from an origin (most often an account with a part in that pallet,
//! otherwise any of the world's cast, Root, or none) with arguments shaped by the call's own
//! type information. After every step that changed state:
//! - every pallet's `do_try_state` holds;
//! - each account's hold under each pallet's reason equals the deposits that pallet's items
//!   hold from it, and no account holds more than its reserved balance.
//!
//! A violation, or a panic, fails. The CI test (`tests/sequences.rs`) runs seeded sequences;
//! the coverage-guided target (`fuzz/`, `scripts/fuzz.sh`) feeds the same [`run`] with
//! libFuzzer's inputs.

// A test harness: failing loudly on a broken world is its job.
#![allow(
	clippy::expect_used,
	clippy::panic,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	clippy::unwrap_used
)]

use std::{cell::RefCell, collections::BTreeMap};

use polkadot_sdk::*;

use arbitrary::Unstructured;
use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::GetCallMetadata,
};
use healthchain_runtime::RuntimeOrigin;
use sp_runtime::{traits::Dispatchable, DispatchError};

pub mod generate;
pub mod invariants;
pub mod world;

/// What the sequences did, summed over a run.
#[derive(Default, Debug)]
pub struct Stats {
	pub sequences: u64,
	pub steps: u64,
	/// Steps that let time pass.
	pub time_steps: u64,
	/// Generated calls that did not decode (a bounded field over its bound, for example).
	pub undecodable: u64,
	/// Per `Pallet.call`: how many succeeded, and how many failed.
	pub calls: BTreeMap<String, (u64, u64)>,
	/// Per error name: how many calls failed with it.
	pub errors: BTreeMap<String, u64>,
}

impl Stats {
	/// Successful and failed calls of `pallet`.
	pub fn of_pallet(&self, pallet: &str) -> (u64, u64) {
		self.calls
			.iter()
			.filter(|(name, _)| name.split('.').next() == Some(pallet))
			.fold((0, 0), |(ok, err), (_, (o, e))| (ok + o, err + e))
	}

	/// The calls of `pallet` that succeeded at least once.
	pub fn succeeded_calls(&self, pallet: &str) -> Vec<&str> {
		self.calls
			.iter()
			.filter(|(name, (ok, _))| *ok > 0 && name.split('.').next() == Some(pallet))
			.map(|(name, _)| name.as_str())
			.collect()
	}
}

/// An invariant that did not hold, with the steps that led to it.
#[derive(Debug)]
pub struct Violation {
	pub invariant: String,
	pub trace: Vec<String>,
}

impl core::fmt::Display for Violation {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		writeln!(f, "invariant broken: {}", self.invariant)?;
		writeln!(f, "after these steps:")?;
		for (i, step) in self.trace.iter().enumerate() {
			writeln!(f, "  {i:>2}. {step}")?;
		}
		Ok(())
	}
}

thread_local! {
	/// The world every sequence starts from, built once per thread. Each sequence runs in a
	/// storage transaction that is rolled back.
	static WORLD: RefCell<Option<(sp_io::TestExternalities, generate::Generator)>> =
		const { RefCell::new(None) };
}

/// Runs the sequence that `data` describes from the world, at most `max_steps` steps, checking
/// every invariant after each one, and adds what it did to `stats`. Panics where the runtime
/// panics.
pub fn run(data: &[u8], max_steps: usize, stats: &mut Stats) -> Result<(), Violation> {
	WORLD.with(|world| {
		let mut world = world.borrow_mut();
		let (ext, generator) = world.get_or_insert_with(|| {
			let mut ext = world::build();
			let generator = ext.execute_with(generate::Generator::new);
			(ext, generator)
		});
		ext.execute_with(|| {
			with_transaction(|| {
				TransactionOutcome::Rollback(Ok::<_, DispatchError>(sequence(
					generator, data, max_steps, stats,
				)))
			})
			.expect("the sequence's result is returned through the rollback")
		})
	})
}

/// Who makes a call.
#[derive(Debug)]
enum Origin {
	Signed(usize),
	Root,
	None,
}

fn sequence(
	generator: &generate::Generator,
	data: &[u8],
	max_steps: usize,
	stats: &mut Stats,
) -> Result<(), Violation> {
	let mut u = Unstructured::new(data);
	let mut trace = Vec::new();
	stats.sequences += 1;
	while !u.is_empty() && trace.len() < max_steps {
		stats.steps += 1;
		let choice = u.int_in_range(0..=99u8).unwrap_or(0);
		// A refused call changed nothing: FRAME runs every call in a storage layer that its
		// error rolls back. The invariants are checked after the other steps.
		let changed = if choice < 8 {
			stats.time_steps += 1;
			trace.push(world::pass_time(&mut u));
			true
		} else {
			let pallet = generator.pallet(&mut u).unwrap_or(0);
			// Signed calls come three times in four from the accounts that make the pallet's
			// calls, so that the party a call needs is often the one making it; from anyone
			// otherwise.
			let origin = match u.int_in_range(0..=99u8).unwrap_or(0) {
				0..=3 => Origin::None,
				4..=11 => Origin::Root,
				12..=33 => Origin::Signed(u.choose_index(generator.accounts().len()).unwrap_or(0)),
				_ => Origin::Signed(*u.choose(generator.callers(pallet)).unwrap_or(&0)),
			};
			let signer = match origin {
				Origin::Signed(i) => Some(i),
				_ => None,
			};
			let Some(call) = generator.call(&mut u, pallet, signer) else {
				stats.undecodable += 1;
				continue;
			};
			let metadata = call.get_call_metadata();
			let name = format!("{}.{}", metadata.pallet_name, metadata.function_name);
			let described = format!("{origin:?}: {call:?}");
			let dispatch_origin = match origin {
				Origin::Signed(i) => RuntimeOrigin::signed(generator.accounts()[i].clone()),
				Origin::Root => RuntimeOrigin::root(),
				Origin::None => RuntimeOrigin::none(),
			};
			let result = call.dispatch(dispatch_origin);
			let entry = stats.calls.entry(name).or_default();
			match result {
				Ok(_) => {
					entry.0 += 1;
					trace.push(format!("{described} -> Ok"));
					true
				},
				Err(e) => {
					entry.1 += 1;
					let error = error_name(e.error);
					trace.push(format!("{described} -> {error}"));
					*stats.errors.entry(error).or_default() += 1;
					false
				},
			}
		};
		if changed {
			if let Err(invariant) = invariants::check() {
				return Err(Violation { invariant, trace });
			}
		}
	}
	Ok(())
}

/// `Pallet(Error)` for a pallet's error, the variant otherwise.
pub fn error_name(error: DispatchError) -> String {
	match healthchain_runtime::RuntimeError::from_dispatch_error(error) {
		Some(named) => format!("{named:?}"),
		None => format!("{error:?}"),
	}
}
