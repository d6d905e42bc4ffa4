//! What the runtime APIs return: read-only views of the pallets' storage, free of the
//! pallets' configuration types so that clients decode them with the metadata alone.

use alloc::vec::Vec;

use codec::{Decode, Encode};
use scale_info::TypeInfo;

use crate::{
	AccessSeq, AccessVia, Actions, CategoryScope, ConsentId, DataCategory, EmergencyAccessId,
	EmergencyReason, Hash32, Jurisdiction, MemberRole, Moment, OrganizationKind,
	OrganizationStatus, Purpose, RecordId, RecordStatus, RetractionReason, SubmissionKind,
	Suspension, TrialId, TrialPhase, TrialStatus,
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
	/// When it was deregistered; a deregistered organization's record stays as a tombstone.
	pub deregistered_at: Option<Moment>,
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

/// A version of a record, as the chain holds it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct RecordDetails<AccountId> {
	pub id: RecordId,
	pub patient: AccountId,
	pub author: AccountId,
	pub category: DataCategory,
	/// The hash of the encrypted payload.
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub content_hash: Hash32,
	/// Where the encrypted payload is kept.
	pub locator: crate::Locator,
	/// 1 for the first version.
	pub version: u32,
	pub previous: Option<RecordId>,
	pub superseded_by: Option<RecordId>,
	pub status: RecordStatus,
	pub created_at: Moment,
	pub retraction: Option<Retraction<AccountId>>,
	/// The data key, wrapped to each recipient's public key; the patient's comes first.
	pub envelopes: Vec<KeyEnvelope<AccountId>>,
}

/// Who marked a record entered-in-error, when, and why.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Retraction<AccountId> {
	pub reason: RetractionReason,
	pub by: AccountId,
	pub at: Moment,
}

/// A record's data key, wrapped to one recipient: the 92 bytes of its `WrappedKey`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct KeyEnvelope<AccountId> {
	pub recipient: AccountId,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub wrapped_key: Vec<u8>,
}

/// What is left of an erased version: no patient, author, hash, locator or key.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Tombstone {
	pub id: RecordId,
	pub category: DataCategory,
	pub version: u32,
	pub previous: Option<RecordId>,
	pub superseded_by: Option<RecordId>,
	pub erased_at: Moment,
}

/// A version of a record, or its tombstone.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum RecordView<AccountId> {
	Live(RecordDetails<AccountId>),
	Erased(Tombstone),
}

/// One entry of a patient's access log: who read which record, when, why, and on what
/// ground.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AccessLogEntry<AccountId> {
	pub seq: AccessSeq,
	pub record_id: RecordId,
	pub accessor: AccountId,
	pub purpose: Purpose,
	pub via: AccessVia,
	pub at: Moment,
}

/// A flag raised on an emergency access, for review.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct EmergencyFlag<AccountId> {
	pub by: AccountId,
	/// The hash of the review note, kept off chain.
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub note_hash: Hash32,
	pub at: Moment,
	/// When a regulator closed the review; until then the access and its log entries are
	/// kept whatever their age.
	pub closed_at: Option<Moment>,
}

/// A break-glass emergency access to a patient's data.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct EmergencyAccessDetails<AccountId> {
	pub id: EmergencyAccessId,
	pub accessor: AccountId,
	/// The hospital or clinic the clinician acted for.
	pub organization: AccountId,
	pub reason: EmergencyReason,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub justification_hash: Hash32,
	pub started_at: Moment,
	pub expires_at: Moment,
	/// When the patient or the clinician ended it early, and which of them.
	pub ended_at: Option<Moment>,
	pub ended_by: Option<AccountId>,
	pub flag: Option<EmergencyFlag<AccountId>>,
	/// Whether it grants access at the time of the query, by the same rule as the access
	/// decision: running, and its clinician still a Clinician of its active organization.
	pub active: bool,
}

/// What the chain tells a payload store (`healthchain-vault`) asked to hand `record_id`'s
/// encrypted payload to a requester: the one release rule, so that every store applies the
/// same one.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct PayloadRelease<AccountId> {
	/// The record's patient, when the record is live: whose release log the answer goes to.
	pub patient: Option<AccountId>,
	pub verdict: ReleaseVerdict,
}

/// Release the payload, on this ground, or refuse it, for this reason.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum ReleaseVerdict {
	Release(ReleaseGround),
	Refuse(ReleaseRefusal),
}

/// Why a payload may be released.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum ReleaseGround {
	/// The requester is the record's patient.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	Patient,
	/// The requester logged its access to the record (`log_access`) within the store's window,
	/// and the access decision still allows it, through `via`.
	LoggedAccess { seq: AccessSeq, at: Moment, purpose: Purpose, via: AccessVia },
}

