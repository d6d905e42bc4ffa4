//! `dev_advanceTime`: moves the `--dev` chain's clock forward, to see expiry and deadlines
//! without waiting for them. Only the standalone dev chain serves it.

use jsonrpsee::{core::RpcResult, proc_macros::rpc};

use crate::dev::{DevClock, MAX_ADVANCE_MILLIS};

#[rpc(server, namespace = "dev")]
pub trait DevRpc {
	/// Moves the chain's clock `millis` milliseconds forward: the next block, and every one
	/// after it, carries a timestamp that much later than it otherwise would. Returns how far
	/// ahead of the wall clock the chain's clock now runs, in milliseconds. The clock never
	/// goes back.
	#[method(name = "advanceTime")]
	fn advance_time(&self, millis: u64) -> RpcResult<u64>;
}

/// The `dev_*` methods of the dev chain.
pub struct Dev {
	clock: DevClock,
}

impl Dev {
	pub fn new(clock: DevClock) -> Self {
		Self { clock }
	}
}

impl DevRpcServer for Dev {
	fn advance_time(&self, millis: u64) -> RpcResult<u64> {
		if millis == 0 || millis > MAX_ADVANCE_MILLIS {
			return Err(super::invalid_params(format!(
				"millis must be between 1 and {MAX_ADVANCE_MILLIS} (ten years)"
			)));
		}
		let offset = self.clock.advance(millis);
		log::info!("⏩ The dev chain's clock now runs {offset} ms ahead of the wall clock");
		Ok(offset)
	}
}
