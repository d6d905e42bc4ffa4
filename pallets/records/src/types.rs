//! The pallet's storage records.

use alloc::vec::Vec;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{frame_support::BoundedVec, frame_system};
use scale_info::TypeInfo;

use crate::{
	Config, DataCategory, EmergencyAccessDetails, EmergencyAccessId, EmergencyFlag,
	EmergencyReason, Hash32, KeyEnvelope, Locator, Moment, RecordDetails, RecordId, RecordStatus,
	Retraction, Tombstone,
};

/// A live version of a record: current, superseded or entered-in-error.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Record<AccountId, Ticket> {
	pub patient: AccountId,
	pub author: AccountId,
	pub category: DataCategory,
	/// The hash of the encrypted payload.
	pub content_hash: Hash32,
	/// Where the encrypted payload is kept.
	pub locator: Locator,
	/// 1 for the first version.
	pub version: u32,
	pub previous: Option<RecordId>,
	pub superseded_by: Option<RecordId>,
	/// Never `Erased`: an erased version is a tombstone, in another map.
	pub status: RecordStatus,
	pub created_at: Moment,
	pub retraction: Option<Retraction<AccountId>>,
	/// How many wrapped keys the version has, the patient's included.
	pub envelopes: u32,
	/// The storage deposit of the version and its patient's envelope, held from its author.
	pub deposit: Ticket,
	/// The storage deposit of the envelopes the patient shared on the version, held from the
	/// patient: present exactly when there is at least one.
	pub shared_deposit: Option<Ticket>,
}

impl<AccountId, Ticket> Record<AccountId, Ticket> {
	/// What is left of this version once erased at `now`.
	pub fn tombstone(&self, id: RecordId, now: Moment) -> Tombstone {
		Tombstone {
			id,
			category: self.category,
			version: self.version,
			previous: self.previous,
			superseded_by: self.superseded_by,
			erased_at: now,
		}
	}
}

impl<AccountId, Ticket> Record<AccountId, Ticket> {
	/// The version as the runtime API shows it, with its wrapped keys; not its deposits.
	pub fn into_details(
		self,
		id: RecordId,
		envelopes: Vec<KeyEnvelope<AccountId>>,
	) -> RecordDetails<AccountId> {
		RecordDetails {
			id,
			patient: self.patient,
			author: self.author,
			category: self.category,
			content_hash: self.content_hash,
			locator: self.locator,
			version: self.version,
			previous: self.previous,
			superseded_by: self.superseded_by,
			status: self.status,
			created_at: self.created_at,
			retraction: self.retraction,
			envelopes,
		}
	}
}

/// A published x25519 public key and the deposit it holds.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PublishedKey<Ticket> {
	pub key: crate::EncryptionKey,
	pub deposit: Ticket,
}

/// A break-glass emergency access. It stays in storage, with its deposit held from the
/// clinician, while it is in force, while a flag on it is open, and for the review period after
/// it stopped; then anyone may clear it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EmergencyAccess<AccountId, Ticket> {
	pub accessor: AccountId,
	/// The hospital or clinic the clinician broke the glass for; the access holds only while
	/// the clinician is still a Clinician of it and it is active.
	pub organization: AccountId,
	pub reason: EmergencyReason,
	pub justification_hash: Hash32,
	pub started_at: Moment,
	/// The first millisecond it no longer grants access.
	pub expires_at: Moment,
	/// When, and by whom (the patient or the clinician), it was ended early.
	pub ended: Option<(Moment, AccountId)>,
	pub flag: Option<EmergencyFlag<AccountId>>,
	/// The storage deposit, held from the clinician.
	pub deposit: Ticket,
}

impl<AccountId: PartialEq, Ticket> EmergencyAccess<AccountId, Ticket> {
	/// Whether it is neither ended nor expired at `now`. Whether it grants access also depends
	/// on the clinician's standing: `Pallet::grants_access`.
	pub fn running(&self, now: Moment) -> bool {
		self.ended.is_none() && now < self.expires_at
	}

