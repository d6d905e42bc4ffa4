//! The pallet's storage records and genesis entries.

use alloc::{string::String, vec::Vec};

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{traits::Get, BoundedVec, DebugNoBound};
use scale_info::TypeInfo;

use crate::{
	Config, Jurisdiction, MemberRole, Moment, OrganizationKind, OrganizationStatus, Suspension,
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
	/// When the registrar registered it; never changes.
	pub registered_at: Moment,
	/// How many members it has; kept with the record so that deregistering knows its cost.
	pub member_count: u32,
}

impl<MaxName: Get<u32>, MaxLicense: Get<u32>> Organization<MaxName, MaxLicense> {
	pub fn status(&self) -> OrganizationStatus {
		match self.suspension {
			None => OrganizationStatus::Active,
			Some(_) => OrganizationStatus::Suspended,
		}
	}
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
