//! Placeholder: replaced by the output of `scripts/benchmark.sh`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::{frame_support, frame_system};
use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

pub trait WeightInfo {
	fn set_encryption_key() -> Weight;
	fn remove_encryption_key() -> Weight;
	fn add_record() -> Weight;
	fn amend_record() -> Weight;
	fn retract_record() -> Weight;
	fn erase_record(v: u32, ) -> Weight;
	fn share_key() -> Weight;
	fn remove_key() -> Weight;
	fn log_access() -> Weight;
	fn emergency_access() -> Weight;
	fn end_emergency_access() -> Weight;
	fn flag_emergency_access() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_encryption_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn remove_encryption_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn add_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn amend_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn retract_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn erase_record(_v: u32, ) -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn share_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn remove_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn log_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn end_emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
	fn flag_emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(8, 8)) }
}

impl WeightInfo for () {
	fn set_encryption_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn remove_encryption_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn add_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn amend_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn retract_record() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn erase_record(_v: u32, ) -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn share_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn remove_key() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn log_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn end_emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
	fn flag_emergency_access() -> Weight { Weight::from_parts(1_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(8, 8)) }
}
