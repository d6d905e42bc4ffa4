//! Benchmarks of every call, in their worst cases.

use super::*;

use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use healthchain_primitives::deposit::underpriced;
use polkadot_sdk::frame_benchmarking;

const SEED: u32 = 0;
const GTIN: &[u8] = b"00012345600012";
const EXPIRY: CalendarDate = CalendarDate { year: 2999, month: 12, day: 31 };

fn lot_number() -> Vec<u8> {
	vec![b'9'; 20]
}

/// `manufacturer` (made one) registers the product and commissions a lot of `quantity`.
fn commissioned<T: Config>(
	manufacturer: &T::AccountId,
	quantity: u64,
) -> Result<LotKey, BenchmarkError> {
	T::Organizations::register_for_benchmark(manufacturer, OrganizationKind::Manufacturer)?;
	T::Consideration::ensure_successful(manufacturer, Pallet::<T>::product_footprint());
	Pallet::<T>::register_product(
		RawOrigin::Signed(manufacturer.clone()).into(),
		GTIN.to_vec(),
		vec![b'n'; T::MaxNameLength::get() as usize],
	)?;
	T::Consideration::ensure_successful(manufacturer, Pallet::<T>::lot_footprint());
	Pallet::<T>::commission_lot(
		RawOrigin::Signed(manufacturer.clone()).into(),
		GTIN.to_vec(),
		lot_number(),
		EXPIRY,
		quantity,
		Some([1; 32]),
	)?;
	Pallet::<T>::lot_key(GTIN, &lot_number()).map_err(|_| BenchmarkError::Weightless)
}

/// A pharmacy holding `quantity` of the lot, received from the manufacturer.
fn stocked_pharmacy<T: Config>(
	manufacturer: &T::AccountId,
	pharmacy: &T::AccountId,
	quantity: u64,
) -> Result<(), BenchmarkError> {
	T::Organizations::register_for_benchmark(pharmacy, OrganizationKind::Pharmacy)?;
	Pallet::<T>::ship(
		RawOrigin::Signed(manufacturer.clone()).into(),
		GTIN.to_vec(),
		lot_number(),
		pharmacy.clone(),
		quantity,
	)?;
	let id = NextShipmentId::<T>::get().saturating_sub(1);
	Pallet::<T>::receive(RawOrigin::Signed(pharmacy.clone()).into(), id)?;
	Ok(())
}

