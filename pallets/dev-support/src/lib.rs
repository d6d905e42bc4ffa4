//! What the pallets' mock runtimes share, so that each mock states only what is its own.
//!
//! Only a pallet's `[dev-dependencies]` name this crate: it is built with `std` and never
//! reaches the runtime.

pub mod deposit {
	//! The deposit price of every mock: [`ITEM_PRICE`] per storage item and [`BYTE_PRICE`] per
	//! byte. The price is thread-local, so that a test may raise or lower it to exercise
	//! `poke_deposit`; each mock's `new_test_ext` calls [`reset_prices`].

	use polkadot_sdk::{
		frame_support::{parameter_types, traits::Footprint},
		sp_runtime::traits::Convert,
	};

	/// The price per storage item that each test starts with.
	pub const ITEM_PRICE: u64 = 10;
	/// The price per byte that each test starts with.
	pub const BYTE_PRICE: u64 = 1;

	parameter_types! {
		pub static DepositPerItem: u64 = ITEM_PRICE;
		pub static DepositPerByte: u64 = BYTE_PRICE;
	}

	/// Back to the usual prices, for a test that starts on a thread where another one changed
	/// them.
	pub fn reset_prices() {
		DepositPerItem::set(ITEM_PRICE);
		DepositPerByte::set(BYTE_PRICE);
	}

	/// Prices a footprint at the current prices: what a mock's `HoldConsideration` holds.
	pub struct DepositOf;

	impl Convert<Footprint, u64> for DepositOf {
		fn convert(footprint: Footprint) -> u64 {
			footprint
				.count
				.saturating_mul(DepositPerItem::get())
				.saturating_add(footprint.size.saturating_mul(DepositPerByte::get()))
		}
	}
}

pub mod time {
	//! The mocks' clock, in milliseconds as `pallet_timestamp` keeps it.

	/// When each test starts: 2023-11-14T22:13:20Z.
	pub const NOW: u64 = 1_700_000_000_000;
	/// A day.
	pub const DAY: u64 = 86_400_000;
	/// A year of 365 days.
	pub const YEAR: u64 = 365 * DAY;
}

/// Implements the configuration every mock shares for `System`, `Balances` (`u64` balances,
/// existential deposit 1, holds from the mock's `RuntimeHoldReason`) and `Timestamp` (`u64`
/// milliseconds), from the SDK's test presets.
///
/// The mock's `construct_runtime!` names the three pallets `System`, `Balances` and
/// `Timestamp`, and the mock has `frame_support`, `frame_system`, `pallet_balances` and
/// `pallet_timestamp` in scope, as its `construct_runtime!` needs them anyway: `derive_impl`
/// finds each preset by the path it is given, which must resolve where the mock is.
#[macro_export]
macro_rules! impl_mock_base {
	($runtime:ident) => {
		#[frame_support::derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for $runtime {
			type Block = frame_system::mocking::MockBlock<$runtime>;
			type AccountData = pallet_balances::AccountData<u64>;
		}

		#[frame_support::derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for $runtime {
			type ExistentialDeposit = frame_support::traits::ConstU64<1>;
			type AccountStore = System;
			type RuntimeHoldReason = RuntimeHoldReason;
		}

		#[frame_support::derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
		impl pallet_timestamp::Config for $runtime {}
	};
}