/// Why a payload may not be released. The names are the ones the vault answers with.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum ReleaseRefusal {
	/// There is no record with this identifier.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	UnknownRecord,
	/// The record was erased: its payload must not be released, and is deleted.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	RecordErased,
	/// The record carries another content hash than the one asked for.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	RecordHashMismatch,
	/// The requester has no `log_access` entry for the record in the patient's access log.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	NoAccessLogged,
	/// The requester's latest `log_access` for the record is older than the store's window.
	#[cfg_attr(feature = "serde", serde(with = "crate::unit_variant"))]
	AccessWindowPassed,
	/// The requester logged its access, but the access decision denies it now: the grant was
	/// revoked or expired, the organization suspended, the emergency access ended.
	AccessRevoked(crate::DenialReason),
}

/// What a block did to the payloads records reference: what a payload store follows.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum PayloadChange {
	/// A new version, `record_id`, references the payload `content_hash`.
	Referenced {
		record_id: RecordId,
		#[cfg_attr(feature = "serde", serde(with = "hex"))]
		content_hash: Hash32,
	},
	/// The version `record_id` was erased: it no longer references its payload.
	Erased { record_id: RecordId },
}

/// A live version and the payload it references.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct PayloadReference {
	pub record_id: RecordId,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub content_hash: Hash32,
}

/// A registered clinical trial.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct TrialDetails<AccountId> {
	pub id: TrialId,
	pub sponsor: AccountId,
	pub registry_ids: Vec<RegistryIdDetails>,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub title: Vec<u8>,
	pub phase: TrialPhase,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub protocol_hash: Hash32,
	pub protocol_version: u32,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub primary_outcomes_hash: Hash32,
	pub target_enrollment: u32,
	pub planned_primary_completion: Moment,
	pub registered_at: Moment,
	pub status: TrialStatus,
	pub suspended_from: Option<TrialStatus>,
	pub status_changed_at: Moment,
	pub completed_at: Option<Moment>,
	pub terminated_at: Option<Moment>,
	#[cfg_attr(feature = "serde", serde(with = "hex_option"))]
	pub termination_reason: Option<Hash32>,
	/// Enrolled and neither withdrawn nor declined, confirmed or not.
	pub enrolled: u32,
	/// Of those, the ones an investigator confirmed.
	pub confirmed: u32,
	pub withdrawn: u32,
	/// Enrollments an investigator declined.
	pub declined: u32,
	pub investigators: Vec<AccountId>,
	pub submissions: u32,
	/// The results, first publication first.
	pub results: Vec<ResultsVersionDetails>,
	/// When results are due: a deadline after the primary completion, actual (completion or
	/// termination) or, until then, planned. Always set.
	pub results_due: Option<Moment>,
	/// Whether results are overdue at the block's time.
	pub results_overdue: bool,
}

/// One version of a trial's protocol.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ProtocolVersion {
	pub version: u32,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub protocol_hash: Hash32,
	pub at: Moment,
	/// Why it was amended: the hash of a statement kept off chain. None for version 1.
	#[cfg_attr(feature = "serde", serde(with = "hex_option"))]
	pub reason_hash: Option<Hash32>,
}

/// A participant's enrollment in a trial, kept after withdrawal.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, codec::MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Enrollment {
	pub enrolled_at: Moment,
	/// The hash of the informed-consent form version the participant signed.
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub consent_form_hash: Hash32,
	pub withdrawn_at: Option<Moment>,
	/// When an investigator of the trial confirmed the participant at the site.
	pub confirmed_at: Option<Moment>,
	/// When an investigator declined the enrollment: the participant is not in the trial and
	/// may not enroll in it again.
	pub declined_at: Option<Moment>,
}

impl Enrollment {
	/// Whether the participant is in the trial: neither withdrawn nor declined.
	pub fn is_active(&self) -> bool {
		self.withdrawn_at.is_none() && self.declined_at.is_none()
	}
}

/// An identifier of a trial in an external registry.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct RegistryIdDetails {
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub registry: Vec<u8>,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub id: Vec<u8>,
}

/// One version of a trial's results.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ResultsVersionDetails {
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub results_hash: Hash32,
	pub locator: crate::Locator,
	pub at: Moment,
}

/// Data an investigator submitted to a trial.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct SubmissionDetails<AccountId> {
	pub seq: u32,
	pub investigator: AccountId,
	pub kind: SubmissionKind,
	#[cfg_attr(feature = "serde", serde(with = "hex"))]
	pub data_hash: Hash32,
	pub locator: crate::Locator,
	pub at: Moment,
}

