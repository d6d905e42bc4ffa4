//! # Records pallet
//!
//! Patients' health records, as the chain may hold them: the hash and the locator of an
//! encrypted payload kept off chain, the payload's data key wrapped to each recipient, a
//! version history, the patient's access log, and break-glass emergency access. No health
//! data is ever stored here.
//!
//! ## Terminology
//!
//! - **Patient**: the account a record is about. The patient controls who may read it.
//! - **Author**: the account that added a version: the patient, or a provider whose `Write`
//!   consent covers the record's category.
//! - **Accessor**: an account reading a record, under the access decision of the `Consent`
//!   pallet (a consent grant, or an emergency access).
//! - **Record, version**: a record is a chain of versions. Each version has its own
//!   identifier, links to the one it replaced (`previous`) and to the one that replaced it
//!   (`superseded_by`), and a status: `Current`, `Superseded` or `EnteredInError`.
//! - **Envelope**: the payload's data key, encrypted to one recipient's published x25519 key.
//!   Every version carries the patient's envelope; the patient shares further envelopes.
//! - **Tombstone**: what erasure leaves of a version: its category, its place in the chain
//!   and the erasure time.
//!
//! ## Assumptions
//!
//! - Payloads are encrypted off chain with a fresh data key per version; the chain cannot
//!   check that, only store what it is given. `docs/privacy-model.md` describes the model.
//! - An accessor calls `log_access` before an off-chain gateway releases a payload; the
//!   gateway checks for the `RecordAccessed` event.
//! - Nothing is mutated silently: corrections append a version, mistakes are marked
//!   entered-in-error, and only erasure removes content.
//!
//! ## Dispatchable functions
//!
//! For everyone: [`Pallet::set_encryption_key`], [`Pallet::remove_encryption_key`].
//!
//! For patients (and their guardians' proxies): [`Pallet::add_record`],
//! [`Pallet::amend_record`], [`Pallet::retract_record`], [`Pallet::erase_record`],
//! [`Pallet::share_key`], [`Pallet::remove_key`], [`Pallet::end_emergency_access`],
//! [`Pallet::flag_emergency_access`].
//!
//! For providers: [`Pallet::add_record`], [`Pallet::amend_record`] and
//! [`Pallet::retract_record`] under `Write` consent; [`Pallet::log_access`] under `Read`
//! consent; [`Pallet::emergency_access`] for clinicians of hospitals and clinics.
//!
//! For regulators: [`Pallet::flag_emergency_access`], [`Pallet::close_emergency_review`].
//!
//! For anyone: [`Pallet::clear_emergency_access`], once an emergency access is past its review.
//!
//! For whoever a deposit is held from: [`Pallet::poke_deposit`], which re-prices it at the
//! runtime's current price.
//!
//! ## Deposits
//!
//! Each deposit is a `Consideration` ticket kept inside the item it pays for: a version holds
//! its author's and, while the patient has shared envelopes on it, the patient's for them; a
//! published key and an emergency access hold their own. An item and its deposits are written
//! and removed together.
//!
//! ## Emergency access
//!
//! A clinician breaks the glass as a Clinician of an active Hospital or Clinic, for that
//! organization. The access grants reading for treatment for `EmergencyAccessDuration`, and
//! only while its clinician is still a Clinician of that organization and the organization is
//! active: a suspension, a deregistration or the clinician leaving ends it at once. The patient
//! or the clinician can end it early; once the patient has ended it, the same clinician cannot
//! break the glass to that patient again for `EmergencyAccessCooldown`. Every access is kept
//! (with a deposit from the clinician) while it runs, while a flag on it awaits a regulator's
//! review, and for `EmergencyReviewPeriod` after it stopped; nothing else can remove it.
//!
//! ## The access log
//!
//! Every `log_access` adds an entry to the patient's log. Each accessor has a quota of
//! `MaxAccessLogEntriesPerAccessor` entries per patient: when it is full, the accessor's own
//! oldest entry is pruned if it is older than `AccessLogRetention` and not of an emergency
//! access under review; otherwise `log_access` fails with `AccessLogFull`. No accessor can push
//! out another's entries, or its own recent ones.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
// Tests may do plain arithmetic: a failure should be loud.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod mock;
mod queries;
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
mod types;
pub mod weights;

use polkadot_sdk::sp_runtime;
use polkadot_sdk::{frame_support, frame_system};

use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
};
use frame_system::pallet_prelude::*;
use healthchain_primitives::deposit::reprice;

