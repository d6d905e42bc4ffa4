// PLACEHOLDER: replaced by the output of scripts/benchmark.sh before this lands.
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

pub trait WeightInfo {
	fn grant() -> Weight;
	fn revoke() -> Weight;
	fn prune_expired(n: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn grant() -> Weight {
		Weight::from_parts(1_000, 100)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000, 100)
	}
	fn prune_expired(n: u32) -> Weight {
		Weight::from_parts(1_000, 100)
			.saturating_add(Weight::from_parts(1_000, 100).saturating_mul(n as u64))
	}
}
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::from_parts(1_000, 100)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000, 100)
	}
	fn prune_expired(n: u32) -> Weight {
		Weight::from_parts(1_000, 100)
			.saturating_add(Weight::from_parts(1_000, 100).saturating_mul(n as u64))
	}
}
