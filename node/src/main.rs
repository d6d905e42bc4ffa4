//! `healthchain-node`: runs the Healthchain parachain runtime, as a collator against a relay
//! chain or as a standalone development chain (`--dev`).

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// `Display`, not `Debug`: the user gets a sentence, not a data structure.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
