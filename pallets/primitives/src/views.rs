//! What the runtime APIs return: read-only views of the pallets' storage, free of the
//! pallets' configuration types so that clients decode them with the metadata alone.

use alloc::vec::Vec;

use codec::{Decode, Encode};
use scale_info::TypeInfo;

use crate::{
	Actions, CategoryScope, ConsentId, Jurisdiction, MemberRole, Moment, OrganizationKind,
	OrganizationStatus, Purpose, Suspension,
};

/// A registered organization.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct OrganizationDetails<AccountId> {
	pub account: AccountId,
	pub kind: OrganizationKind,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub name: Vec<u8>,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub license: Vec<u8>,
	pub jurisdiction: Jurisdiction,
	pub status: OrganizationStatus,
	pub suspension: Option<Suspension>,
	pub registered_at: Moment,
	pub member_count: u32,
}

/// A member's place in its organization.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct MembershipDetails<AccountId> {
	pub member: AccountId,
	pub organization: AccountId,
	pub role: MemberRole,
	pub since: Moment,
	/// Whether the member may act now: false while the organization is suspended.
	pub active: bool,
}

/// A consent grant with its identifier.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ConsentGrant<AccountId> {
	pub id: ConsentId,
	pub patient: AccountId,
	pub grantee: AccountId,
	pub categories: CategoryScope,
	pub actions: Actions,
	pub purpose: Purpose,
	pub starts_at: Option<Moment>,
	pub expires_at: Option<Moment>,
	pub granted_at: Moment,
}

/// Short public strings travel as bytes on chain and as text in JSON.
#[cfg(feature = "serde")]
mod text {
	use alloc::{string::String, vec::Vec};

	pub fn serialize<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	pub fn deserialize<'de, D: serde::Deserializer<'de>>(
		deserializer: D,
	) -> Result<Vec<u8>, D::Error> {
		<String as serde::Deserialize>::deserialize(deserializer).map(String::into_bytes)
	}
}