pub use healthchain_primitives::{
	views::{
		AccessLogEntry, EmergencyAccessDetails, EmergencyFlag, KeyEnvelope, PayloadChange,
		PayloadReference, PayloadRelease, RecordDetails, RecordView, ReleaseGround, ReleaseRefusal,
		ReleaseVerdict, Retraction, Tombstone,
	},
	AccessControl, AccessDecision, AccessSeq, AccessVia, Action, Capability, DataCategory,
	DenialReason, EmergencyAccessId, EmergencyAccessLookup, EmergencyReason, EncryptionKey, Hash32,
	Locator, Moment, OrganizationRegistry, Page, Purpose, RecordId, RecordStatus, Refusal,
	RetractionReason, WrappedKey,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need the runtime to set up that the registry's benchmark hooks do not:
/// a grant, since this pallet reads consent only through a trait, and the clock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `accessor` allowed `action` on `patient`'s `category` for `purpose`, by one grant
	/// to its organization; the accessor becomes a Clinician of an active hospital. The
	/// decision's own worst case is not built here: a call's weight adds
	/// `AccessControl::decide_weight` for it.
	fn grant_access(
		patient: &AccountId,
		accessor: &AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> DispatchResult;

	/// Sets the chain's clock to `now`.
	fn set_time(now: Moment);
}

/// How many access decisions a call that accepts a grant for any purpose may ask.
const PURPOSES: u32 = Purpose::ALL.len() as u32;

// The code FRAME generates for the pallet struct, its storage and its errors calls `expect`
// (on values it has just built); the lint is meant for our code, which returns errors instead.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The registry of accredited actors: who may break the glass, who is a regulator.
		type Organizations: OrganizationRegistry<Self::AccountId>;

		/// The one access decision (the `Consent` pallet's).
		type Access: AccessControl<Self::AccountId>;

		/// Calendar time, in milliseconds since the Unix epoch.
		type Time: Time<Moment = Moment>;

		/// The storage deposits of records, envelopes and published keys.
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// How long an emergency access lasts, in milliseconds.
		#[pallet::constant]
		type EmergencyAccessDuration: Get<Moment>;

		/// The most live records a patient may have (a record counts once, whatever its
		/// number of versions).
		#[pallet::constant]
		type MaxRecordsPerPatient: Get<u32>;

		/// The most versions a record may have.
		#[pallet::constant]
		type MaxVersionsPerRecord: Get<u32>;

		/// The most wrapped keys a version may carry, the patient's included.
		#[pallet::constant]
		type MaxEnvelopesPerRecord: Get<u32>;

		/// How many entries of one accessor a patient's access log keeps.
		#[pallet::constant]
		type MaxAccessLogEntriesPerAccessor: Get<u32>;

		/// How long an access-log entry is kept at least, in milliseconds. Its accessor's
		/// later entries prune it only after that.
		#[pallet::constant]
		type AccessLogRetention: Get<Moment>;

		/// After the patient ends an emergency access, how long the same clinician may not
		/// break the glass to that patient again, in milliseconds.
		#[pallet::constant]
		type EmergencyAccessCooldown: Get<Moment>;

		/// How long an emergency access is kept after it stopped, for the patient or a
		/// regulator to flag it, in milliseconds.
		#[pallet::constant]
		type EmergencyReviewPeriod: Get<Moment>;

		type WeightInfo: WeightInfo;

		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a record version (held from its author), of the envelopes a
		/// patient shared on it (held from the patient), of a published key, or of an
		/// emergency access (held from the clinician).
		StorageDeposit,
	}

	/// Published x25519 public keys.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PublishedKey<TicketOf<T>>>;

	/// The identifier the next version gets.
	#[pallet::storage]
	pub type NextRecordId<T: Config> = StorageValue<_, RecordId, ValueQuery>;

	/// Live versions: current, superseded or entered-in-error, each with its deposits.
	///
	/// `Twox64Concat`: identifiers are assigned by the chain, not chosen by users.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>>;

	/// What is left of erased versions.
	#[pallet::storage]
	pub type Tombstones<T: Config> = StorageMap<_, Twox64Concat, RecordId, Tombstone>;

	/// The wrapped data keys of each live version, by recipient.
	#[pallet::storage]
	pub type Envelopes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RecordId, Blake2_128Concat, T::AccountId, WrappedKey>;

	/// Each patient's live records: the latest version of each, in increasing order.
	#[pallet::storage]
	pub type RecordsByPatient<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<RecordId, T::MaxRecordsPerPatient>,
		ValueQuery,
	>;

	/// Each patient's access log, by position.
	#[pallet::storage]
	pub type AccessLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		AccessSeq,
		AccessLogEntryOf<T>,
	>;

	/// The position the next entry of each patient's access log takes.
	#[pallet::storage]
	pub type NextAccessSeq<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccessSeq, ValueQuery>;

	/// The positions of each accessor's entries in a patient's access log, oldest first: the
	/// accessor's quota.
	#[pallet::storage]
	pub type AccessorLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		AccessorLogOf<T>,
		ValueQuery,
	>;

	/// The identifier the next emergency access gets.
	#[pallet::storage]
	pub type NextEmergencyAccessId<T: Config> = StorageValue<_, EmergencyAccessId, ValueQuery>;

	/// The emergency accesses to each patient's data, by identifier.
	#[pallet::storage]
	pub type EmergencyAccesses<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		EmergencyAccessId,
		EmergencyAccessOf<T>,
	>;

	/// Each clinician's latest emergency access to each patient: the one that can be in force.
	#[pallet::storage]
	pub type LatestEmergencyAccess<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		EmergencyAccessId,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account published (or replaced) its x25519 public key.
		EncryptionKeySet { account: T::AccountId, public_key: EncryptionKey },
		/// An account withdrew its public key.
		EncryptionKeyRemoved { account: T::AccountId },
		/// A new record, at version 1.
		RecordAdded {
			record_id: RecordId,
			patient: T::AccountId,
			author: T::AccountId,
			category: DataCategory,
		},
		/// A new version replaced `previous`, which is now superseded.
		RecordAmended {
			record_id: RecordId,
			previous: RecordId,
			patient: T::AccountId,
			author: T::AccountId,
			version: u32,
		},
		/// A record was marked entered-in-error.
		RecordRetracted {
			record_id: RecordId,
			patient: T::AccountId,
			by: T::AccountId,
			reason: RetractionReason,
		},
		/// The patient erased a record: every one of its `versions`, up to `record_id`, is a
		/// tombstone now.
		RecordErased { record_id: RecordId, patient: T::AccountId, versions: u32 },
		/// The patient stored the record's data key for `recipient`.
		KeyShared { record_id: RecordId, patient: T::AccountId, recipient: T::AccountId },
		/// The patient removed `recipient`'s wrapped key.
		KeyRemoved { record_id: RecordId, patient: T::AccountId, recipient: T::AccountId },
		/// `accessor` is about to fetch the record's payload, for `purpose`.
		RecordAccessed {
			record_id: RecordId,
			patient: T::AccountId,
			accessor: T::AccountId,
			purpose: Purpose,
		},
		/// A clinician broke the glass: `accessor` may read every category of `patient`'s
		/// data for treatment until `expires_at`.
		EmergencyAccessGranted {
			access_id: EmergencyAccessId,
			patient: T::AccountId,
			accessor: T::AccountId,
			organization: T::AccountId,
			reason: EmergencyReason,
			justification_hash: Hash32,
			expires_at: Moment,
		},
		/// An emergency access was ended early, by the patient or the clinician.
		EmergencyAccessEnded {
			access_id: EmergencyAccessId,
			patient: T::AccountId,
			accessor: T::AccountId,
			by: T::AccountId,
		},
		/// An emergency access was flagged for review.
		EmergencyAccessFlagged {
			access_id: EmergencyAccessId,
			patient: T::AccountId,
			accessor: T::AccountId,
			by: T::AccountId,
			note_hash: Hash32,
		},
		/// A regulator closed the review of a flagged emergency access.
		EmergencyReviewClosed {
			access_id: EmergencyAccessId,
			patient: T::AccountId,
			by: T::AccountId,
		},
		/// An emergency access past its review was removed, and its deposit returned to the
		/// clinician.
		EmergencyAccessCleared { access_id: EmergencyAccessId, patient: T::AccountId },
		/// `who` had the deposit of `item` re-priced at the runtime's current price, which
		/// changed it.
		DepositPoked { who: T::AccountId, item: DepositItem<T::AccountId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The public key is all zeros, which no x25519 key pair has.
		InvalidEncryptionKey,
		/// The account has published no encryption key.
		NoEncryptionKey,
		/// The patient has published no encryption key to wrap the data key to.
		PatientHasNoKey,
		/// The recipient has published no encryption key to wrap the data key to.
		RecipientHasNoKey,
		/// The key envelope's ephemeral key is all zeros: it wraps the data key to no one.
		MalformedEnvelope,
		/// There is no record with this identifier.
		NotFound,
		/// The record was erased; only its tombstone is left.
		RecordErased,
		/// A later version replaced the record; amend or retract the latest one.
		RecordSuperseded,
		/// The record was marked entered-in-error; add a new record instead.
		RecordEnteredInError,
		/// Only the record's author or its patient may do this.
		NotAuthorOrPatient,
		/// Only the patient may do this.
		NotPatient,
		/// Only the patient or an active regulator may do this.
		NotPatientOrRegulator,
		/// Only an active regulator may do this.
		NotRegulator,
		/// Only the patient or the clinician may end an emergency access.
		NotPatientOrAccessor,
		/// Only the account the deposit is held from may poke it.
		NotDepositor,
		/// The patient already has `MaxRecordsPerPatient` live records.
		TooManyRecords,
		/// The record already has `MaxVersionsPerRecord` versions.
		TooManyVersions,
		/// The record already carries `MaxEnvelopesPerRecord` wrapped keys.
		TooManyEnvelopes,
		/// Record identifiers are exhausted.
		RecordIdOverflow,
		/// The recipient holds no wrapped key of this record.
		KeyNotShared,
		/// The patient's own wrapped key stays with every version.
		CannotRemovePatientKey,
		/// Only an active Clinician of an active Hospital or Clinic may break the glass.
		NotEmergencyClinician,
		/// A patient needs no emergency access to their own data.
		SelfEmergencyAccess,
		/// The clinician's emergency access to this patient is still in force.
		EmergencyAccessActive,
		/// The patient ended this clinician's last emergency access less than
		/// `EmergencyAccessCooldown` ago.
		EmergencyAccessCoolingDown,
		/// The clinician has no emergency access in force to this patient.
		NoActiveEmergencyAccess,
		/// There is no emergency access with this identifier to this patient's data.
		EmergencyAccessNotFound,
		/// The emergency access is already flagged.
		AlreadyFlagged,
		/// The emergency access has no open review to close.
		NoOpenReview,
		/// The emergency access is still in force, under review, or within its review period.
		EmergencyAccessStillKept,
		/// Emergency access identifiers are exhausted.
		EmergencyAccessIdOverflow,
		/// The caller's entries fill its quota of the patient's access log, and the oldest is
		/// younger than `AccessLogRetention` or under review.
		AccessLogFull,
		/// The organization concerned is suspended: its members cannot act for it.
		OrganizationSuspended,
		/// The organization concerned was deregistered: its members never act for it again.
		OrganizationDeregistered,
		/// The access decision denied the caller, for this reason.
		AccessDenied(DenialReason),
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Clearing an access forgets it, and with it the cooldown a patient's ending began: an
		/// access must be kept for at least its cooldown.
		fn integrity_test() {
			assert!(
				T::EmergencyReviewPeriod::get() >= T::EmergencyAccessCooldown::get(),
				"EmergencyReviewPeriod must be at least EmergencyAccessCooldown"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publishes the caller's x25519 public key, to which others wrap data keys. Replaces
		/// a key published before; holds a deposit the first time.
		///
		/// Origin: any signed account. Emits `EncryptionKeySet`. O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(
			origin: OriginFor<T>,
			public_key: EncryptionKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(public_key != [0; 32], Error::<T>::InvalidEncryptionKey);
			let deposit = match EncryptionKeys::<T>::take(&who) {
				Some(published) => published.deposit,
				None => T::Consideration::new(&who, Self::key_footprint())?,
			};
			EncryptionKeys::<T>::insert(&who, PublishedKey { key: public_key, deposit });
			Self::deposit_event(Event::EncryptionKeySet { account: who, public_key });
			Ok(())
		}

		/// Withdraws the caller's public key and returns its deposit. Keys already wrapped to
		/// it stay where they are.
		///
		/// Origin: the key's account. Emits `EncryptionKeyRemoved`. O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_encryption_key())]
		pub fn remove_encryption_key(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let published = EncryptionKeys::<T>::take(&who).ok_or(Error::<T>::NoEncryptionKey)?;
			published.deposit.drop(&who)?;
			Self::deposit_event(Event::EncryptionKeyRemoved { account: who });
			Ok(())
		}

		/// Adds a record about `patient`: the hash of its encrypted payload, where the payload
		/// is, and the data key wrapped to the patient's published key. Holds the record's
		/// deposit from the caller.
		///
		/// Origin: the patient, or an accessor whose `Write` consent covers `category` for
		/// `purpose` (default: treatment). Emits `RecordAdded`. O(`MaxRecordsPerPatient`),
		/// plus the access decision.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_record().saturating_add(Pallet::<T>::decisions_weight(1)))]
		pub fn add_record(
			origin: OriginFor<T>,
			patient: T::AccountId,
			category: DataCategory,
			content_hash: Hash32,
			locator: Locator,
			patient_key_envelope: WrappedKey,
			purpose: Option<Purpose>,
		) -> DispatchResultWithPostInfo {
			let author = ensure_signed(origin)?;
			let envelope = Self::checked_envelope(patient_key_envelope)?;
			ensure!(EncryptionKeys::<T>::contains_key(&patient), Error::<T>::PatientHasNoKey);
			let purpose = purpose.unwrap_or(Purpose::Treatment);
			let (_, decided) =
				Self::ensure_access(&patient, &author, category, Action::Write, purpose)?;

			let record_id = Self::next_record_id()?;
			RecordsByPatient::<T>::try_mutate(&patient, |ids| {
				ids.try_push(record_id).map_err(|_| Error::<T>::TooManyRecords)
			})?;
			let record = Record {
				patient: patient.clone(),
				author: author.clone(),
				category,
				content_hash,
				locator,
				version: 1,
				previous: None,
				superseded_by: None,
				status: RecordStatus::Current,
				created_at: T::Time::now(),
				retraction: None,
				envelopes: 1,
				deposit: T::Consideration::new(&author, Self::record_footprint())?,
				shared_deposit: None,
			};
			Self::insert_version(record_id, record, envelope);
			Self::deposit_event(Event::RecordAdded { record_id, patient, author, category });
			Ok(Some(T::WeightInfo::add_record().saturating_add(decided)).into())
		}

		/// Appends a new version to the record whose current version is `record_id`: a new
		/// payload, with its data key wrapped to the patient. The old version becomes
		/// `Superseded` and stays readable; its wrapped keys stay with it, and the patient
		/// shares the new version's key again. Holds the new version's deposit from the
		/// caller.
		///
		/// Origin: the patient, or the author of `record_id` while its `Write` consent still
		/// covers the category for `purpose` (default: treatment). Emits `RecordAmended`.
		/// O(`MaxRecordsPerPatient`), plus the access decision.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::amend_record().saturating_add(Pallet::<T>::decisions_weight(1)))]
		pub fn amend_record(
			origin: OriginFor<T>,
			record_id: RecordId,
			content_hash: Hash32,
			locator: Locator,
			patient_key_envelope: WrappedKey,
			purpose: Option<Purpose>,
		) -> DispatchResultWithPostInfo {
			let author = ensure_signed(origin)?;
			let envelope = Self::checked_envelope(patient_key_envelope)?;
			let mut old = Self::current(record_id)?;
			ensure!(author == old.patient || author == old.author, Error::<T>::NotAuthorOrPatient);
			ensure!(EncryptionKeys::<T>::contains_key(&old.patient), Error::<T>::PatientHasNoKey);
			let purpose = purpose.unwrap_or(Purpose::Treatment);
			let (_, decided) =
				Self::ensure_access(&old.patient, &author, old.category, Action::Write, purpose)?;
			let version = old
				.version
				.checked_add(1)
				.filter(|v| *v <= T::MaxVersionsPerRecord::get())
				.ok_or(Error::<T>::TooManyVersions)?;

			let new_id = Self::next_record_id()?;
			let patient = old.patient.clone();
			RecordsByPatient::<T>::try_mutate(&patient, |ids| -> DispatchResult {
				ids.retain(|id| *id != record_id);
				// Cannot fail: one entry was just removed.
				ids.try_push(new_id).map_err(|_| Error::<T>::TooManyRecords)?;
				Ok(())
			})?;
			let record = Record {
				patient: patient.clone(),
				author: author.clone(),
				category: old.category,
				content_hash,
				locator,
				version,
				previous: Some(record_id),
				superseded_by: None,
				status: RecordStatus::Current,
				created_at: T::Time::now(),
				retraction: None,
				envelopes: 1,
				deposit: T::Consideration::new(&author, Self::record_footprint())?,
				shared_deposit: None,
			};
			Self::insert_version(new_id, record, envelope);
			Self::change_status(&mut old, RecordStatus::Superseded)?;
			old.superseded_by = Some(new_id);
			Records::<T>::insert(record_id, old);
			Self::deposit_event(Event::RecordAmended {
				record_id: new_id,
				previous: record_id,
				patient,
				author,
				version,
			});
			Ok(Some(T::WeightInfo::amend_record().saturating_add(decided)).into())
		}

		/// Marks the current version `record_id` entered-in-error. It stays readable as
		/// history; no further version may follow it.
		///
		/// Origin: the record's author or its patient. Marking one's own entry as a mistake
		/// reveals and writes no data, so the author needs no consent for it. Emits
		/// `RecordRetracted`. O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retract_record().saturating_add(Pallet::<T>::decisions_weight(PURPOSES)))]
		pub fn retract_record(
			origin: OriginFor<T>,
			record_id: RecordId,
			reason: RetractionReason,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut record = Self::current(record_id)?;
			ensure!(who == record.patient || who == record.author, Error::<T>::NotAuthorOrPatient);
			// An author who is not the patient retracts only while still allowed to write the
			// record's category: a suspended, deregistered or departed provider no longer can.
			let decided = Self::ensure_for_some_purpose(
				&record.patient,
				&who,
				record.category,
				Action::Write,
			)?;
			Self::change_status(&mut record, RecordStatus::EnteredInError)?;
			record.retraction = Some(Retraction { reason, by: who.clone(), at: T::Time::now() });
			let patient = record.patient.clone();
			Records::<T>::insert(record_id, record);
			Self::deposit_event(Event::RecordRetracted { record_id, patient, by: who, reason });
			Ok(Some(T::WeightInfo::retract_record().saturating_add(decided)).into())
		}

		/// Erases the record `record_id` belongs to, every version of it: their hashes,
		/// locators and wrapped keys are removed, each leaves a tombstone, and every deposit
		/// is returned to whoever paid it.
		///
		/// Origin: the patient. Emits `RecordErased`. O(`MaxVersionsPerRecord` ×
		/// `MaxEnvelopesPerRecord`); the weight of the versions not there is refunded.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::erase_record(T::MaxVersionsPerRecord::get()))]
		pub fn erase_record(
			origin: OriginFor<T>,
			record_id: RecordId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let record = Self::live(record_id)?;
			ensure!(who == record.patient, Error::<T>::NotPatient);
			let versions = Self::erase_chain(record_id, record)?;
			Ok(Some(T::WeightInfo::erase_record(versions)).into())
		}

		/// Stores `record_id`'s data key wrapped to `recipient`'s published key, or replaces
		/// the one stored. Holds the envelope's deposit from the patient.
		///
		/// Origin: the patient. `recipient` must be allowed to read the record's category, for
		/// some purpose. Emits `KeyShared`. O(1), plus the access decision for each purpose.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::share_key().saturating_add(Pallet::<T>::decisions_weight(PURPOSES)))]
		pub fn share_key(
			origin: OriginFor<T>,
			record_id: RecordId,
			recipient: T::AccountId,
			envelope: WrappedKey,
		) -> DispatchResultWithPostInfo {
			let patient = ensure_signed(origin)?;
			let envelope = Self::checked_envelope(envelope)?;
			let mut record = Self::live(record_id)?;
			ensure!(patient == record.patient, Error::<T>::NotPatient);
			ensure!(EncryptionKeys::<T>::contains_key(&recipient), Error::<T>::RecipientHasNoKey);
			let decided =
				Self::ensure_for_some_purpose(&patient, &recipient, record.category, Action::Read)?;

			if !Envelopes::<T>::contains_key(record_id, &recipient) {
				ensure!(
					record.envelopes < T::MaxEnvelopesPerRecord::get(),
					Error::<T>::TooManyEnvelopes
				);
				record.envelopes = record.envelopes.saturating_add(1);
				Self::update_shared_deposit(&mut record)?;
				Records::<T>::insert(record_id, record);
			}
			Envelopes::<T>::insert(record_id, &recipient, envelope);
			Self::deposit_event(Event::KeyShared { record_id, patient, recipient });
			Ok(Some(T::WeightInfo::share_key().saturating_add(decided)).into())
		}

		/// Removes `recipient`'s wrapped key of `record_id` and returns its deposit. This
		/// cannot make the recipient forget a key it already fetched: re-encrypt the payload
		/// and amend the record for that.
		///
		/// Origin: the patient. Emits `KeyRemoved`. O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_key())]
		pub fn remove_key(
			origin: OriginFor<T>,
			record_id: RecordId,
			recipient: T::AccountId,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let mut record = Self::live(record_id)?;
			ensure!(patient == record.patient, Error::<T>::NotPatient);
			ensure!(recipient != patient, Error::<T>::CannotRemovePatientKey);
			ensure!(Envelopes::<T>::contains_key(record_id, &recipient), Error::<T>::KeyNotShared);
			record.envelopes = record.envelopes.saturating_sub(1);
			Self::update_shared_deposit(&mut record)?;
			Envelopes::<T>::remove(record_id, &recipient);
			Records::<T>::insert(record_id, record);
			Self::deposit_event(Event::KeyRemoved { record_id, patient, recipient });
			Ok(())
		}

		/// Records in the patient's access log that the caller is about to fetch `record_id`'s
		/// payload for `purpose`. The access decision must allow the caller to read the
		/// record's category; a denial fails with its reason. The caller's entries in the log
		/// are limited to `MaxAccessLogEntriesPerAccessor`: its oldest is pruned if older than
		/// `AccessLogRetention` and not under review, and the call fails with `AccessLogFull`
		/// otherwise.
		///
		/// Origin: the accessor. Emits `RecordAccessed`. O(`MaxAccessLogEntriesPerAccessor`),
		/// plus the access decision.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::log_access().saturating_add(Pallet::<T>::decisions_weight(1)))]
		pub fn log_access(
			origin: OriginFor<T>,
			record_id: RecordId,
			purpose: Purpose,
		) -> DispatchResultWithPostInfo {
			let accessor = ensure_signed(origin)?;
			let record = Self::live(record_id)?;
			let (via, decided) = Self::ensure_access(
				&record.patient,
				&accessor,
				record.category,
				Action::Read,
				purpose,
			)?;
			let patient = record.patient;
			Self::append_to_log(&patient, record_id, &accessor, purpose, via)?;
			Self::deposit_event(Event::RecordAccessed { record_id, patient, accessor, purpose });
			Ok(Some(T::WeightInfo::log_access().saturating_add(decided)).into())
		}

		/// Breaks the glass: the caller may read every category of `patient`'s data, for
		/// treatment, for `EmergencyAccessDuration`, while it stays a Clinician of its
		/// organization and the organization stays active. The justification stays off chain;
		/// the chain keeps its hash. Holds the access's deposit from the caller.
		///
		/// Origin: a Clinician of an active Hospital or Clinic. Emits `EmergencyAccessGranted`.
		/// O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::emergency_access())]
		pub fn emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			reason: EmergencyReason,
			justification_hash: Hash32,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			let organization = T::Organizations::authorize(&accessor, Capability::BreakGlass)
				.map_err(Self::refusal_error(Error::<T>::NotEmergencyClinician))?
				.organization;
			ensure!(accessor != patient, Error::<T>::SelfEmergencyAccess);
			let now = T::Time::now();
			if let Some(latest) = LatestEmergencyAccess::<T>::get(&patient, &accessor)
				.and_then(|id| EmergencyAccesses::<T>::get(&patient, id))
			{
				ensure!(!latest.running(now), Error::<T>::EmergencyAccessActive);
				// Once the patient has ended it, the clinician cannot simply break the glass
				// again: a renewal must wait.
				ensure!(
					!latest.ended_by(&patient)
						|| now
							>= latest
								.stopped_at()
								.saturating_add(T::EmergencyAccessCooldown::get()),
					Error::<T>::EmergencyAccessCoolingDown
				);
			}
			let access_id = NextEmergencyAccessId::<T>::get();
			let next = access_id.checked_add(1).ok_or(Error::<T>::EmergencyAccessIdOverflow)?;
			let deposit = T::Consideration::new(&accessor, Self::emergency_access_footprint())?;
			let expires_at = now.saturating_add(T::EmergencyAccessDuration::get());
			NextEmergencyAccessId::<T>::put(next);
			EmergencyAccesses::<T>::insert(
				&patient,
				access_id,
				EmergencyAccess {
					accessor: accessor.clone(),
					organization: organization.clone(),
					reason,
					justification_hash,
					started_at: now,
					expires_at,
					ended: None,
					flag: None,
					deposit,
				},
			);
			LatestEmergencyAccess::<T>::insert(&patient, &accessor, access_id);
			Self::deposit_event(Event::EmergencyAccessGranted {
				access_id,
				patient,
				accessor,
				organization,
				reason,
				justification_hash,
				expires_at,
			});
			Ok(())
		}

		/// Ends `accessor`'s running emergency access to `patient`'s data now. When the patient
		/// ends it, the clinician cannot break the glass to the patient again for
		/// `EmergencyAccessCooldown`.
		///
		/// Origin: the patient, or the clinician. Emits `EmergencyAccessEnded`. O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::end_emergency_access())]
		pub fn end_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			accessor: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(who == patient || who == accessor, Error::<T>::NotPatientOrAccessor);
			let now = T::Time::now();
			let access_id = LatestEmergencyAccess::<T>::get(&patient, &accessor)
				.ok_or(Error::<T>::NoActiveEmergencyAccess)?;
			EmergencyAccesses::<T>::try_mutate(&patient, access_id, |access| -> DispatchResult {
				let access = access.as_mut().ok_or(Error::<T>::NoActiveEmergencyAccess)?;
				access
					.change(EmergencyChange::End { by: who.clone() }, now)
					.map_err(Error::<T>::from)?;
				Ok(())
			})?;
			Self::deposit_event(Event::EmergencyAccessEnded {
				access_id,
				patient,
				accessor,
				by: who,
			});
			Ok(())
		}

		/// Flags the emergency access `access_id` to `patient`'s data for review, running or
		/// not. A flagged access, and the access-log entries made under it, are kept until a
		/// regulator closes the review. The note stays off chain; the chain keeps its hash.
		///
		/// Origin: the patient, or an active regulator. Emits `EmergencyAccessFlagged`. O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::flag_emergency_access())]
		pub fn flag_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			access_id: EmergencyAccessId,
			note_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				who == patient || T::Organizations::authorize(&who, Capability::Regulate).is_ok(),
				Error::<T>::NotPatientOrRegulator
			);
			let now = T::Time::now();
			let accessor = EmergencyAccesses::<T>::try_mutate(
				&patient,
				access_id,
				|access| -> Result<T::AccountId, DispatchError> {
					let access = access.as_mut().ok_or(Error::<T>::EmergencyAccessNotFound)?;
					access
						.change(EmergencyChange::Flag { by: who.clone(), note_hash }, now)
						.map_err(Error::<T>::from)?;
					Ok(access.accessor.clone())
				},
			)?;
			Self::deposit_event(Event::EmergencyAccessFlagged {
				access_id,
				patient,
				accessor,
				by: who,
				note_hash,
			});
			Ok(())
		}

		/// Closes the review of a flagged emergency access. The access and its log entries are
		/// then kept only for the rest of their ordinary periods.
		///
		/// Origin: an active regulator. Emits `EmergencyReviewClosed`. O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::close_emergency_review())]
		pub fn close_emergency_review(
			origin: OriginFor<T>,
			patient: T::AccountId,
			access_id: EmergencyAccessId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			T::Organizations::authorize(&who, Capability::Regulate)
				.map_err(Self::refusal_error(Error::<T>::NotRegulator))?;
			let now = T::Time::now();
			EmergencyAccesses::<T>::try_mutate(&patient, access_id, |access| -> DispatchResult {
				let access = access.as_mut().ok_or(Error::<T>::EmergencyAccessNotFound)?;
				access.change(EmergencyChange::CloseReview, now).map_err(Error::<T>::from)?;
				Ok(())
			})?;
			Self::deposit_event(Event::EmergencyReviewClosed { access_id, patient, by: who });
			Ok(())
		}

		/// Removes an emergency access that is over: not running, not under review, and
		/// stopped at least `EmergencyReviewPeriod` ago. Returns its deposit to the clinician.
		///
		/// Origin: any signed account. Emits `EmergencyAccessCleared`. O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::clear_emergency_access())]
		pub fn clear_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			access_id: EmergencyAccessId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let access = EmergencyAccesses::<T>::get(&patient, access_id)
				.ok_or(Error::<T>::EmergencyAccessNotFound)?;
			let now = T::Time::now();
			ensure!(
				access.clearable(now, T::EmergencyReviewPeriod::get()),
				Error::<T>::EmergencyAccessStillKept
			);
			access.deposit.drop(&access.accessor)?;
			EmergencyAccesses::<T>::remove(&patient, access_id);
			if LatestEmergencyAccess::<T>::get(&patient, &access.accessor) == Some(access_id) {
				LatestEmergencyAccess::<T>::remove(&patient, &access.accessor);
			}
			Self::deposit_event(Event::EmergencyAccessCleared { access_id, patient });
			Ok(())
		}

		/// Re-prices the deposit of `item` at the runtime's current price: holds the
		/// difference when the price rose, releases it when it fell. Free when the deposit
		/// changed; an unchanged one pays the fee. An erased version holds no deposit
		/// (`RecordErased`); a version with no shared envelopes holds no shared deposit
		/// (`KeyNotShared`).
		///
		/// Origin: the account the deposit is held from: the key's account, the version's
		/// author, the patient for the envelopes shared on a version, the clinician for an
		/// emergency access. Emits `DepositPoked` when the deposit changed. O(1).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::poke_deposit())]
		pub fn poke_deposit(
			origin: OriginFor<T>,
			item: DepositItem<T::AccountId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			// Each item is written back, and the event emitted, only when its deposit changed.
			let repriced = match &item {
				DepositItem::EncryptionKey => {
					let mut published =
						EncryptionKeys::<T>::get(&who).ok_or(Error::<T>::NoEncryptionKey)?;
					let repriced = reprice(&who, &mut published.deposit, Self::key_footprint())?;
					if repriced.changed {
						EncryptionKeys::<T>::insert(&who, published);
					}
					repriced
				},
				DepositItem::Version(record_id) => {
					let mut record = Self::live(*record_id)?;
					ensure!(who == record.author, Error::<T>::NotDepositor);
					let repriced = reprice(&who, &mut record.deposit, Self::record_footprint())?;
					if repriced.changed {
						Records::<T>::insert(record_id, record);
					}
					repriced
				},
				DepositItem::SharedKeys(record_id) => {
					let mut record = Self::live(*record_id)?;
					ensure!(who == record.patient, Error::<T>::NotPatient);
					let footprint =
						Self::shared_envelopes_footprint(record.envelopes.saturating_sub(1));
					let ticket = record.shared_deposit.as_mut().ok_or(Error::<T>::KeyNotShared)?;
					let repriced = reprice(&who, ticket, footprint)?;
					if repriced.changed {
						Records::<T>::insert(record_id, record);
					}
					repriced
				},
				DepositItem::EmergencyAccess { patient, id } => {
					let mut access = EmergencyAccesses::<T>::get(patient, id)
						.ok_or(Error::<T>::EmergencyAccessNotFound)?;
					ensure!(who == access.accessor, Error::<T>::NotDepositor);
					let repriced =
						reprice(&who, &mut access.deposit, Self::emergency_access_footprint())?;
					if repriced.changed {
						EmergencyAccesses::<T>::insert(patient, id, access);
					}
					repriced
				},
			};
			if repriced.changed {
				Self::deposit_event(Event::DepositPoked { who, item });
			}
			Ok(repriced.post_info())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// What a version occupies, paid by its author: the record (with both its deposits), the
	/// patient's envelope and its index entry.
	pub fn record_footprint() -> Footprint {
		Footprint::from_parts(
			2,
			RecordOf::<T>::max_encoded_len()
				.saturating_add(Self::envelope_size())
				.saturating_add(RecordId::max_encoded_len()),
		)
	}

	/// What `count` envelopes shared by the patient occupy. Their deposit is kept in the
	/// record, whose footprint counts it.
	pub fn shared_envelopes_footprint(count: u32) -> Footprint {
		Footprint::from_parts(count as usize, Self::envelope_size().saturating_mul(count as usize))
	}

	/// What an emergency access occupies, paid by its clinician: the access and its entry in
	/// the latest-access index.
	pub fn emergency_access_footprint() -> Footprint {
		Footprint::from_parts(
			2,
			EmergencyAccessOf::<T>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len().saturating_mul(2))
				.saturating_add(EmergencyAccessId::max_encoded_len().saturating_mul(2)),
		)
	}

	/// What a published key occupies.
	pub fn key_footprint() -> Footprint {
		Footprint::from_parts(
			1,
			PublishedKey::<TicketOf<T>>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len()),
		)
	}

	fn envelope_size() -> usize {
		T::AccountId::max_encoded_len().saturating_add(WrappedKey::max_encoded_len())
	}

	fn checked_envelope(envelope: WrappedKey) -> Result<WrappedKey, Error<T>> {
		ensure!(envelope.is_well_formed(), Error::<T>::MalformedEnvelope);
		Ok(envelope)
	}

	fn next_record_id() -> Result<RecordId, Error<T>> {
		let id = NextRecordId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::RecordIdOverflow)?;
		NextRecordId::<T>::put(next);
		Ok(id)
	}

	/// The live version `record_id`, whatever its status.
	fn live(record_id: RecordId) -> Result<RecordOf<T>, Error<T>> {
		Records::<T>::get(record_id).ok_or_else(|| {
			if Tombstones::<T>::contains_key(record_id) {
				Error::<T>::RecordErased
			} else {
				Error::<T>::NotFound
			}
		})
	}

	/// The version `record_id`, if it is the current one.
	fn current(record_id: RecordId) -> Result<RecordOf<T>, Error<T>> {
		let record = Self::live(record_id)?;
		match record.status {
			RecordStatus::Current => Ok(record),
			status => Err(Self::no_longer_current(status)),
		}
	}

	/// Why a version that is not current refuses what only the current one allows.
	fn no_longer_current(status: RecordStatus) -> Error<T> {
		match status {
			RecordStatus::Superseded => Error::<T>::RecordSuperseded,
			RecordStatus::Erased => Error::<T>::RecordErased,
			RecordStatus::Current | RecordStatus::EnteredInError => {
				Error::<T>::RecordEnteredInError
			},
		}
	}

	/// Moves a version to `to` through the record lifecycle, `RecordStatus::can_become`.
	fn change_status(record: &mut RecordOf<T>, to: RecordStatus) -> Result<(), Error<T>> {
		ensure!(record.status.can_become(to), Self::no_longer_current(record.status));
		record.status = to;
		Ok(())
	}

	/// Stores a new version, which holds its deposit, with the patient's envelope.
	fn insert_version(record_id: RecordId, record: RecordOf<T>, patient_envelope: WrappedKey) {
		Envelopes::<T>::insert(record_id, &record.patient, patient_envelope);
		Records::<T>::insert(record_id, record);
	}

	/// Resizes the patient's deposit for the envelopes shared on `record` to its
	/// `envelopes`, its patient's own not counted; the caller stores the record.
	fn update_shared_deposit(record: &mut RecordOf<T>) -> DispatchResult {
		let shared = record.envelopes.saturating_sub(1);
		let footprint = Self::shared_envelopes_footprint(shared);
		record.shared_deposit = match record.shared_deposit.take() {
			Some(ticket) if shared == 0 => {
				ticket.drop(&record.patient)?;
				None
			},
			Some(ticket) => Some(ticket.update(&record.patient, footprint)?),
			None if shared == 0 => None,
			None => Some(T::Consideration::new(&record.patient, footprint)?),
		};
		Ok(())
	}

	/// Turns every version of the chain `record` (found at `record_id`) belongs to into a
	/// tombstone, returning the deposits. Returns how many versions there were.
	fn erase_chain(record_id: RecordId, record: RecordOf<T>) -> Result<u32, DispatchError> {
		let now = T::Time::now();
		let patient = record.patient.clone();
		// Walk forward to the latest version, then back through every one.
		let mut latest = record_id;
		let mut next = record.superseded_by;
		let mut steps = 0u32;
		while let Some(id) = next {
			latest = id;
			next = Records::<T>::get(id).and_then(|r| r.superseded_by);
			steps = steps.saturating_add(1);
			if steps > T::MaxVersionsPerRecord::get() {
				break;
			}
		}
		let mut versions = 0u32;
		let mut cursor = Some(latest);
		while let Some(id) = cursor {
			let Some(version) = Records::<T>::take(id) else { break };
			Tombstones::<T>::insert(id, version.tombstone(id, now));
			version.deposit.drop(&version.author)?;
			if let Some(deposit) = version.shared_deposit {
				deposit.drop(&patient)?;
			}
			let _ = Envelopes::<T>::clear_prefix(id, T::MaxEnvelopesPerRecord::get(), None);
			versions = versions.saturating_add(1);
			cursor = version.previous;
		}
		RecordsByPatient::<T>::mutate_exists(&patient, |ids| {
			if let Some(list) = ids {
				list.retain(|id| *id != latest);
				if list.is_empty() {
					*ids = None;
				}
			}
		});
		Self::deposit_event(Event::RecordErased { record_id: latest, patient, versions });
		Ok(versions)
	}

	/// Asks the access decision, turning a denial into its named error. An allowed access
	/// comes with the weight the decision took, which the call is charged in the end.
	fn ensure_access(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> Result<(AccessVia, Weight), Error<T>> {
		match T::Access::decide_metered(patient, accessor, category, action, purpose) {
			(AccessDecision::Allowed(via), weight) => Ok((via, weight)),
			(AccessDecision::Denied(reason), _) => Err(Error::<T>::AccessDenied(reason)),
		}
	}

	/// Whether `who` may do `action` on `patient`'s `category` for any purpose. When none
	/// applies, the error is that of the first purpose denied for another reason than the
	/// purpose, so that a revoked or expired grant says so. Asks up to
	/// `Purpose::ALL.len()` decisions: see [`Pallet::decisions_weight`].
	fn ensure_for_some_purpose(
		patient: &T::AccountId,
		who: &T::AccountId,
		category: DataCategory,
		action: Action,
	) -> Result<Weight, Error<T>> {
		let mut first_denial = None;
		let mut decided = Weight::zero();
		for purpose in Purpose::ALL {
			let (decision, weight) =
				T::Access::decide_metered(patient, who, category, action, purpose);
			// The decisions read the same keys: the proof holds them once.
			decided = Weight::from_parts(
				decided.ref_time().saturating_add(weight.ref_time()),
				decided.proof_size().max(weight.proof_size()),
			);
			match decision {
				AccessDecision::Allowed(_) => return Ok(decided),
				AccessDecision::Denied(DenialReason::PurposeMismatch) => {},
				AccessDecision::Denied(reason) => {
					first_denial.get_or_insert(reason);
				},
			}
		}
		Err(Error::<T>::AccessDenied(first_denial.unwrap_or(DenialReason::PurposeMismatch)))
	}

	/// The weight of asking the access decision `n` times for one patient and accessor, in
	/// its worst case; a call's own benchmark measures a cheap decision, and this adds what
	/// the decision can cost. Each decision reads the same keys, so the proof holds them once.
	/// A call is charged this up front and refunded down to what its decisions took.
	pub fn decisions_weight(n: u32) -> Weight {
		let one = T::Access::decide_weight();
		Weight::from_parts(one.ref_time().saturating_mul(u64::from(n)), one.proof_size())
	}

	/// The error of a refusal by the registry: `not_allowed` when the account does not hold
	/// the capability, the standing's own error when its organization is not active.
	fn refusal_error(not_allowed: Error<T>) -> impl FnOnce(Refusal) -> Error<T> {
		move |refusal| {
			refusal.error(
				not_allowed,
				Error::<T>::OrganizationSuspended,
				Error::<T>::OrganizationDeregistered,
			)
		}
	}

	/// Whether the emergency access grants reading now: running, and its clinician still a
	/// Clinician of the organization it was granted for, which is active. The access decision
	/// and the runtime API's `active` both come from here.
	pub fn grants_access(access: &EmergencyAccessOf<T>, now: Moment) -> bool {
		access.running(now)
			&& T::Organizations::authorize_for(
				&access.accessor,
				Capability::BreakGlass,
				&access.organization,
			)
			.is_ok()
	}

	/// Whether an access-log entry made through `via` must be kept whatever its age: it was
	/// made under an emergency access whose review is open.
	fn under_review(patient: &T::AccountId, via: &AccessVia) -> bool {
		match via {
			AccessVia::Emergency(id) => {
				EmergencyAccesses::<T>::get(patient, id).is_some_and(|access| access.under_review())
			},
			AccessVia::Patient | AccessVia::Consent(_) => false,
		}
	}

	/// Appends to `patient`'s access log, within `accessor`'s quota: when it is full, the
	/// accessor's oldest entry is pruned if it is past `AccessLogRetention` and not under
	/// review; otherwise nothing changes and the append fails.
	fn append_to_log(
		patient: &T::AccountId,
		record_id: RecordId,
		accessor: &T::AccountId,
		purpose: Purpose,
		via: AccessVia,
	) -> DispatchResult {
		let now = T::Time::now();
		let seq = NextAccessSeq::<T>::get(patient);
		AccessorLog::<T>::try_mutate(patient, accessor, |seqs| -> DispatchResult {
			if seqs.is_full() {
				let oldest = seqs.first().copied().ok_or(Error::<T>::AccessLogFull)?;
				if let Some(entry) = AccessLog::<T>::get(patient, oldest) {
					let expired = now >= entry.at.saturating_add(T::AccessLogRetention::get());
					ensure!(
						expired && !Self::under_review(patient, &entry.via),
						Error::<T>::AccessLogFull
					);
					AccessLog::<T>::remove(patient, oldest);
				}
				seqs.remove(0);
			}
			seqs.try_push(seq).map_err(|_| Error::<T>::AccessLogFull)?;
			Ok(())
		})?;
		AccessLog::<T>::insert(
			patient,
			seq,
			AccessLogEntry { seq, record_id, accessor: accessor.clone(), purpose, via, at: now },
		);
		NextAccessSeq::<T>::insert(patient, seq.saturating_add(1));
		Ok(())
	}

	/// The pallet's invariants:
	/// - every index entry points at a live, latest version of that patient, and every
	///   latest version is indexed;
	/// - a version links to versions of the same record, each way;
	/// - every live version holds its patient's envelope and as many envelopes as it counts,
	///   and a shared-envelope deposit exactly when it has shared envelopes (its own deposit
	///   is a field of the record);
	/// - an erased version has no record, no hash, no locator, no envelope and no deposit (its
	///   deposits went with its record);
	/// - every access-log entry is in its accessor's quota, and each quota holds at most
	///   `MaxAccessLogEntriesPerAccessor` entries of that accessor;
	/// - every emergency access is its clinician's latest or an earlier one, and the latest
	///   index points at a kept access of that clinician.
	///
	/// In every build, not only with `try-runtime`: the fuzzing harness (`tests/fuzz`) checks it
	/// after each call.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		for (patient, ids) in RecordsByPatient::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty patient index is stored");
			ensure!(ids.windows(2).all(|w| w.first() < w.last()), "a patient index is unsorted");
			for id in ids {
				let record =
					Records::<T>::get(id).ok_or("an index entry points at no live record")?;
				ensure!(record.patient == patient, "an index entry points at another patient");
				ensure!(record.superseded_by.is_none(), "an index entry points at an old version");
			}
		}
		for (id, record) in Records::<T>::iter() {
			ensure!(id < next, "a record's identifier was never assigned");
			ensure!(!Tombstones::<T>::contains_key(id), "a record is both live and erased");
			ensure!(record.status != RecordStatus::Erased, "a live record says it is erased");
			ensure!(
				(record.status == RecordStatus::Superseded) == record.superseded_by.is_some(),
				"a record's status disagrees with its successor"
			);
			match record.superseded_by {
				Some(later) => ensure!(
					Records::<T>::get(later).is_some_and(|r| r.previous == Some(id)),
					"a successor does not link back"
				),
				None => ensure!(
					RecordsByPatient::<T>::get(&record.patient).contains(&id),
					"a latest version is not indexed"
				),
			}
			if let Some(earlier) = record.previous {
				ensure!(
					Records::<T>::get(earlier).is_some_and(|r| r.superseded_by == Some(id)
						&& r.patient == record.patient
						&& r.category == record.category),
					"a predecessor does not link forward"
				);
			}
			ensure!(
				Envelopes::<T>::contains_key(id, &record.patient),
				"a record lacks its patient's envelope"
			);
			let envelopes = Envelopes::<T>::iter_prefix(id).count() as u32;
			ensure!(envelopes == record.envelopes, "a record miscounts its envelopes");
			ensure!(
				envelopes <= T::MaxEnvelopesPerRecord::get(),
				"a record has too many envelopes"
			);
			ensure!(
				record.shared_deposit.is_some() == (envelopes > 1),
				"shared envelopes and their deposit disagree"
			);
		}
		for id in Tombstones::<T>::iter_keys() {
			ensure!(
				Envelopes::<T>::iter_prefix(id).next().is_none(),
				"an erased record keeps a wrapped key"
			);
		}
		for (id, _, _) in Envelopes::<T>::iter() {
			ensure!(Records::<T>::contains_key(id), "a wrapped key of no live record");
		}
		let quota = T::MaxAccessLogEntriesPerAccessor::get() as usize;
		for (patient, accessor, seqs) in AccessorLog::<T>::iter() {
			ensure!(!seqs.is_empty(), "an empty accessor log is stored");
			ensure!(seqs.len() <= quota, "an accessor's log is over its quota");
			ensure!(seqs.windows(2).all(|w| w.first() < w.last()), "an accessor's log is unsorted");
			let next = NextAccessSeq::<T>::get(&patient);
			for seq in seqs {
				ensure!(seq < next, "an accessor's log entry was never written");
				let entry = AccessLog::<T>::get(&patient, seq)
					.ok_or("an accessor's log points at no entry")?;
				ensure!(entry.accessor == accessor, "a log entry is in another accessor's quota");
			}
		}
		for (patient, seq, entry) in AccessLog::<T>::iter() {
			ensure!(entry.seq == seq, "a log entry is stored at another position");
			ensure!(
				AccessorLog::<T>::get(&patient, &entry.accessor).contains(&seq),
				"a log entry is outside its accessor's quota"
			);
		}
		let next_access = NextEmergencyAccessId::<T>::get();
		let now = T::Time::now();
		for (patient, id, access) in EmergencyAccesses::<T>::iter() {
			ensure!(id < next_access, "an emergency access's identifier was never assigned");
			// Clearing the latest access forgets it while an earlier one under review is kept;
			// what matters is that the access that can be in force is the latest.
			let latest = LatestEmergencyAccess::<T>::get(&patient, &access.accessor);
			ensure!(latest.is_none_or(|latest| latest >= id), "a later access is not the latest");
			ensure!(
				!access.running(now) || latest == Some(id),
				"a running emergency access is not its clinician's latest"
			);
		}
		for (patient, accessor, id) in LatestEmergencyAccess::<T>::iter() {
			let access = EmergencyAccesses::<T>::get(&patient, id)
				.ok_or("the latest emergency access is not kept")?;
			ensure!(access.accessor == accessor, "the latest emergency access is another's");
		}
		Ok(())
	}
}

