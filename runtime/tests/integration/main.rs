//! The runtime's integration tests. They are modules of one test binary, so that the runtime
//! and the client crates they use are linked once, not once per file.

// Tests may panic, unwrap and do plain arithmetic: a failure should be loud.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::panic,
	clippy::unwrap_used
)]

mod authorization;
mod blocks;
mod common;
mod genesis;
mod health;
mod properties;
mod safety;
mod spam;
mod upgrade;
