//! The pallet's storage records.

use alloc::vec::Vec;

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{frame_support::BoundedVec, frame_system};
use scale_info::TypeInfo;

use crate::{
	Config, DataCategory, EmergencyAccessDetails, EmergencyFlag, EmergencyReason, Hash32,
	KeyEnvelope, Moment, RecordDetails, RecordId, RecordStatus, Retraction, Tombstone,
};

/// A live version of a record: current, superseded or entered-in-error.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Record<AccountId, Locator> {
	pub patient: AccountId,
	pub author: AccountId,
	pub category: DataCategory,
	/// The hash of the encrypted payload.
	pub content_hash: Hash32,
	/// Where the encrypted payload lives: a URI or a CID.
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
}

impl<AccountId, Locator> Record<AccountId, Locator> {
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

impl<AccountId, Locator: Into<Vec<u8>>> Record<AccountId, Locator> {
	/// The version as the runtime API shows it, with its wrapped keys.
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
			locator: self.locator.into(),
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

/// A break-glass emergency access.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EmergencyAccess<AccountId> {
	pub accessor: AccountId,
	pub organization: AccountId,
	pub reason: EmergencyReason,
	pub justification_hash: Hash32,
	pub started_at: Moment,
	/// The first millisecond it no longer grants access.
	pub expires_at: Moment,
	pub ended_at: Option<Moment>,
	pub flag: Option<EmergencyFlag<AccountId>>,
}

impl<AccountId> EmergencyAccess<AccountId> {
	/// Whether it grants access at `now`: not ended, not yet expired.
	pub fn in_force(&self, now: Moment) -> bool {
		self.ended_at.is_none() && now < self.expires_at
	}

	/// The access as the runtime API shows it at `now`.
	pub fn into_details(self, now: Moment) -> EmergencyAccessDetails<AccountId> {
		let active = self.in_force(now);
		EmergencyAccessDetails {
			accessor: self.accessor,
			organization: self.organization,
			reason: self.reason,
			justification_hash: self.justification_hash,
			started_at: self.started_at,
			expires_at: self.expires_at,
			ended_at: self.ended_at,
			flag: self.flag,
			active,
		}
	}
}

pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub type LocatorOf<T> = BoundedVec<u8, <T as Config>::MaxLocatorLength>;
pub type WrappedKeyOf<T> = BoundedVec<u8, <T as Config>::MaxEnvelopeLength>;
pub type RecordOf<T> = Record<AccountIdOf<T>, LocatorOf<T>>;
pub type TicketOf<T> = <T as Config>::Consideration;
pub type EmergencyAccessOf<T> = EmergencyAccess<AccountIdOf<T>>;
pub type AccessLogEntryOf<T> = crate::AccessLogEntry<AccountIdOf<T>>;
