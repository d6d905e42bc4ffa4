//! `healthchain-node`: runs the Healthchain parachain runtime, as a collator against a relay
//! chain or as a standalone development chain (`--dev`).

// `sc_cli::Error`, the error type of the CLI framework, is large; boxing it everywhere would
// only fight the framework.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod dev;
mod rpc;
mod service;

use std::io::Write;

fn main() {
	let code = match command::run() {
		Ok(()) => 0,
		Err(error) => {
			// `Display`, not `Debug`: the user gets a sentence, not a data structure.
			eprintln!("Error: {error}");
			1
		},
	};
	let _ = std::io::stdout().flush();
	let _ = std::io::stderr().flush();
	// By now the node has stopped and closed its database. A normal `exit` would still run
	// the C++ static destructors, and RocksDB's thread-exit hooks, which run on pool threads
	// that tokio has already let go, lock a mutex among those statics: the process then
	// aborts with `pthread lock: Invalid argument` instead of exiting cleanly
	// (facebook/rocksdb#11349). Leaving without the destructors removes that race.
	// SAFETY: `_exit` only ends the process; stdio was flushed above and nothing else
	// needs to run.
	unsafe { libc::_exit(code) }
}
