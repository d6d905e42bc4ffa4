//! The pallet's storage records.

use codec::{Decode, Encode, MaxEncodedLen};

use scale_info::TypeInfo;

use crate::{Actions, CategoryScope, Config, ConsentGrant, ConsentId, Moment, Purpose};

/// A live consent grant.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Consent<AccountId, Ticket> {
	pub patient: AccountId,
	pub grantee: AccountId,
	/// Kept normalized: named categories sorted, each once.
	pub categories: CategoryScope,
	pub actions: Actions,
	pub purpose: Purpose,
	/// The first millisecond the grant is valid; `None`: from when it was granted.
	pub starts_at: Option<Moment>,
	/// The first millisecond the grant is no longer valid; `None`: until revoked.
	pub expires_at: Option<Moment>,
	pub granted_at: Moment,
	/// The storage deposit, held from the patient.
	pub deposit: Ticket,
}

impl<AccountId, Ticket> Consent<AccountId, Ticket> {
	/// Whether the grant's period is over at `now`.
	pub fn has_expired(&self, now: Moment) -> bool {
		self.expires_at.is_some_and(|expires_at| now >= expires_at)
	}

	/// Whether the grant's period has begun at `now`.
	pub fn has_started(&self, now: Moment) -> bool {
		self.starts_at.is_none_or(|starts_at| now >= starts_at)
	}

	/// The grant as the runtime API shows it, without its deposit.
	pub fn into_grant(self, id: ConsentId) -> ConsentGrant<AccountId> {
		ConsentGrant {
			id,
			patient: self.patient,
			grantee: self.grantee,
			categories: self.categories,
			actions: self.actions,
			purpose: self.purpose,
			starts_at: self.starts_at,
			expires_at: self.expires_at,
			granted_at: self.granted_at,
		}
	}
}

pub type ConsentOf<T> = Consent<<T as polkadot_sdk::frame_system::Config>::AccountId, TicketOf<T>>;
pub type TicketOf<T> = <T as Config>::Consideration;

/// Why a grant ended.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum EndReason {
	Revoked,
	Expired,
}

/// A grant that ended recently, remembered so that the access decision can say why an
/// accessor no longer has access.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EndedConsent<AccountId> {
	pub consent_id: ConsentId,
	pub grantee: AccountId,
	pub reason: EndReason,
}
