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

fn main() {
	if let Err(error) = command::run() {
		// `Display`, not `Debug`: the user gets a sentence, not a data structure.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
