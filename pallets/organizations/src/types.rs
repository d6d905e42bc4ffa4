//! The pallet's storage records and genesis entries.

use alloc::{string::String, vec::Vec};

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{traits::Get, BoundedVec, DebugNoBound};
use scale_info::TypeInfo;

use crate::{
	Config, Jurisdiction, MemberRole, Moment, OrganizationKind, OrganizationStatus, Suspension,
	SuspensionReason,
};

/// A registered organization.
#[derive(Clone, PartialEq, Eq, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxName, MaxLicense))]
pub struct Organization<MaxName: Get<u32>, MaxLicense: Get<u32>> {
	pub kind: OrganizationKind,
	pub name: BoundedVec<u8, MaxName>,
	pub license: BoundedVec<u8, MaxLicense>,
	pub jurisdiction: Jurisdiction,
	/// Set while the organization is suspended.
	pub suspension: Option<Suspension>,
	/// When the registrar deregistered it. The record stays, as a tombstone: nothing that
	/// came from the organization is ever allowed again, and the account is never registered
	/// again.
	pub deregistered_at: Option<Moment>,
	/// When the registrar registered it; never changes.
	pub registered_at: Moment,
	/// How many members it has. After deregistration, the members not yet removed.
	pub member_count: u32,
}

impl<MaxName: Get<u32>, MaxLicense: Get<u32>> Organization<MaxName, MaxLicense> {
	/// The organization's status: deregistration outranks suspension.
	pub fn status(&self) -> OrganizationStatus {
		match (self.deregistered_at, self.suspension) {
			(Some(_), _) => OrganizationStatus::Deregistered,
			(None, Some(_)) => OrganizationStatus::Suspended,
			(None, None) => OrganizationStatus::Active,
		}
	}

	/// The organization's one transition function: it applies `change` along the lifecycle
	/// of `OrganizationStatus::can_become`.
	pub fn change(&mut self, change: StatusChange, now: Moment) -> Result<(), StatusChangeRefused> {
		let from = self.status();
		let to = match change {
			StatusChange::Suspend(_) => OrganizationStatus::Suspended,
			StatusChange::Reinstate => OrganizationStatus::Active,
			StatusChange::Deregister => OrganizationStatus::Deregistered,
		};
		if !from.can_become(to) {
			return Err(match from {
				OrganizationStatus::Deregistered => StatusChangeRefused::Deregistered,
				OrganizationStatus::Suspended => StatusChangeRefused::AlreadySuspended,
				OrganizationStatus::Active => StatusChangeRefused::NotSuspended,
			});
		}
		match change {
			StatusChange::Suspend(reason) => {
				self.suspension = Some(Suspension { reason, since: now })
			},
			StatusChange::Reinstate => self.suspension = None,
			// A suspension is kept: the tombstone says what the registrar last found.
			StatusChange::Deregister => self.deregistered_at = Some(now),
		}
		Ok(())
	}
}

/// What the registrar does to an organization's standing.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum StatusChange {
	Suspend(SuspensionReason),
	Reinstate,
	Deregister,
}

/// Why an organization's status cannot change so.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum StatusChangeRefused {
	Deregistered,
	AlreadySuspended,
	NotSuspended,
}

pub type OrganizationOf<T> =
	Organization<<T as Config>::MaxNameLength, <T as Config>::MaxLicenseLength>;

/// A member's place in an organization.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Membership<AccountId, Ticket> {
	pub organization: AccountId,
	pub role: MemberRole,
	pub since: Moment,
	/// The storage deposit, held from the organization.
	pub deposit: Ticket,
}

pub type MembershipOf<T> =
	Membership<<T as polkadot_sdk::frame_system::Config>::AccountId, <T as Config>::Consideration>;

/// An organization registered at genesis, with its members.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisOrganization<AccountId> {
	pub account: AccountId,
	pub kind: OrganizationKind,
	pub name: String,
	pub license: String,
	/// ISO 3166-1 alpha-2, such as "GB".
	pub jurisdiction: String,
	pub members: Vec<(AccountId, MemberRole)>,
}
