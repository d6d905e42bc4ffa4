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
			status: Some(lot.status.name().to_vec()),
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
			status: lot.status.name().to_vec(),
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
		let Some((key, lot)) = Self::find(gtin, lot_number) else {
			return Page { items: Vec::new(), next: None };
		};
		// The history keeps the latest `MaxHistoryPerLot` entries.
		let oldest = lot.history.saturating_sub(T::MaxHistoryPerLot::get());
		let start = cursor.map_or(oldest, |c| c.saturating_add(1).max(oldest));
		let mut positions = start..lot.history;
		let items: Vec<_> = positions
			.by_ref()
			.take(limit as usize)
			.filter_map(|seq| {
				History::<T>::get(&key, seq).map(|e| CustodyEntry {
					seq,
					at: e.at,
					event: e.event.name().to_vec(),
					from: e.from,
					to: e.to,
					quantity: e.quantity,
				})
			})
			.collect();
		let next = if positions.next().is_some() { items.last().map(|e| e.seq) } else { None };
		Page { items, next }
	}

	/// Who holds how much of the lot.
	pub fn holdings(gtin: &[u8], lot_number: &[u8]) -> Vec<Holding<T::AccountId>> {
		let Ok(key) = Self::lot_key(gtin, lot_number) else { return Vec::new() };
		Holdings::<T>::iter_prefix(&key)
			.map(|(holder, quantity)| Holding { holder, quantity })
			.collect()
	}

	/// The lots `manufacturer` commissioned, at most `limit`, after the lot `cursor`.
	pub fn lots_by_manufacturer(
		manufacturer: &T::AccountId,
		cursor: Option<LotRef>,
		limit: u32,
	) -> Page<LotDetails<T::AccountId>, LotRef> {
		let start = cursor.and_then(|(gtin, lot)| Self::lot_key(&gtin, &lot).ok());
		let mut keys = match start {
			Some(key) => LotsByManufacturer::<T>::iter_key_prefix_from(
				manufacturer,
				LotsByManufacturer::<T>::hashed_key_for(manufacturer, &key),
			),
			None => LotsByManufacturer::<T>::iter_key_prefix(manufacturer),
		};
		let items: Vec<_> = keys
			.by_ref()
			.take(limit as usize)
			.filter_map(|key| Lots::<T>::get(&key).map(|lot| Self::details(&key, lot)))
			.collect();
		let next = if keys.next().is_some() {
			items.last().map(|l| (l.gtin.clone(), l.lot_number.clone()))
		} else {
			None
		};
		Page { items, next }
	}

	/// Shipments in transit to `account`.
	pub fn pending_shipments(account: &T::AccountId) -> Vec<ShipmentDetails<T::AccountId>> {
		PendingShipments::<T>::iter_key_prefix(account)
			.filter_map(|id| {
				Shipments::<T>::get(id).map(|s| ShipmentDetails {
					id,
					gtin: s.lot.0.as_bytes().to_vec(),
					lot_number: s.lot.1.to_vec(),
					from: s.from,
					to: s.to,
					quantity: s.quantity,
					shipped_at: s.shipped_at,
				})
			})
			.collect()
	}
}