/// Bytes and digests travel as `0x`-prefixed hex in JSON, as polkadot.js writes them.
#[cfg(feature = "serde")]
pub(crate) mod hex {
	use alloc::{string::String, vec::Vec};

	const DIGITS: &[u8; 16] = b"0123456789abcdef";

	pub fn serialize<S: serde::Serializer>(
		bytes: impl AsRef<[u8]>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		let bytes = bytes.as_ref();
		let mut text = String::with_capacity(2usize.saturating_add(bytes.len().saturating_mul(2)));
		text.push_str("0x");
		for byte in bytes {
			for nibble in [byte >> 4, byte & 0x0f] {
				text.push(char::from(DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0')));
			}
		}
		serializer.serialize_str(&text)
	}

	pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
	where
		D: serde::Deserializer<'de>,
		T: TryFrom<Vec<u8>>,
	{
		use serde::de::Error;
		let text = <String as serde::Deserialize>::deserialize(deserializer)?;
		let digits = text.strip_prefix("0x").unwrap_or(&text).as_bytes();
		let value = |d: u8| char::from(d).to_digit(16).and_then(|v| u8::try_from(v).ok());
		let bytes = digits
			.chunks(2)
			.map(|pair| match pair {
				[hi, lo] => Some(value(*hi)?.checked_mul(16)?.checked_add(value(*lo)?)?),
				_ => None,
			})
			.collect::<Option<Vec<u8>>>()
			.ok_or_else(|| D::Error::custom("expected 0x-prefixed hex"))?;
		T::try_from(bytes).map_err(|_| D::Error::custom("hex of the wrong length"))
	}
}

/// An optional digest: `null` or `0x`-prefixed hex.
#[cfg(feature = "serde")]
mod hex_option {
	use crate::Hash32;

	pub fn serialize<S: serde::Serializer>(
		value: &Option<Hash32>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		match value {
			Some(bytes) => super::hex::serialize(bytes, serializer),
			None => serializer.serialize_none(),
		}
	}

	pub fn deserialize<'de, D: serde::Deserializer<'de>>(
		deserializer: D,
	) -> Result<Option<Hash32>, D::Error> {
		#[derive(serde::Deserialize)]
		struct Hex(#[serde(with = "super::hex")] Hash32);
		let value: Option<Hex> = serde::Deserialize::deserialize(deserializer)?;
		Ok(value.map(|Hex(bytes)| bytes))
	}
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

/// What a dispenser's scanner learns about a lot (and optionally one serial of it).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct LotVerification<AccountId> {
	/// Whether the chain knows the lot; nothing else is set when it does not.
	pub known: bool,
	pub status: Option<crate::LotStatus>,
	pub expired: Option<bool>,
	pub manufacturer: Option<AccountId>,
	pub expiry: Option<crate::CalendarDate>,
	/// Whether the serial belongs to the lot: `None` when no serial was asked about or the
	/// lot has no serials root.
	pub serial_valid: Option<bool>,
}

/// A drug lot.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct LotDetails<AccountId> {
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub gtin: Vec<u8>,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub lot_number: Vec<u8>,
	pub manufacturer: AccountId,
	pub expiry: crate::CalendarDate,
	pub expired: bool,
	pub quantity: u64,
	#[cfg_attr(feature = "serde", serde(with = "hex_option"))]
	pub serials_root: Option<Hash32>,
	pub status: crate::LotStatus,
	pub commissioned_at: Moment,
	pub held: u64,
	pub in_transit: u64,
	pub dispensed: u64,
	pub destroyed: u64,
}

/// One event of a lot's custody history.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct CustodyEntry<AccountId> {
	pub seq: u32,
	pub at: Moment,
	pub event: crate::CustodyEvent,
	/// Why, for a rejection or a destruction; `None` for every other event.
	pub reason: Option<crate::CustodyReason>,
	pub from: Option<AccountId>,
	pub to: Option<AccountId>,
	pub quantity: u64,
}

/// A shipment in transit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ShipmentDetails<AccountId> {
	pub id: u64,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub gtin: Vec<u8>,
	#[cfg_attr(feature = "serde", serde(with = "text"))]
	pub lot_number: Vec<u8>,
	pub from: AccountId,
	pub to: AccountId,
	pub quantity: u64,
	pub shipped_at: Moment,
}

/// How much of a lot one account holds.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Holding<AccountId> {
	pub holder: AccountId,
	pub quantity: u64,
}