	/// When it stopped, or will stop, running.
	pub fn stopped_at(&self) -> Moment {
		self.ended.as_ref().map_or(self.expires_at, |(at, _)| (*at).min(self.expires_at))
	}

	/// Whether the patient ended it.
	pub fn ended_by(&self, who: &AccountId) -> bool {
		self.ended.as_ref().is_some_and(|(_, by)| by == who)
	}

	/// Whether a flag on it awaits a regulator's review.
	pub fn under_review(&self) -> bool {
		self.flag.as_ref().is_some_and(|flag| flag.closed_at.is_none())
	}

	/// Whether it may be removed at `now`: stopped, not under review, and stopped at least
	/// `review_period` ago.
	pub fn clearable(&self, now: Moment, review_period: Moment) -> bool {
		!self.running(now)
			&& !self.under_review()
			&& now >= self.stopped_at().saturating_add(review_period)
	}

	/// The access's one transition function, and the only place its lifecycle is written:
	/// - running → ended early, by the patient or the clinician (or expired, by time alone);
	/// - whether running or not: not flagged → flagged, under review → review closed;
	/// - once clearable (`clearable`), it may be removed.
	pub fn change(
		&mut self,
		change: EmergencyChange<AccountId>,
		now: Moment,
	) -> Result<(), EmergencyChangeRefused> {
		match change {
			EmergencyChange::End { by } => {
				if !self.running(now) {
					return Err(EmergencyChangeRefused::NotRunning);
				}
				self.ended = Some((now, by));
			},
			EmergencyChange::Flag { by, note_hash } => {
				if self.flag.is_some() {
					return Err(EmergencyChangeRefused::AlreadyFlagged);
				}
				self.flag = Some(EmergencyFlag { by, note_hash, at: now, closed_at: None });
			},
			EmergencyChange::CloseReview => {
				let flag = self
					.flag
					.as_mut()
					.filter(|flag| flag.closed_at.is_none())
					.ok_or(EmergencyChangeRefused::NoOpenReview)?;
				flag.closed_at = Some(now);
			},
		}
		Ok(())
	}

	/// The access as the runtime API shows it; `active` is whether it grants access now.
	pub fn into_details(
		self,
		id: EmergencyAccessId,
		active: bool,
	) -> EmergencyAccessDetails<AccountId> {
		let (ended_at, ended_by) = match self.ended {
			Some((at, by)) => (Some(at), Some(by)),
			None => (None, None),
		};
		EmergencyAccessDetails {
			id,
			accessor: self.accessor,
			organization: self.organization,
			reason: self.reason,
			justification_hash: self.justification_hash,
			started_at: self.started_at,
			expires_at: self.expires_at,
			ended_at,
			ended_by,
			flag: self.flag,
			active,
		}
	}
}

/// An item that holds a deposit, for `poke_deposit`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum DepositItem<AccountId> {
	/// The caller's published encryption key; its deposit is held from the caller.
	EncryptionKey,
	/// A live version; its deposit is held from its author.
	Version(RecordId),
	/// The envelopes the patient shared on a live version; their deposit is held from the
	/// patient.
	SharedKeys(RecordId),
	/// An emergency access to `patient`'s data; its deposit is held from its clinician.
	EmergencyAccess { patient: AccountId, id: EmergencyAccessId },
}

/// What happens to an emergency access after it starts.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum EmergencyChange<AccountId> {
	End { by: AccountId },
	Flag { by: AccountId, note_hash: Hash32 },
	CloseReview,
}

/// Why an emergency access cannot change so.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum EmergencyChangeRefused {
	NotRunning,
	AlreadyFlagged,
	NoOpenReview,
}

pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub type RecordOf<T> = Record<AccountIdOf<T>, TicketOf<T>>;
pub type TicketOf<T> = <T as Config>::Consideration;
pub type EmergencyAccessOf<T> = EmergencyAccess<AccountIdOf<T>, TicketOf<T>>;
pub type AccessorLogOf<T> =
	BoundedVec<crate::AccessSeq, <T as Config>::MaxAccessLogEntriesPerAccessor>;
pub type AccessLogEntryOf<T> = crate::AccessLogEntry<AccountIdOf<T>>;
