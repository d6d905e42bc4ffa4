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
		let envelope = |(recipient, wrapped_key): (T::AccountId, WrappedKey)| KeyEnvelope {
			recipient,
			wrapped_key: wrapped_key.encode(),
		};
		// Most versions carry the patient's envelope alone (the count says so, and try_state
		// checks the count): one read by key. Iterating the prefix would also seek past its
		// last envelope into another record's keys, a second walk down the trie for every
		// record of a page.
		if record.envelopes <= 1 {
			let patients_own = Envelopes::<T>::get(record_id, &record.patient)
				.map(|wrapped_key| envelope((record.patient.clone(), wrapped_key)));
			return record.into_details(record_id, patients_own.into_iter().collect());
		}
		let mut envelopes: Vec<_> = Envelopes::<T>::iter_prefix(record_id).map(envelope).collect();
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

/// The reads a payload store (`healthchain-vault`) follows the chain with.
impl<T: Config> Pallet<T> {
	/// Whether the store may hand `record_id`'s payload, which `requester` asks for under
	/// `content_hash`, to `requester` at the block's time: to the patient always; to anyone
	/// else only on a `log_access` of theirs for that record made at most `window`
	/// milliseconds ago, and only while the access decision still allows it for the purpose
	/// they logged (so that a revocation between the log and the fetch denies).
	/// Reads at most `MaxAccessLogEntriesPerAccessor` log entries, newest first.
	pub fn payload_release(
		record_id: RecordId,
		requester: &T::AccountId,
		content_hash: Hash32,
		window: Moment,
	) -> PayloadRelease<T::AccountId> {
		let refuse =
			|patient, refusal| PayloadRelease { patient, verdict: ReleaseVerdict::Refuse(refusal) };
		let record = match Self::live(record_id) {
			Ok(record) => record,
			Err(Error::<T>::RecordErased) => return refuse(None, ReleaseRefusal::RecordErased),
			Err(_) => return refuse(None, ReleaseRefusal::UnknownRecord),
		};
		let patient = Some(record.patient.clone());
		if record.content_hash != content_hash {
			return refuse(patient, ReleaseRefusal::RecordHashMismatch);
		}
		if *requester == record.patient {
			return PayloadRelease {
				patient,
				verdict: ReleaseVerdict::Release(ReleaseGround::Patient),
			};
		}
		let Some(entry) = Self::latest_logged_access(&record.patient, requester, record_id) else {
			return refuse(patient, ReleaseRefusal::NoAccessLogged);
		};
		let now = T::Time::now();
		if now > entry.at.saturating_add(window) {
			return refuse(patient, ReleaseRefusal::AccessWindowPassed);
		}
		match T::Access::decide(
			&record.patient,
			requester,
			record.category,
			Action::Read,
			entry.purpose,
		) {
			AccessDecision::Allowed(via) => PayloadRelease {
				patient,
				verdict: ReleaseVerdict::Release(ReleaseGround::LoggedAccess {
					seq: entry.seq,
					at: entry.at,
					purpose: entry.purpose,
					via,
				}),
			},
			AccessDecision::Denied(reason) => {
				refuse(patient, ReleaseRefusal::AccessRevoked(reason))
			},
		}
	}

	/// `accessor`'s latest entry for `record_id` in `patient`'s access log.
	fn latest_logged_access(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		record_id: RecordId,
	) -> Option<AccessLogEntryOf<T>> {
		AccessorLog::<T>::get(patient, accessor)
			.into_iter()
			.rev()
			.filter_map(|seq| AccessLog::<T>::get(patient, seq))
			.find(|entry| entry.record_id == record_id)
	}

	/// What `events`, the events of one block, did to the payloads records reference: each
	/// new version with its content hash, and each erased version. A version added and erased
	/// in the same block shows only as erased.
	pub fn payload_changes(events: impl IntoIterator<Item = Event<T>>) -> Vec<PayloadChange> {
		let mut changes = Vec::new();
		for event in events {
			match event {
				Event::RecordAdded { record_id, .. } | Event::RecordAmended { record_id, .. } => {
					if let Some(record) = Records::<T>::get(record_id) {
						changes.push(PayloadChange::Referenced {
							record_id,
							content_hash: record.content_hash,
						});
					}
				},
				Event::RecordErased { record_id, versions, .. } => {
					// The event names the latest version; its tombstones link back to the first.
					let mut cursor = Some(record_id);
					for _ in 0..versions {
						let Some(id) = cursor else { break };
						changes.push(PayloadChange::Erased { record_id: id });
						cursor = Tombstones::<T>::get(id).and_then(|tombstone| tombstone.previous);
					}
				},
				_ => {},
			}
		}
		changes
	}

	/// Every live version (current, superseded or entered-in-error) with the payload it
	/// references, in increasing order of identifier after `cursor`: what a payload store
	/// reconciles its contents against after it was away. Looks at most `limit` identifiers.
	pub fn live_payloads(cursor: Option<RecordId>, limit: u32) -> Page<PayloadReference, RecordId> {
		let start = cursor.map_or(0, |c| c.saturating_add(1));
		Page::of_keys(start..NextRecordId::<T>::get(), limit, |id| {
			Records::<T>::get(id).map(|record| PayloadReference {
				record_id: *id,
				content_hash: record.content_hash,
			})
		})
	}
}