/// Gives the lot a full custody history, so that the next entry prunes the oldest.
fn full_history<T: Config>(key: &LotKey) -> Result<(), BenchmarkError> {
	let mut lot = Lots::<T>::get(key).ok_or(BenchmarkError::Weightless)?;
	let oldest = History::<T>::get(key, 0).ok_or(BenchmarkError::Weightless)?;
	let max = T::MaxHistoryPerLot::get();
	for seq in lot.history..max {
		History::<T>::insert(key, seq, oldest.clone());
	}
	lot.history = max;
	Lots::<T>::insert(key, lot);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_product() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&who, OrganizationKind::Manufacturer)?;
		T::Consideration::ensure_successful(&who, Pallet::<T>::product_footprint());
		let name = vec![b'n'; T::MaxNameLength::get() as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(who), GTIN.to_vec(), name);

		assert!(Products::<T>::contains_key(Gtin::parse(GTIN).ok_or(BenchmarkError::Weightless)?));
		Ok(())
	}

	#[benchmark]
	fn commission_lot() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&who, OrganizationKind::Manufacturer)?;
		T::Consideration::ensure_successful(&who, Pallet::<T>::product_footprint());
		Pallet::<T>::register_product(
			RawOrigin::Signed(who.clone()).into(),
			GTIN.to_vec(),
			b"n".to_vec(),
		)?;
		T::Consideration::ensure_successful(&who, Pallet::<T>::lot_footprint());

		#[extrinsic_call]
		_(RawOrigin::Signed(who), GTIN.to_vec(), lot_number(), EXPIRY, 1_000, Some([1; 32]));

		assert_eq!(Lots::<T>::iter().count(), 1);
		Ok(())
	}

	#[benchmark]
	fn ship() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		let key = commissioned::<T>(&manufacturer, 1_000)?;
		// A distributor sends on to another: both are checked against the registry.
		let sender: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&sender, OrganizationKind::Distributor)?;
		Pallet::<T>::ship(
			RawOrigin::Signed(manufacturer).into(),
			GTIN.to_vec(),
			lot_number(),
			sender.clone(),
			100,
		)?;
		Pallet::<T>::receive(RawOrigin::Signed(sender.clone()).into(), 0)?;
		let distributor: T::AccountId = account("distributor", 0, SEED);
		T::Organizations::register_for_benchmark(&distributor, OrganizationKind::Distributor)?;
		full_history::<T>(&key)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sender), GTIN.to_vec(), lot_number(), distributor, 10);

		assert_eq!(Shipments::<T>::iter().count(), 1);
		Ok(())
	}

	#[benchmark]
	fn receive() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		let key = commissioned::<T>(&manufacturer, 1_000)?;
		let distributor: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&distributor, OrganizationKind::Distributor)?;
		Pallet::<T>::ship(
			RawOrigin::Signed(manufacturer).into(),
			GTIN.to_vec(),
			lot_number(),
			distributor.clone(),
			10,
		)?;
		full_history::<T>(&key)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor), 0);

		assert_eq!(Shipments::<T>::iter().count(), 0);
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		commissioned::<T>(&manufacturer, 1_000)?;
		let distributor: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&distributor, OrganizationKind::Distributor)?;
		Pallet::<T>::ship(
			RawOrigin::Signed(manufacturer).into(),
			GTIN.to_vec(),
			lot_number(),
			distributor.clone(),
			10,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor), 0, RejectReason::Damaged);

		assert_eq!(Shipments::<T>::iter().count(), 0);
		Ok(())
	}

	#[benchmark]
	fn cancel_shipment() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = whitelisted_caller();
		let key = commissioned::<T>(&manufacturer, 1_000)?;
		let distributor: T::AccountId = account("distributor", 0, SEED);
		T::Organizations::register_for_benchmark(&distributor, OrganizationKind::Distributor)?;
		Pallet::<T>::ship(
			RawOrigin::Signed(manufacturer.clone()).into(),
			GTIN.to_vec(),
			lot_number(),
			distributor,
			1_000,
		)?;
		full_history::<T>(&key)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(manufacturer), 0);

		assert_eq!(Shipments::<T>::iter().count(), 0);
		Ok(())
	}

	#[benchmark]
	fn dispense() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		commissioned::<T>(&manufacturer, 1_000)?;
		let pharmacy: T::AccountId = whitelisted_caller();
		stocked_pharmacy::<T>(&manufacturer, &pharmacy, 10)?;
		let key =
			Pallet::<T>::lot_key(GTIN, &lot_number()).map_err(|_| BenchmarkError::Weightless)?;
		full_history::<T>(&key)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), GTIN.to_vec(), lot_number(), 5);

		Ok(())
	}

	#[benchmark]
	fn destroy() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = whitelisted_caller();
		commissioned::<T>(&manufacturer, 1_000)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(manufacturer), GTIN.to_vec(), lot_number(), 5, DestroyReason::Damaged);

		Ok(())
	}

	/// With every holder the lot may have, all named in the event.
	#[benchmark]
	fn recall() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		let key = commissioned::<T>(&manufacturer, 1_000)?;
		for i in 1..T::MaxHoldersPerLot::get() {
			let pharmacy: T::AccountId = account("pharmacy", i, SEED);
			stocked_pharmacy::<T>(&manufacturer, &pharmacy, 1)?;
		}
		full_history::<T>(&key)?;
		let regulator: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&regulator, OrganizationKind::Regulator)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), GTIN.to_vec(), lot_number(), [2; 32]);

		Ok(())
	}

	#[benchmark]
	fn report_suspect() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		commissioned::<T>(&manufacturer, 1_000)?;
		// A holder reports: the registry, its custody and the cleared reports are checked.
		let pharmacy: T::AccountId = whitelisted_caller();
		stocked_pharmacy::<T>(&manufacturer, &pharmacy, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), GTIN.to_vec(), lot_number(), [2; 32]);

		Ok(())
	}

	#[benchmark]
	fn resolve_suspect() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = account("manufacturer", 0, SEED);
		commissioned::<T>(&manufacturer, 1_000)?;
		Pallet::<T>::report_suspect(
			RawOrigin::Signed(manufacturer).into(),
			GTIN.to_vec(),
			lot_number(),
			[2; 32],
		)?;
		let regulator: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&regulator, OrganizationKind::Regulator)?;

		// Clearing also records the reporter.
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), GTIN.to_vec(), lot_number(), SuspectOutcome::Cleared);

		Ok(())
	}

	/// Re-pricing the larger of the two items that hold a deposit, its ticket underpriced so
	/// that the poke holds more and writes the item back. Under Healthchain's runtime that is
	/// the lot: its storage entry (key and value) is at most 224 bytes, the product's 216.
	#[benchmark]
	fn poke_deposit() -> Result<(), BenchmarkError> {
		let manufacturer: T::AccountId = whitelisted_caller();
		let key = commissioned::<T>(&manufacturer, 1_000)?;
		let product_len = Gtin::max_encoded_len().saturating_add(ProductOf::<T>::max_encoded_len());
		let lot_len = LotKey::max_encoded_len().saturating_add(LotOf::<T>::max_encoded_len());
		let item = if product_len > lot_len {
			let mut product = Products::<T>::get(key.0).ok_or(BenchmarkError::Weightless)?;
			product.deposit = underpriced(&manufacturer, product.deposit)?;
			Products::<T>::insert(key.0, product);
			DepositItem::Product(key.0)
		} else {
			let mut lot = Lots::<T>::get(&key).ok_or(BenchmarkError::Weightless)?;
			lot.deposit = underpriced(&manufacturer, lot.deposit)?;
			Lots::<T>::insert(&key, lot);
			DepositItem::Lot(key)
		};

		#[extrinsic_call]
		_(RawOrigin::Signed(manufacturer.clone()), item.clone());

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::DepositPoked { who: manufacturer, item }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
