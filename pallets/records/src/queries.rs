//! The reads behind the runtime API.

use alloc::vec::Vec;

use codec::Encode;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The version `record_id` with its wrapped keys (the patient's first), or its tombstone.
	pub fn record_view(record_id: RecordId) -> Option<RecordView<T::AccountId>> {
		if let Some(tombstone) = Tombstones::<T>::get(record_id) {
			return Some(RecordView::Erased(tombstone));
		}
		Records::<T>::get(record_id)
			.map(|record| RecordView::Live(Self::details(record_id, record)))
	}

	fn details(record_id: RecordId, record: RecordOf<T>) -> RecordDetails<T::AccountId> {
		let mut envelopes: Vec<_> = Envelopes::<T>::iter_prefix(record_id)
			.map(|(recipient, wrapped_key)| KeyEnvelope {
				recipient,
				wrapped_key: wrapped_key.encode(),
			})
			.collect();
		// The patient's first; the others in storage order.
		envelopes.sort_by_key(|envelope| envelope.recipient != record.patient);
		record.into_details(record_id, envelopes)
	}

	/// `patient`'s live records (the latest version of each), in increasing order of
	/// identifier after `cursor`, of `category` if given, at most `limit` of them.
	pub fn records_by_patient(
		patient: &T::AccountId,
		category: Option<DataCategory>,
		cursor: Option<RecordId>,
		limit: u32,
	) -> Page<RecordDetails<T::AccountId>, RecordId> {
		let matching = RecordsByPatient::<T>::get(patient)
			.into_iter()
			.filter(|id| cursor.is_none_or(|c| *id > c))
			.filter_map(|id| Records::<T>::get(id).map(|record| (id, record)))
			.filter(|(_, record)| category.is_none_or(|c| record.category == c));
		Page::of(matching, limit, |id, record| Some(Self::details(*id, record)))
	}

	/// Every version of the record `record_id` belongs to, oldest first, erased ones as
	/// tombstones. Empty when there is no such record.
	pub fn versions(record_id: RecordId) -> Vec<RecordView<T::AccountId>> {
		// The links alone, without building a view and reading its envelopes.
		let links = |id: RecordId| match Records::<T>::get(id) {
			Some(r) => Some((r.previous, r.superseded_by)),
			None => Tombstones::<T>::get(id).map(|t| (t.previous, t.superseded_by)),
		};
		let limit = T::MaxVersionsPerRecord::get();
		// Walk back to the first version, then forward through every one.
		let mut first = record_id;
		let mut steps = 0u32;
		while let Some((Some(previous), _)) = links(first) {
			first = previous;
			steps = steps.saturating_add(1);
			if steps >= limit {
				break;
			}
		}
		let mut chain = Vec::new();
		let mut cursor = Some(first);
		while let Some(id) = cursor {
			let Some(view) = Self::record_view(id) else { break };
			cursor = match &view {
				RecordView::Live(r) => r.superseded_by,
				RecordView::Erased(t) => t.superseded_by,
			};
			chain.push(view);
			if chain.len() >= limit as usize {
				break;
			}
		}
		chain
	}

	/// `patient`'s access log, newest first, before the position `cursor`, at most `limit`
	/// positions. Entries pruned from an accessor's quota leave gaps, so a page may hold fewer
	/// than `limit` entries; `next` is `None` only when no older position is left.
	pub fn access_log(
		patient: &T::AccountId,
		cursor: Option<AccessSeq>,
		limit: u32,
	) -> Page<AccessLogEntry<T::AccountId>, AccessSeq> {
		let end = NextAccessSeq::<T>::get(patient);
		let end = cursor.map_or(end, |c| c.min(end));
		Page::of_keys((0..end).rev(), limit, |seq| AccessLog::<T>::get(patient, seq))
	}

	/// The emergency accesses to `patient`'s data the chain keeps, in increasing order of
	/// identifier after `cursor`, at most `limit`, each saying whether it grants access now.
	/// A patient's accesses are few (each holds a deposit from its clinician, whose next one
	/// waits `EmergencyAccessCooldown`, and anyone clears one past its review period), so they
	/// are read and sorted.
	pub fn emergency_accesses(
		patient: &T::AccountId,
		cursor: Option<EmergencyAccessId>,
		limit: u32,
	) -> Page<EmergencyAccessDetails<T::AccountId>, EmergencyAccessId> {
		let now = T::Time::now();
		let mut accesses: Vec<_> = EmergencyAccesses::<T>::iter_prefix(patient)
			.filter(|(id, _)| cursor.is_none_or(|c| *id > c))
			.collect();
		accesses.sort_by_key(|(id, _)| *id);
		Page::of(accesses, limit, |id, access| {
			let active = Self::grants_access(&access, now);
			Some(access.into_details(*id, active))
		})
	}
}
