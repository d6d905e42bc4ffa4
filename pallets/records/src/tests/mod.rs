//! The pallet's tests, one file per concern. Every test ends by checking the pallet's
//! invariants and every account's deposits (see `mock::run`).

mod add;
mod amend;
mod deposits;
mod emergency;
mod erase;
mod keys;
mod log;
mod payloads;
mod queries;
mod share;

use crate::{mock::*, *};

pub use codec::Encode;
pub use healthchain_primitives::{Actions, CategoryScope, ConsentId, MemberRole};
pub use polkadot_sdk::frame_support::{assert_noop, assert_ok};
pub use polkadot_sdk::sp_runtime::DispatchError;

pub type RecordsPallet = Pallet<Test>;
pub type ConsentPallet = pallet_consent::Pallet<Test>;

pub const LOCATOR: Locator = Locator::ContentHash;

pub fn hash(n: u8) -> Hash32 {
	[n; 32]
}

/// A wrapped key, distinct per `n`.
/// A key envelope of bytes `n`; `envelope(0)` is malformed.
pub fn envelope(n: u8) -> WrappedKey {
	WrappedKey { ephemeral_public: [n; 32], nonce: [n; 12], ciphertext: [n; 32], tag: [n; 16] }
}

/// `who` publishes a key.
pub fn publish(who: u64) {
	assert_ok!(RecordsPallet::set_encryption_key(RuntimeOrigin::signed(who), [who as u8 + 1; 32]));
}

pub fn named(categories: &[DataCategory]) -> CategoryScope {
	CategoryScope { wildcard: false, categories: categories.to_vec().try_into().unwrap() }
}

pub const READ: Actions = Actions { read: true, write: false };
pub const WRITE: Actions = Actions { read: false, write: true };

/// `patient` grants `grantee` `actions` on `category` for treatment, open-ended.
pub fn grant(patient: u64, grantee: u64, category: DataCategory, actions: Actions) -> ConsentId {
	grant_for(patient, grantee, category, actions, Purpose::Treatment, None)
}

pub fn grant_for(
	patient: u64,
	grantee: u64,
	category: DataCategory,
	actions: Actions,
	purpose: Purpose,
	expires_at: Option<Moment>,
) -> ConsentId {
	let id = pallet_consent::NextConsentId::<Test>::get();
	assert_ok!(ConsentPallet::grant(
		RuntimeOrigin::signed(patient),
		grantee,
		named(&[category]),
		actions,
		purpose,
		None,
		expires_at
	));
	id
}

/// `author` adds a `category` record about `patient`, who has published a key; returns its
/// identifier.
pub fn add(author: u64, patient: u64, category: DataCategory) -> RecordId {
	let id = NextRecordId::<Test>::get();
	assert_ok!(RecordsPallet::add_record(
		RuntimeOrigin::signed(author),
		patient,
		category,
		hash(1),
		LOCATOR,
		envelope(1),
		None
	));
	id
}

/// The patient publishes a key and adds a lab result about themselves.
pub fn patient_lab_result() -> RecordId {
	publish(PATIENT);
	add(PATIENT, PATIENT, DataCategory::LabResult)
}

/// `who` amends the current version `id`; returns the new version's identifier.
pub fn amend(who: u64, id: RecordId, n: u8) -> RecordId {
	let new_id = NextRecordId::<Test>::get();
	assert_ok!(RecordsPallet::amend_record(
		RuntimeOrigin::signed(who),
		id,
		hash(n),
		LOCATOR,
		envelope(n),
		None
	));
	new_id
}

/// The patient shares version `id`'s key with `recipient`.
pub fn share(id: RecordId, recipient: u64) {
	assert_ok!(RecordsPallet::share_key(
		RuntimeOrigin::signed(PATIENT),
		id,
		recipient,
		envelope(9)
	));
}

pub fn record(id: RecordId) -> RecordOf<Test> {
	Records::<Test>::get(id).expect("a live record")
}

pub fn live(id: RecordId) -> RecordDetails<u64> {
	match RecordsPallet::record_view(id) {
		Some(RecordView::Live(details)) => details,
		other => panic!("expected a live record, got {other:?}"),
	}
}

pub fn recipients(id: RecordId) -> Vec<u64> {
	live(id).envelopes.into_iter().map(|e| e.recipient).collect()
}

pub fn set_time(now: Moment) {
	Timestamp::set_timestamp(now);
}

pub fn event(e: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::HealthRecords(e)
}
