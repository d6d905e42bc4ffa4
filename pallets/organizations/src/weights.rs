// PLACEHOLDER: replaced by the output of scripts/benchmark.sh before this lands.
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

pub trait WeightInfo {
	fn register(n: u32, l: u32) -> Weight;
	fn update_details(n: u32, l: u32) -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn deregister(m: u32) -> Weight;
	fn add_member() -> Weight;
	fn remove_member() -> Weight;
	fn leave() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register(_n: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn update_details(_n: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn suspend() -> Weight {
		Weight::zero()
	}
	fn reinstate() -> Weight {
		Weight::zero()
	}
	fn deregister(_m: u32) -> Weight {
		Weight::zero()
	}
	fn add_member() -> Weight {
		Weight::zero()
	}
	fn remove_member() -> Weight {
		Weight::zero()
	}
	fn leave() -> Weight {
		Weight::zero()
	}
}
impl WeightInfo for () {
	fn register(_n: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn update_details(_n: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn suspend() -> Weight {
		Weight::zero()
	}
	fn reinstate() -> Weight {
		Weight::zero()
	}
	fn deregister(_m: u32) -> Weight {
		Weight::zero()
	}
	fn add_member() -> Weight {
		Weight::zero()
	}
	fn remove_member() -> Weight {
		Weight::zero()
	}
	fn leave() -> Weight {
		Weight::zero()
	}
}