/// The access decision asks which emergency access, if any, is in force.
impl<T: Config> EmergencyAccessLookup<T::AccountId> for Pallet<T> {
	fn in_force(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		now: Moment,
	) -> Option<EmergencyAccessId> {
		let id = LatestEmergencyAccess::<T>::get(patient, accessor)?;
		let access = EmergencyAccesses::<T>::get(patient, id)?;
		Self::grants_access(&access, now).then_some(id)
	}

	/// A running emergency access for an organization the accessor is no Clinician of: the
	/// lookup reads it and asks the registry before it says no.
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_case(patient: &T::AccountId, accessor: &T::AccountId, now: Moment) {
		let footprint = Self::emergency_access_footprint();
		T::Consideration::ensure_successful(accessor, footprint);
		let Ok(deposit) = T::Consideration::new(accessor, footprint) else { return };
		let id = NextEmergencyAccessId::<T>::get();
		NextEmergencyAccessId::<T>::put(id.saturating_add(1));
		EmergencyAccesses::<T>::insert(
			patient,
			id,
			EmergencyAccess {
				accessor: accessor.clone(),
				// Its own account: no Clinician of it, so the registry refuses.
				organization: accessor.clone(),
				reason: EmergencyReason::Other,
				justification_hash: [0; 32],
				started_at: now,
				expires_at: now.saturating_add(T::EmergencyAccessDuration::get()),
				ended: None,
				flag: None,
				deposit,
			},
		);
		LatestEmergencyAccess::<T>::insert(patient, accessor, id);
	}
}

impl<T: Config> From<EmergencyChangeRefused> for Error<T> {
	fn from(refused: EmergencyChangeRefused) -> Self {
		match refused {
			EmergencyChangeRefused::NotRunning => Error::<T>::NoActiveEmergencyAccess,
			EmergencyChangeRefused::AlreadyFlagged => Error::<T>::AlreadyFlagged,
			EmergencyChangeRefused::NoOpenReview => Error::<T>::NoOpenReview,
		}
	}
}
