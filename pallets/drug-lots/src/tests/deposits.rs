//! Deposits: the footprint they are priced on, and re-pricing them with `poke_deposit`.

use super::*;

use polkadot_sdk::frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays},
	traits::fungible::InspectHold,
};
use polkadot_sdk::sp_runtime::traits::Convert;

/// What the pallet holds from `who`.
fn on_hold(who: u64) -> u64 {
	Balances::balance_on_hold(&LotsHold::get(), &who)
}

fn poke(who: u64, item: &DepositItem) -> DispatchResultWithPostInfo {
	DrugLots::poke_deposit(RuntimeOrigin::signed(who), item.clone())
}

/// The product's and the lot's deposits at the current price.
fn deposits() -> (u64, u64) {
	(
		DepositOf::convert(DrugLots::product_footprint()),
		DepositOf::convert(DrugLots::lot_footprint()),
	)
}

#[test]
fn the_deposit_is_the_footprint_of_the_item_with_its_ticket_inside() {
	use polkadot_sdk::{frame_support::traits::ConstU32, sp_runtime::AccountId32};
	run(|| {
		// The mock: 8-byte accounts and tickets, names of up to 32 bytes.
		assert_eq!(DrugLots::product_footprint(), Footprint::from_parts(1, 57));
		assert_eq!(DrugLots::lot_footprint(), Footprint::from_parts(2, 195));
		commissioned();
		assert_eq!(on_hold(MANUFACTURER), (10 + 57) + (2 * 10 + 195));
	});
	// The runtime: 32-byte accounts, 16-byte tickets (a balance), names of up to 128 bytes.
	type RuntimeProduct = Product<AccountId32, BoundedVec<u8, ConstU32<128>>, u128>;
	assert_eq!(RuntimeProduct::max_encoded_len(), 186);
	assert_eq!(
		Lot::<AccountId32, u128>::max_encoded_len() + 32 + 2 * LotKey::max_encoded_len(),
		275
	);
}

#[test]
fn poking_a_deposit_at_its_price_changes_nothing_and_pays() {
	run(|| {
		commissioned();
		let (product, lot) = deposits();
		let (stored_product, stored_lot) =
			(Products::<Test>::get(key().0).unwrap(), Lots::<Test>::get(key()).unwrap());
		System::reset_events();
		for item in [DepositItem::Product(key().0), DepositItem::Lot(key())] {
			assert_eq!(poke(MANUFACTURER, &item).unwrap().pays_fee, Pays::Yes);
		}
		assert_eq!(on_hold(MANUFACTURER), product + lot);
		assert_eq!(Products::<Test>::get(key().0).unwrap(), stored_product);
		assert_eq!(Lots::<Test>::get(key()).unwrap(), stored_lot);
		assert!(System::events().is_empty());
	});
}

#[test]
fn poking_after_a_price_rise_holds_more_for_free() {
	use pallet_organizations::SuspensionReason;
	run(|| {
		commissioned();
		let (product, lot) = deposits();
		DepositPerByte::set(2);
		let (new_product, new_lot) = deposits();
		assert!(new_product > product && new_lot > lot);
		// Poking only re-prices: the manufacturer does it in any standing.
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			MANUFACTURER,
			SuspensionReason::UnderInvestigation
		));
		let item = DepositItem::Product(key().0);
		assert_eq!(poke(MANUFACTURER, &item).unwrap().pays_fee, Pays::No);
		System::assert_last_event(RuntimeEvent::DrugLotsPallet(Event::DepositPoked {
			who: MANUFACTURER,
			item: item.clone(),
		}));
		assert_eq!(on_hold(MANUFACTURER), new_product + lot);
		assert_eq!(poke(MANUFACTURER, &DepositItem::Lot(key())).unwrap().pays_fee, Pays::No);
		System::assert_last_event(RuntimeEvent::DrugLotsPallet(Event::DepositPoked {
			who: MANUFACTURER,
			item: DepositItem::Lot(key()),
		}));
		assert_eq!(on_hold(MANUFACTURER), new_product + new_lot);
		// The new ticket was stored: a second poke finds nothing to change.
		assert_eq!(poke(MANUFACTURER, &item).unwrap().pays_fee, Pays::Yes);
		assert_eq!(poke(MANUFACTURER, &DepositItem::Lot(key())).unwrap().pays_fee, Pays::Yes);
		assert_eq!(on_hold(MANUFACTURER), new_product + new_lot);
	});
}

#[test]
fn poking_after_a_price_fall_releases_the_difference() {
	run(|| {
		commissioned();
		let (product, lot) = deposits();
		let free = Balances::free_balance(MANUFACTURER);
		DepositPerItem::set(5);
		let (new_product, new_lot) = deposits();
		assert_eq!((product - new_product, lot - new_lot), (5, 10));
		for item in [DepositItem::Product(key().0), DepositItem::Lot(key())] {
			assert_eq!(poke(MANUFACTURER, &item).unwrap().pays_fee, Pays::No);
		}
		assert_eq!(on_hold(MANUFACTURER), new_product + new_lot);
		assert_eq!(Balances::free_balance(MANUFACTURER), free + 15);
	});
}

#[test]
fn only_the_manufacturer_pokes_a_known_item() {
	run(|| {
		commissioned();
		DepositPerByte::set(2);
		for item in [DepositItem::Product(key().0), DepositItem::Lot(key())] {
			assert_noop!(poke(OTHER_MANUFACTURER, &item), Error::<Test>::NotDepositor);
			assert_noop!(poke(DISTRIBUTOR, &item), Error::<Test>::NotDepositor);
		}
		let other = Gtin::parse(b"00614141123452").unwrap();
		assert_noop!(
			poke(MANUFACTURER, &DepositItem::Product(other)),
			Error::<Test>::UnknownProduct
		);
		let unknown_lot = DrugLots::lot_key(GTIN, b"LOT-B").unwrap();
		assert_noop!(poke(MANUFACTURER, &DepositItem::Lot(unknown_lot)), Error::<Test>::UnknownLot);
		assert_noop!(
			poke(MANUFACTURER, &DepositItem::Lot((other, key().1))),
			Error::<Test>::UnknownLot
		);
	});
}
