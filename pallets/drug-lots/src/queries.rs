//! The reads behind the runtime API.

use alloc::vec::Vec;

use healthchain_primitives::{
	serials,
	views::{CustodyEntry, Holding, LotDetails, LotVerification, ShipmentDetails},
	LotRef,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// What a scanner learns about `gtin`/`lot_number`, and whether `serial` with `proof`
	/// belongs to the lot's serials root.
	pub fn verify(
		gtin: &[u8],
		lot_number: &[u8],
		serial: Option<Vec<u8>>,
		proof: Vec<Hash32>,
	) -> LotVerification<T::AccountId> {
		let Some((_, lot)) = Self::find(gtin, lot_number) else {
			return LotVerification {
				known: false,
				status: None,
				expired: None,
				manufacturer: None,
				expiry: None,
				serial_valid: None,
			};
		};
		let serial_valid = match (serial, lot.serials_root) {
			(Some(serial), Some(root)) => Some(serials::verify(&root, &serial, &proof)),
			_ => None,
		};
		LotVerification {
			known: true,
			status: Some(lot.status),
			expired: Some(Self::is_expired(&lot, T::Time::now())),
			manufacturer: Some(lot.manufacturer),
			expiry: Some(lot.expiry),
			serial_valid,
		}
	}

	fn find(gtin: &[u8], lot_number: &[u8]) -> Option<(LotKey, LotOf<T>)> {
		let key = Self::lot_key(gtin, lot_number).ok()?;
		Lots::<T>::get(&key).map(|lot| (key, lot))
	}

	fn details(key: &LotKey, lot: LotOf<T>) -> LotDetails<T::AccountId> {
		let held = Holdings::<T>::iter_prefix_values(key).fold(0u64, u64::saturating_add);
		LotDetails {
			gtin: key.0.as_bytes().to_vec(),
			lot_number: key.1.to_vec(),
			expired: Self::is_expired(&lot, T::Time::now()),
			manufacturer: lot.manufacturer,
			expiry: lot.expiry,
			quantity: lot.quantity,
			serials_root: lot.serials_root,
			status: lot.status,
			commissioned_at: lot.commissioned_at,
			held,
			in_transit: lot.in_transit,
			dispensed: lot.dispensed,
			destroyed: lot.destroyed,
		}
	}

	/// The lot, if known.
	pub fn lot(gtin: &[u8], lot_number: &[u8]) -> Option<LotDetails<T::AccountId>> {
		Self::find(gtin, lot_number).map(|(key, lot)| Self::details(&key, lot))
	}

	/// The lot's custody history after position `cursor`, oldest first.
	pub fn history(
		gtin: &[u8],
		lot_number: &[u8],
		cursor: Option<u32>,
		limit: u32,
	) -> Page<CustodyEntry<T::AccountId>, u32> {
		let Some((key, lot)) = Self::find(gtin, lot_number) else { return Page::empty() };
		// The history keeps the latest `MaxHistoryPerLot` entries.
		let oldest = lot.history.saturating_sub(T::MaxHistoryPerLot::get());
		let start = cursor.map_or(oldest, |c| c.saturating_add(1).max(oldest));
		Page::of_keys(start..lot.history, limit, |seq| {
			History::<T>::get(&key, seq).map(|e| CustodyEntry {
				seq: *seq,
				at: e.at,
				event: e.event,
				reason: e.reason,
				from: e.from,
				to: e.to,
				quantity: e.quantity,
			})
		})
	}

	/// Who holds how much of the lot, after the holder `cursor`, at most `limit`, in storage
	/// order.
	pub fn holdings(
		gtin: &[u8],
		lot_number: &[u8],
		cursor: Option<T::AccountId>,
		limit: u32,
	) -> Page<Holding<T::AccountId>, T::AccountId> {
		let Ok(key) = Self::lot_key(gtin, lot_number) else { return Page::empty() };
		let holders = match cursor {
			Some(c) => {
				Holdings::<T>::iter_prefix_from(&key, Holdings::<T>::hashed_key_for(&key, &c))
			},
			None => Holdings::<T>::iter_prefix(&key),
		};
		Page::of(holders, limit, |holder, quantity| {
			Some(Holding { holder: holder.clone(), quantity })
		})
	}

	/// The lots `manufacturer` commissioned, at most `limit`, after the lot `cursor`.
	pub fn lots_by_manufacturer(
		manufacturer: &T::AccountId,
		cursor: Option<LotRef>,
		limit: u32,
	) -> Page<LotDetails<T::AccountId>, LotRef> {
		let start = cursor.and_then(|(gtin, lot)| Self::lot_key(&gtin, &lot).ok());
		let keys = match start {
			Some(key) => LotsByManufacturer::<T>::iter_key_prefix_from(
				manufacturer,
				LotsByManufacturer::<T>::hashed_key_for(manufacturer, &key),
			),
			None => LotsByManufacturer::<T>::iter_key_prefix(manufacturer),
		};
		let refs = keys.map(|key| ((key.0.as_bytes().to_vec(), key.1.to_vec()), key));
		Page::of(refs, limit, |_, key| Lots::<T>::get(&key).map(|lot| Self::details(&key, lot)))
	}

	/// Shipments in transit to `account`, waiting for it to receive or reject them, after the
	/// shipment `cursor`, at most `limit`, in storage order.
	pub fn pending_shipments(
		account: &T::AccountId,
		cursor: Option<ShipmentId>,
		limit: u32,
	) -> Page<ShipmentDetails<T::AccountId>, ShipmentId> {
		let ids = match cursor {
			Some(c) => PendingShipments::<T>::iter_key_prefix_from(
				account,
				PendingShipments::<T>::hashed_key_for(account, c),
			),
			None => PendingShipments::<T>::iter_key_prefix(account),
		};
		Page::of_keys(ids, limit, |id| {
			Shipments::<T>::get(id).map(|s| ShipmentDetails {
				id: *id,
				gtin: s.lot.0.as_bytes().to_vec(),
				lot_number: s.lot.1.to_vec(),
				from: s.from,
				to: s.to,
				quantity: s.quantity,
				shipped_at: s.shipped_at,
			})
		})
	}
}
