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

use std::{io::Write, time::Duration};

/// How long the node waits, once stopped, for its logger to write out what it buffered: the
/// logger's own thread writes every 50 ms.
const LOG_FLUSH_WAIT: Duration = Duration::from_millis(250);

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
	// The node has stopped and closed its database. A normal `exit` would now run the C++
	// static destructors, and RocksDB's threads can still be winding down (tokio lets go of
	// its pool threads before their thread-exit hooks have run): the process then aborts with
	// `pthread lock: Invalid argument` instead of exiting cleanly (facebook/rocksdb#11349).
	// So the node leaves with `_exit`, which runs no destructor and no `atexit` hook. The one
	// hook it would miss is the logger's final flush, so it first gives the logger's thread
	// time to write the last lines (errors it writes at once).
	std::thread::sleep(LOG_FLUSH_WAIT);
	let _ = std::io::stderr().flush();
	// SAFETY: `_exit` only ends the process; nothing that must run is left.
	unsafe { libc::_exit(code) }
}
