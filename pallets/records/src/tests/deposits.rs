//! Deposits: where they are kept, their size, and re-pricing them with `poke_deposit`.

use super::*;
use polkadot_sdk::frame_support::dispatch::{DispatchResultWithPostInfo, Pays};

fn poke(who: u64, item: DepositItem<u64>) -> DispatchResultWithPostInfo {
	RecordsPallet::poke_deposit(RuntimeOrigin::signed(who), item)
}

/// A deposit of every kind: the keys of the patient, the clinician and the nurse; a version
/// by the clinician, whose key the patient shared with the nurse; an emergency access by the
/// other clinician. Returns the version and each deposit's item with its depositor.
fn every_kind_of_deposit() -> (RecordId, Vec<(u64, DepositItem<u64>)>) {
	publish(PATIENT);
	publish(CLINICIAN);
	publish(NURSE);
	grant(PATIENT, HOSPITAL, DataCategory::LabResult, Actions { read: true, write: true });
	let id = add(CLINICIAN, PATIENT, DataCategory::LabResult);
	share(id, NURSE);
	assert_ok!(RecordsPallet::emergency_access(
		RuntimeOrigin::signed(OTHER_CLINICIAN),
		PATIENT,
		EmergencyReason::PatientUnconscious,
		hash(4),
	));
	let items = vec![
		(PATIENT, DepositItem::EncryptionKey),
		(CLINICIAN, DepositItem::EncryptionKey),
		(NURSE, DepositItem::EncryptionKey),
		(CLINICIAN, DepositItem::Version(id)),
		(PATIENT, DepositItem::SharedKeys(id)),
		(OTHER_CLINICIAN, DepositItem::EmergencyAccess { patient: PATIENT, id: 0 }),
	];
	(id, items)
}

/// Everything the pallet keeps deposits in.
fn deposited_items() -> impl PartialEq + core::fmt::Debug {
	(
		Records::<Test>::iter().collect::<Vec<_>>(),
		EncryptionKeys::<Test>::iter().collect::<Vec<_>>(),
		EmergencyAccesses::<Test>::iter().collect::<Vec<_>>(),
	)
}

fn deposit_poked(who: u64, item: DepositItem<u64>) -> RuntimeEvent {
	event(Event::DepositPoked { who, item })
}

#[test]
fn each_deposit_is_kept_in_its_item() {
	run(|| {
		let (id, _) = every_kind_of_deposit();
		// A ticket encodes as the amount it holds.
		let version = record(id);
		assert_eq!(version.deposit.encode(), record_deposit().encode());
		assert_eq!(version.shared_deposit.encode(), Some(shared_deposit(1)).encode());
		// A new version starts with no shared envelopes, hence no shared deposit.
		let new_id = amend(CLINICIAN, id, 2);
		assert_eq!(record(new_id).shared_deposit, None);
		assert!(record(id).shared_deposit.is_some());
	});
}

#[test]
fn at_an_unchanged_price_a_poke_pays_and_changes_nothing() {
	run(|| {
		let (_, items) = every_kind_of_deposit();
		let before = deposited_items();
		let events = System::events().len();
		for (who, item) in items {
			let held_before = held(who);
			let info = poke(who, item).unwrap();
			assert_eq!(info.pays_fee, Pays::Yes);
			assert_eq!(held(who), held_before);
		}
		assert_eq!(deposited_items(), before);
		assert_eq!(System::events().len(), events);
	});
}

#[test]
fn after_a_price_rise_a_poke_holds_the_difference_for_free() {
	run(|| {
		let (_, items) = every_kind_of_deposit();
		let old = (key_deposit(), record_deposit(), shared_deposit(1), emergency_deposit());
		DepositPerByte::set(2);
		let new = (key_deposit(), record_deposit(), shared_deposit(1), emergency_deposit());
		let rises = [new.0 - old.0, new.0 - old.0, new.0 - old.0, new.1 - old.1, new.2 - old.2];
		let rises = rises.into_iter().chain([new.3 - old.3]);
		for ((who, item), rise) in items.into_iter().zip(rises) {
			assert!(rise > 0);
			let held_before = held(who);
			let info = poke(who, item.clone()).unwrap();
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(held(who), held_before + rise, "{item:?}");
			assert_eq!(last_event(), deposit_poked(who, item));
		}
		// `run` checks that every account now holds its deposits at the new price.
	});
}

#[test]
fn after_a_price_fall_a_poke_releases_the_difference_for_free() {
	run(|| {
		let (_, items) = every_kind_of_deposit();
		let old = (key_deposit(), record_deposit(), shared_deposit(1), emergency_deposit());
		DepositPerItem::set(1);
		let new = (key_deposit(), record_deposit(), shared_deposit(1), emergency_deposit());
		let falls = [old.0 - new.0, old.0 - new.0, old.0 - new.0, old.1 - new.1, old.2 - new.2];
		let falls = falls.into_iter().chain([old.3 - new.3]);
		for ((who, item), fall) in items.into_iter().zip(falls) {
			assert!(fall > 0);
			let held_before = held(who);
			let info = poke(who, item.clone()).unwrap();
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(held(who), held_before - fall, "{item:?}");
			assert_eq!(last_event(), deposit_poked(who, item));
		}
	});
}

#[test]
fn only_the_depositor_may_poke() {
	run(|| {
		let (id, _) = every_kind_of_deposit();
		// The patient did not write the version; the clinician shared nothing.
		assert_noop!(poke(PATIENT, DepositItem::Version(id)), Error::<Test>::NotDepositor);
		assert_noop!(poke(CLINICIAN, DepositItem::SharedKeys(id)), Error::<Test>::NotPatient);
		let access = DepositItem::EmergencyAccess { patient: PATIENT, id: 0 };
		assert_noop!(poke(PATIENT, access.clone()), Error::<Test>::NotDepositor);
		assert_noop!(poke(CLINICIAN, access), Error::<Test>::NotDepositor);
		assert_noop!(
			RecordsPallet::poke_deposit(RuntimeOrigin::none(), DepositItem::EncryptionKey),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_unknown_or_erased_item_has_nothing_to_poke() {
	run(|| {
		let (id, _) = every_kind_of_deposit();
		assert_noop!(poke(OUTSIDER, DepositItem::EncryptionKey), Error::<Test>::NoEncryptionKey);
		assert_noop!(poke(CLINICIAN, DepositItem::Version(99)), Error::<Test>::NotFound);
		assert_noop!(poke(PATIENT, DepositItem::SharedKeys(99)), Error::<Test>::NotFound);
		assert_noop!(
			poke(OTHER_CLINICIAN, DepositItem::EmergencyAccess { patient: PATIENT, id: 1 }),
			Error::<Test>::EmergencyAccessNotFound
		);
		assert_noop!(
			poke(OTHER_CLINICIAN, DepositItem::EmergencyAccess { patient: OTHER_PATIENT, id: 0 }),
			Error::<Test>::EmergencyAccessNotFound
		);
		// A version nobody shared has no shared deposit.
		let unshared = add(PATIENT, PATIENT, DataCategory::Allergy);
		assert_noop!(poke(PATIENT, DepositItem::SharedKeys(unshared)), Error::<Test>::KeyNotShared);

		// An erased version holds no deposit.
		assert_ok!(RecordsPallet::erase_record(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(poke(CLINICIAN, DepositItem::Version(id)), Error::<Test>::RecordErased);
		assert_noop!(poke(PATIENT, DepositItem::SharedKeys(id)), Error::<Test>::RecordErased);
	});
}

/// The figures of `docs/pallets/records.md`, with the runtime's 32-byte accounts and 16-byte
/// deposits (a `HoldConsideration` of a `u128` balance), summed as the footprint functions do.
#[test]
fn the_documented_footprints_are_the_runtimes() {
	use polkadot_sdk::sp_runtime::AccountId32;
	type Ticket = u128;
	let account = AccountId32::max_encoded_len();
	let envelope = account + WrappedKey::max_encoded_len();
	let version =
		Record::<AccountId32, Ticket>::max_encoded_len() + envelope + RecordId::max_encoded_len();
	let key = PublishedKey::<Ticket>::max_encoded_len() + account;
	let emergency = EmergencyAccess::<AccountId32, Ticket>::max_encoded_len()
		+ 2 * account
		+ 2 * EmergencyAccessId::max_encoded_len();
	// A version: 2 items; an envelope: 1; a key: 1; an emergency access: 2.
	assert_eq!((version, envelope, key, emergency), (372, 124, 80, 332));
	// The emergency access is the largest item that holds a deposit: `poke_deposit`'s
	// benchmark pokes one.
	assert!(
		EmergencyAccess::<AccountId32, Ticket>::max_encoded_len()
			> Record::<AccountId32, Ticket>::max_encoded_len()
	);
}

/// The mock's footprints follow the same sums.
#[test]
fn the_footprints_count_each_item_once() {
	assert_eq!(RecordsPallet::record_footprint().count, 2);
	assert_eq!(
		RecordsPallet::record_footprint().size as usize,
		RecordOf::<Test>::max_encoded_len() + 8 + 92 + 8
	);
	assert_eq!(RecordsPallet::shared_envelopes_footprint(3).count, 3);
	assert_eq!(RecordsPallet::shared_envelopes_footprint(3).size, 3 * (8 + 92));
	assert_eq!(RecordsPallet::shared_envelopes_footprint(0).count, 0);
}
