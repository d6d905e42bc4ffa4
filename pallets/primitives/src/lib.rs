//! # Healthchain primitives
//!
//! The domain vocabulary every Healthchain pallet, the runtime APIs and the node's RPC share:
//! organization kinds and member roles, data categories (with the sensitive ones marked),
//! actions and purposes, the result of an access decision, and the traits pallets use to ask
//! each other questions. Defining them once keeps a category or a denial reason meaning the
//! same thing on chain, in the runtime API and over JSON-RPC.
//!
//! Nothing here is health data: these are codes, and the chain stores only codes, hashes,
//! locators, wrapped keys and timestamps.
//!
//! Unit enums serialize to JSON as their variant name (`"LabResult"`) and enums with data as
//! an object keyed by the camelCase variant name (`{ "consent": 7 }`), where a variant without
//! data has the value `null` (`{ "patient": null }`): the same JSON polkadot.js produces for
//! the on-chain values. The types are defined at the crate root so that their
//! metadata names read well in polkadot.js: `HealthchainPrimitivesDataCategory`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// Calendar time: milliseconds since the Unix epoch, as `pallet_timestamp` keeps it.
pub type Moment = u64;

/// The identifier of a consent grant, assigned by the chain in increasing order.
pub type ConsentId = u64;

/// The identifier of an emergency access, assigned by the chain in increasing order.
pub type EmergencyAccessId = u64;

/// The identifier of one version of a patient record, assigned by the chain in increasing
/// order. Amending a record gives the new version a new identifier.
pub type RecordId = u64;

/// The position of an entry in a patient's access log, increasing from 0.
pub type AccessSeq = u64;

/// A 32-byte digest: the hash of an encrypted payload, or of a justification or review note
/// kept off chain.
pub type Hash32 = [u8; 32];

/// An x25519 public key, to which data keys are wrapped.
pub type EncryptionKey = [u8; 32];

pub mod capabilities;
pub mod deposit;
pub mod views;

pub use capabilities::{Actor, Capability, OrganizationRegistry, Refusal};

/// The JSON of a variant without data in an enum that has data: `{ "name": null }`, as
/// polkadot.js writes it, rather than serde's bare `"name"`. Used as a variant's
/// `serialize_with`/`deserialize_with`.
#[cfg(feature = "serde")]
mod unit_variant {
	pub fn serialize<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_unit()
	}

	pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
		<() as serde::Deserialize>::deserialize(deserializer)
	}
}

/// One page of a paginated list: the items, and the cursor to pass for the next page, if any.
#[derive(Clone, PartialEq, Eq, Debug, codec::Encode, codec::Decode, scale_info::TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Page<Item, Cursor> {
	pub items: alloc::vec::Vec<Item>,
	pub next: Option<Cursor>,
}

/// The most items a page of any list holds, whatever limit is asked.
pub const MAX_PAGE_SIZE: u32 = 100;

impl<Item, Cursor> Page<Item, Cursor> {
	/// The one way every list read is paginated. `source` yields each candidate with its
	/// cursor, in the list's order, starting after the caller's cursor; `view` turns a
	/// candidate into an item, or skips it. At most `limit` candidates are looked at (clamped
	/// to 1..=[`MAX_PAGE_SIZE`], so a read's cost is bounded whatever is asked), and `next` is
	/// the cursor of the last one looked at when the source has more.
	pub fn of<Candidate>(
		source: impl IntoIterator<Item = (Cursor, Candidate)>,
		limit: u32,
		mut view: impl FnMut(&Cursor, Candidate) -> Option<Item>,
	) -> Self {
		let mut source = source.into_iter().peekable();
		let mut items = alloc::vec::Vec::new();
		let mut last = None;
		for (cursor, candidate) in source.by_ref().take(limit.clamp(1, MAX_PAGE_SIZE) as usize) {
			if let Some(item) = view(&cursor, candidate) {
				items.push(item);
			}
			last = Some(cursor);
		}
		let next = if source.peek().is_some() { last } else { None };
		Page { items, next }
	}

	/// [`Page::of`] for a list of keys, each its own cursor.
	pub fn of_keys(
		keys: impl IntoIterator<Item = Cursor>,
		limit: u32,
		mut view: impl FnMut(&Cursor) -> Option<Item>,
	) -> Self {
		Self::of(keys.into_iter().map(|key| (key, ())), limit, |key, ()| view(key))
	}

	/// A page of nothing.
	pub fn empty() -> Self {
		Page { items: alloc::vec::Vec::new(), next: None }
	}
}

// ---- Organizations, their members, and the registry trait. ----

/// What an accredited organization is. The kind is set by the registrar and decides what the
/// organization may do in the other pallets (only a Manufacturer commissions drug lots, only a
/// Regulator resolves a suspect product, and so on).
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum OrganizationKind {
	Hospital,
	Clinic,
	Laboratory,
	Pharmacy,
	Insurer,
	Manufacturer,
	Distributor,
	Regulator,
	ResearchSponsor,
	ResearchSite,
}

/// The role a member holds in its organization.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MemberRole {
	Clinician,
	Nurse,
	Pharmacist,
	Investigator,
	Staff,
}

impl MemberRole {
	/// Whether a consent granted to the member's organization for `purpose` extends to a member
	/// in this role.
	///
	/// Clinical roles act for every purpose. An investigator acts only for research, and
	/// administrative staff only for payment and operations: neither treats patients.
	pub fn acts_for(self, purpose: Purpose) -> bool {
		match self {
			MemberRole::Clinician | MemberRole::Nurse | MemberRole::Pharmacist => true,
			MemberRole::Investigator => purpose == Purpose::Research,
			MemberRole::Staff => matches!(purpose, Purpose::Payment | Purpose::Operations),
		}
	}
}

/// Whether an organization may act. Suspension takes every permission away at once, from the
/// organization and from all of its members; reinstatement gives them back. Deregistration
/// takes them for good: the record stays, as a tombstone, and the account can never be
/// registered again.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum OrganizationStatus {
	Active,
	Suspended,
	Deregistered,
}

/// An organization as other pallets see it.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct OrganizationStanding {
	pub kind: OrganizationKind,
	pub status: OrganizationStatus,
}

impl OrganizationStatus {
	/// The organization lifecycle (applied by the registry's transition function): Active ⇄
	/// Suspended; Active or Suspended → Deregistered, which is final.
	pub fn can_become(self, to: OrganizationStatus) -> bool {
		use OrganizationStatus::*;
		matches!(
			(self, to),
			(Active, Suspended) | (Suspended, Active) | (Active | Suspended, Deregistered)
		)
	}
}

impl OrganizationStanding {
	pub fn is_active(&self) -> bool {
		self.status == OrganizationStatus::Active
	}
}

/// Why the registrar suspended an organization. A code, not free text, so that nothing
/// personal can slip into it.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SuspensionReason {
	/// The license or accreditation lapsed.
	LicenseExpired,
	/// The licensing body withdrew the license.
	LicenseRevoked,
	/// An investigation is under way.
	UnderInvestigation,
	/// The organization asked for it.
	Requested,
	/// Any other reason, recorded off chain by the registrar.
	Other,
}

/// When and why an organization was suspended.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Suspension {
	pub reason: SuspensionReason,
	pub since: Moment,
}

/// An ISO 3166-1 alpha-2 country code, such as `GB`: two ASCII uppercase letters.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Jurisdiction([u8; 2]);

impl Jurisdiction {
	/// The code in `bytes`, if it is two ASCII uppercase letters.
	pub fn parse(bytes: &[u8]) -> Option<Self> {
		match bytes {
			[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some(Self([*a, *b])),
			_ => None,
		}
	}

	pub fn as_bytes(&self) -> &[u8; 2] {
		&self.0
	}
}

#[cfg(feature = "serde")]
impl serde::Serialize for Jurisdiction {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		let [a, b] = self.0;
		serializer.serialize_str(&alloc::format!("{}{}", char::from(a), char::from(b)))
	}
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Jurisdiction {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let code = <alloc::string::String as serde::Deserialize>::deserialize(deserializer)?;
		Self::parse(code.as_bytes())
			.ok_or_else(|| serde::de::Error::custom("expected two ASCII uppercase letters"))
	}
}

// ---- Data categories, actions, purposes and the access decision. ----

/// The kind of data a record holds, after the sections of an international patient summary.
///
/// The last four are sensitive: a wildcard grant never covers them, only a grant that names
/// them does.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DataCategory {
	Summary,
	Encounter,
	Condition,
	Medication,
	Allergy,
	Immunization,
	LabResult,
	Imaging,
	Procedure,
	Genomic,
	MentalHealth,
	SexualReproductive,
	SubstanceUse,
}

/// How many data categories there are.
pub const DATA_CATEGORY_COUNT: u32 = 13;

impl DataCategory {
	/// Every category, in declaration order.
	pub const ALL: [DataCategory; DATA_CATEGORY_COUNT as usize] = [
		DataCategory::Summary,
		DataCategory::Encounter,
		DataCategory::Condition,
		DataCategory::Medication,
		DataCategory::Allergy,
		DataCategory::Immunization,
		DataCategory::LabResult,
		DataCategory::Imaging,
		DataCategory::Procedure,
		DataCategory::Genomic,
		DataCategory::MentalHealth,
		DataCategory::SexualReproductive,
		DataCategory::SubstanceUse,
	];

	/// Whether only a grant that names this category explicitly may cover it.
	pub fn is_sensitive(self) -> bool {
		matches!(
			self,
			DataCategory::Genomic
				| DataCategory::MentalHealth
				| DataCategory::SexualReproductive
				| DataCategory::SubstanceUse
		)
	}
}

/// The categories a consent covers: every non-sensitive category (the wildcard), the named
/// ones, or both.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct CategoryScope {
	/// Covers every category that is not sensitive.
	pub wildcard: bool,
	/// Categories covered by name; the only way to cover a sensitive one.
	pub categories: BoundedVec<DataCategory, ConstU32<DATA_CATEGORY_COUNT>>,
}

impl CategoryScope {
	/// Whether the scope covers `category`.
	pub fn covers(&self, category: DataCategory) -> bool {
		self.categories.contains(&category) || (self.wildcard && !category.is_sensitive())
	}

	/// Whether the scope covers nothing at all.
	pub fn is_empty(&self) -> bool {
		!self.wildcard && self.categories.is_empty()
	}

	/// The same scope with the named categories sorted and each named once.
	pub fn normalized(self) -> Self {
		let mut categories = self.categories.into_inner();
		categories.sort();
		categories.dedup();
		// Sorting and removing repeats never lengthens the list.
		Self { wildcard: self.wildcard, categories: BoundedVec::truncate_from(categories) }
	}
}

/// What an accessor does with a patient's data.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Action {
	Read,
	Write,
}

/// The actions a consent allows. Writing does not imply reading.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Actions {
	pub read: bool,
	pub write: bool,
}

impl Actions {
	pub fn allows(&self, action: Action) -> bool {
		match action {
			Action::Read => self.read,
			Action::Write => self.write,
		}
	}

	pub fn is_empty(&self) -> bool {
		!self.read && !self.write
	}
}

/// Why data is used, after HL7's purpose-of-use codes.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Purpose {
	Treatment,
	Payment,
	Operations,
	Research,
	PublicHealth,
}

impl Purpose {
	/// Every purpose, in declaration order.
	pub const ALL: [Purpose; 5] = [
		Purpose::Treatment,
		Purpose::Payment,
		Purpose::Operations,
		Purpose::Research,
		Purpose::PublicHealth,
	];
}

/// On what ground access is allowed.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum AccessVia {
	/// The accessor is the patient.
	#[cfg_attr(feature = "serde", serde(with = "unit_variant"))]
	Patient,
	/// This consent grant, to the accessor or to the organization it acts for.
	Consent(ConsentId),
	/// This break-glass emergency access, logged and reviewable.
	Emergency(EmergencyAccessId),
}

/// Why access is denied. A pallet that guards data fails with its one error that carries
/// this reason (`AccessDenied(reason)`), so each reason is named in one place.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[derive(polkadot_sdk::frame_support::PalletError)]
// Wallets and the portal explain `AccessDenied(reason)` with these docs, as FRAME keeps the
// docs of every pallet error.
#[scale_info(capture_docs = "always")]
pub enum DenialReason {
	/// The patient never granted the accessor, or its organization, anything.
	NoConsent,
	/// The grant was revoked by the patient.
	Revoked,
	/// The grant has expired.
	Expired,
	/// The grant's period has not started yet.
	NotYetValid,
	/// The grant is to an organization that is suspended.
	OrganizationSuspended,
	/// The grant is to an organization that was deregistered: it never applies again.
	OrganizationDeregistered,
	/// The grant is to the accessor's organization, but the accessor's role does not act for
	/// the purpose.
	RoleNotPermitted,
	/// The grant is for another purpose.
	PurposeMismatch,
	/// The grant does not cover the category.
	CategoryNotCovered,
	/// The grant does not allow the action.
	ActionNotCovered,
}

/// The answer of the access decision.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum AccessDecision {
	Allowed(AccessVia),
	Denied(DenialReason),
}

impl AccessDecision {
	pub fn is_allowed(&self) -> bool {
		matches!(self, AccessDecision::Allowed(_))
	}
}

/// The break-glass emergency access of `accessor` to `patient`'s data that is in force at
/// `now`, if any. The `Records` pallet keeps emergency accesses and the rule of when one is in
/// force (its clinician must still be a Clinician of the organization it was granted for, and
/// that organization active); the access decision asks through this trait, so that the rule
/// stays in one place.
pub trait EmergencyAccessLookup<AccountId> {
	fn in_force(
		patient: &AccountId,
		accessor: &AccountId,
		now: Moment,
	) -> Option<EmergencyAccessId>;

	/// Stores what makes `in_force` cost the most for `accessor` at `now` and still answer
	/// `None`, for the access decision's benchmark.
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_case(_patient: &AccountId, _accessor: &AccountId, _now: Moment) {}
}

/// No emergency access, ever: for chains and tests without the `Records` pallet.
impl<AccountId> EmergencyAccessLookup<AccountId> for () {
	fn in_force(_: &AccountId, _: &AccountId, _: Moment) -> Option<EmergencyAccessId> {
		None
	}
}

// ---- Off-chain payloads: where they are, and their keys. ----

/// Where an encrypted payload is kept: a kind of store and, where the store needs one, a
/// 32-byte digest. Never text: a record or a trial's data cannot carry a file name, a
/// patient's name or a URL, and a locator says nothing the content hash does not.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum Locator {
	/// In the custodian's content-addressed store (a `healthchain-vault`, an object-store
	/// bucket), under the content hash the record or submission carries. Which store is agreed
	/// off chain, between the patient's providers or the trial's parties.
	#[cfg_attr(feature = "serde", serde(with = "unit_variant"))]
	ContentHash,
	/// On IPFS, as the CIDv1 (codec `raw`, multihash sha2-256) of this digest of the encrypted
	/// payload.
	Ipfs(#[cfg_attr(feature = "serde", serde(with = "views::hex"))] Hash32),
}

/// A payload's data key wrapped to one recipient's published x25519 key: an ephemeral x25519
/// key, HKDF-SHA256 of the shared secret (salt: the ephemeral then the recipient's public key,
/// info `healthchain/record-key/v1`), then AES-256-GCM of the 32-byte data key. The layout is
/// fixed (92 bytes, in this order), so an envelope holds a wrapped key and nothing else.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct WrappedKey {
	pub ephemeral_public: EncryptionKey,
	pub nonce: [u8; 12],
	pub ciphertext: [u8; 32],
	pub tag: [u8; 16],
}

impl WrappedKey {
	/// The encoded length: what clients exchange.
	pub const LENGTH: usize = 92;

	/// Whether the envelope can be a real one: the ephemeral key is not the all-zero point,
	/// whose shared secret is zero whatever the recipient's key.
	pub fn is_well_formed(&self) -> bool {
		self.ephemeral_public != [0; 32]
	}
}

// ---- Records. ----

/// Where a version of a record stands.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RecordStatus {
	/// The latest version.
	Current,
	/// A later version replaced it; it stays readable as history.
	Superseded,
	/// It was entered by mistake (wrong patient, wrong data); it stays readable as history.
	EnteredInError,
	/// The patient erased it: only a tombstone is left.
	Erased,
}

impl RecordStatus {
	/// The only place a record version's lifecycle is written: the current version is
	/// superseded by an amendment or marked entered-in-error; any version may be erased, and
	/// erasure is final.
	pub fn can_become(self, to: RecordStatus) -> bool {
		use RecordStatus::*;
		matches!(
			(self, to),
			(Current, Superseded | EnteredInError)
				| (Current | Superseded | EnteredInError, Erased)
		)
	}
}

/// Why a record was marked entered-in-error. A code, so that nothing personal goes on chain.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RetractionReason {
	/// The record belongs to another patient.
	WrongPatient,
	/// The content is wrong.
	WrongData,
	/// The same content was recorded twice.
	Duplicate,
	Other,
}

/// Why a clinician broke the glass. A code; the justification itself stays off chain, and the
/// chain keeps only its hash.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EmergencyReason {
	PatientUnconscious,
	LifeThreatening,
	/// The patient is conscious but cannot give consent.
	UnableToConsent,
	Other,
}

/// The access decision, as pallets that guard patient data ask it. It is implemented once,
/// by the `Consent` pallet, at the chain's current time.
pub trait AccessControl<AccountId> {
	/// The weight of one `decide` in its worst case, which a pallet that asks adds to the
	/// weight of its own call (per decision it asks for), so that no pallet's weights depend
	/// silently on another's bounds.
	fn decide_weight() -> polkadot_sdk::frame_support::weights::Weight;

	/// The decision, and the weight it actually took: a call charged
	/// [`decide_weight`](Self::decide_weight) up front refunds the difference. A decision
	/// reads the patient's grants one by one, and most stop at the first.
	fn decide_metered(
		patient: &AccountId,
		accessor: &AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> (AccessDecision, polkadot_sdk::frame_support::weights::Weight);

	fn decide(
		patient: &AccountId,
		accessor: &AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> AccessDecision {
		Self::decide_metered(patient, accessor, category, action, purpose).0
	}
}

// ---- Clinical trials. ----

/// The identifier of a registered trial, assigned by the chain in increasing order.
pub type TrialId = u64;

/// A trial's phase, after the WHO Trial Registration Data Set and FHIR `ResearchStudy`.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TrialPhase {
	EarlyPhase1,
	Phase1,
	Phase1Phase2,
	Phase2,
	Phase2Phase3,
	Phase3,
	Phase4,
	NotApplicable,
}

/// Where a trial stands in its lifecycle.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TrialStatus {
	/// Registered, not yet recruiting: nobody may enroll.
	Registered,
	Recruiting,
	/// Enrolled participants are followed; nobody new may enroll.
	ActiveNotRecruiting,
	/// Paused; it returns to the status it was suspended from.
	Suspended,
	/// Final: results are due.
	Completed,
	/// Final: stopped early, with a reason.
	Terminated,
}

impl TrialStatus {
	/// Every status, in declaration order.
	pub const ALL: [TrialStatus; 6] = [
		TrialStatus::Registered,
		TrialStatus::Recruiting,
		TrialStatus::ActiveNotRecruiting,
		TrialStatus::Suspended,
		TrialStatus::Completed,
		TrialStatus::Terminated,
	];

	/// Whether nothing may follow this status.
	pub fn is_final(self) -> bool {
		matches!(self, TrialStatus::Completed | TrialStatus::Terminated)
	}

	/// Whether moving to this status winds a trial down (pausing or stopping it) rather than
	/// running it: a sponsor that lost its standing may still do it, and it protects the
	/// participants, so it is a safety call.
	pub fn winds_down(self) -> bool {
		matches!(self, TrialStatus::Suspended | TrialStatus::Terminated)
	}

	/// Whether a trial may move from `self` to `to`. `suspended_from` is the status a
	/// suspended trial was suspended from, the only one it may resume to.
	///
	/// Registered → Recruiting → ActiveNotRecruiting → Completed; any non-final status may be
	/// suspended, and resumes to where it was; any non-final status may be terminated. This
	/// is the only place the lifecycle is written.
	pub fn can_become(self, to: TrialStatus, suspended_from: Option<TrialStatus>) -> bool {
		use TrialStatus::*;
		if self.is_final() {
			return false;
		}
		match (self, to) {
			(Registered, Recruiting) | (Recruiting, ActiveNotRecruiting) => true,
			(ActiveNotRecruiting, Completed) | (_, Terminated) => true,
			(Suspended, Suspended) => false,
			(_, Suspended) => true,
			(Suspended, resumed) => suspended_from == Some(resumed) && !resumed.is_final(),
			_ => false,
		}
	}
}

/// How severe an adverse event is, after the CTCAE grades 1 to 5.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Severity {
	Mild,
	Moderate,
	Severe,
	LifeThreatening,
	Death,
}

/// What an investigator submits.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum SubmissionKind {
	/// An interim analysis.
	#[cfg_attr(feature = "serde", serde(with = "unit_variant"))]
	Interim,
	/// The final analysis.
	#[cfg_attr(feature = "serde", serde(with = "unit_variant"))]
	Final,
	/// A dataset (de-identified, encrypted off chain).
	#[cfg_attr(feature = "serde", serde(with = "unit_variant"))]
	Dataset,
	/// An adverse event report.
	AdverseEvent { severity: Severity },
}

impl SubmissionKind {
	/// Whether this kind may be submitted while the trial is in `status`: during the trial,
	/// and once it is completed only the final analysis and datasets.
	pub fn allowed_in(self, status: TrialStatus) -> bool {
		match status {
			TrialStatus::Recruiting | TrialStatus::ActiveNotRecruiting => true,
			TrialStatus::Completed => {
				matches!(self, SubmissionKind::Final | SubmissionKind::Dataset)
			},
			_ => false,
		}
	}
}

// ---- Drug lots. ----

/// A GTIN-14: 14 ASCII digits whose last is the GS1 mod-10 check digit of the first 13.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Gtin([u8; 14]);

impl Gtin {
	/// The GTIN in `bytes`, if they are 14 ASCII digits with a valid check digit.
	pub fn parse(bytes: &[u8]) -> Option<Self> {
		let digits: [u8; 14] = bytes.try_into().ok()?;
		if !digits.iter().all(u8::is_ascii_digit) {
			return None;
		}
		let (body, check) = digits.split_at(13);
		let check = check.first().map(|c| c.saturating_sub(b'0'));
		(check == Some(Self::check_digit(body))).then_some(Self(digits))
	}

	/// The GS1 mod-10 check digit of the 13 digits before it: from the right, digits are
	/// weighted 3, 1, 3, 1, …; the check digit brings the sum to a multiple of ten.
	pub fn check_digit(body: &[u8]) -> u8 {
		let sum: u32 = body
			.iter()
			.rev()
			.enumerate()
			.map(|(i, d)| {
				let weight = if i % 2 == 0 { 3 } else { 1 };
				u32::from(d.saturating_sub(b'0')).saturating_mul(weight)
			})
			.fold(0u32, u32::saturating_add);
		(10u32.saturating_sub(sum % 10) % 10) as u8
	}

	pub fn as_bytes(&self) -> &[u8; 14] {
		&self.0
	}
}

/// Whether `lot` is a valid GS1 batch/lot number (AI 10): 1 to 20 characters of the GS1
/// AI encodable character set 82.
pub fn is_valid_lot_number(lot: &[u8]) -> bool {
	(1..=20).contains(&lot.len())
		&& lot.iter().all(|c| {
			c.is_ascii_alphanumeric()
				|| matches!(
					c,
					b'!' | b'"'
						| b'%' | b'&' | b'\''
						| b'(' | b')' | b'*'
						| b'+' | b',' | b'-'
						| b'.' | b'/' | b':'
						| b';' | b'<' | b'='
						| b'>' | b'?' | b'_'
				)
		})
}

/// A lot named by its GTIN and lot number, as text bytes: how clients name lots.
pub type LotRef = (alloc::vec::Vec<u8>, alloc::vec::Vec<u8>);

/// Where a lot stands.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LotStatus {
	/// In normal trade: it may be shipped, received and dispensed.
	Active,
	/// Recalled by its manufacturer or a regulator: it may only be returned to its
	/// manufacturer, or destroyed.
	Recalled,
	/// Reported as suspect, awaiting a regulator.
	Suspect,
	/// Found illegitimate by a regulator.
	Illegitimate,
}

/// What happened to a lot, after the EPCIS business steps.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CustodyEvent {
	/// The manufacturer commissioned the lot.
	Commissioned,
	/// Stock left a holder for a recipient.
	Shipped,
	/// The recipient took a shipment into its stock.
	Received,
	/// The recipient refused a shipment; the stock went back to the sender.
	Rejected,
	/// Stock was dispensed to patients.
	Dispensed,
	/// Stock was destroyed.
	Destroyed,
	/// The lot was recalled.
	Recalled,
	/// The lot was reported suspect.
	ReportedSuspect,
	/// A regulator cleared a suspect report.
	Cleared,
	/// A regulator found the lot illegitimate.
	FoundIllegitimate,
	/// The sender took back a shipment before it was received.
	Cancelled,
}

/// Why a recipient refused a shipment.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RejectReason {
	/// The goods arrived damaged.
	Damaged,
	/// Not the product that was ordered.
	WrongProduct,
	/// Not the quantity that was ordered.
	WrongQuantity,
	/// Nothing was ordered.
	NotOrdered,
	/// The recipient suspects the goods (it may also report the lot suspect).
	Suspect,
	/// Any other reason.
	Other,
}

/// Why stock was destroyed.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DestroyReason {
	/// Past its expiry date.
	Expired,
	/// Damaged in storage or transit.
	Damaged,
	/// Destroyed under a recall.
	Recalled,
	/// Found illegitimate by a regulator.
	Illegitimate,
	/// Any other reason.
	Other,
}

/// The reason a custody event was given, kept in the lot's history beside the event: only a
/// rejection and a destruction have one.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum CustodyReason {
	/// Why the recipient refused the shipment.
	Rejected(RejectReason),
	/// Why the stock was destroyed.
	Destroyed(DestroyReason),
}

impl CustodyReason {
	/// The event this reason explains.
	pub fn event(&self) -> CustodyEvent {
		match self {
			CustodyReason::Rejected(_) => CustodyEvent::Rejected,
			CustodyReason::Destroyed(_) => CustodyEvent::Destroyed,
		}
	}
}

/// A calendar date, stored as its parts so it cannot be misread (no time zone, no day/month
/// order). A lot expires at the end of its expiry date, UTC.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CalendarDate {
	pub year: u16,
	pub month: u8,
	pub day: u8,
}

impl CalendarDate {
	/// Whether the date exists in the proleptic Gregorian calendar (years 2000 to 2999).
	pub fn is_valid(&self) -> bool {
		(2000..=2999).contains(&self.year)
			&& (1..=12).contains(&self.month)
			&& self.day >= 1
			&& self.day <= days_in_month(self.year, self.month)
	}

	/// Milliseconds since the Unix epoch at the start of the day after this date, UTC: the
	/// first instant a lot with this expiry date is expired.
	pub fn end_of_day_ms(&self) -> Moment {
		let days =
			days_from_civil(i64::from(self.year), u32::from(self.month), u32::from(self.day));
		u64::try_from(days.saturating_add(1)).unwrap_or(0).saturating_mul(86_400_000)
	}
}

fn is_leap(year: u16) -> bool {
	(year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
	match month {
		1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
		4 | 6 | 9 | 11 => 30,
		2 if is_leap(year) => 29,
		2 => 28,
		_ => 0,
	}
}

/// Days from 1970-01-01 to the given date (Howard Hinnant's algorithm).
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
	let y = if month <= 2 { year - 1 } else { year };
	let era = y.div_euclid(400);
	let yoe = y - era * 400;
	let m = i64::from(month);
	let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	era * 146_097 + doe - 719_468
}

/// The Merkle tree of a lot's serial numbers. A leaf is `blake2_256(0x00 ‖ serial)`; a node
/// is `blake2_256(0x01 ‖ min(a, b) ‖ max(a, b))` of its two children, sorted so that a proof
/// is just the list of siblings from the leaf up; an odd node at the end of a level moves up
/// unchanged.
pub mod serials {
	use super::Hash32;
	use polkadot_sdk::sp_runtime::traits::{BlakeTwo256, Hash};

	pub fn leaf(serial: &[u8]) -> Hash32 {
		let mut bytes = alloc::vec::Vec::with_capacity(serial.len().saturating_add(1));
		bytes.push(0);
		bytes.extend_from_slice(serial);
		BlakeTwo256::hash(&bytes).0
	}

	pub fn node(a: &Hash32, b: &Hash32) -> Hash32 {
		let (low, high) = if a <= b { (a, b) } else { (b, a) };
		let mut bytes = alloc::vec::Vec::with_capacity(65);
		bytes.push(1);
		bytes.extend_from_slice(low);
		bytes.extend_from_slice(high);
		BlakeTwo256::hash(&bytes).0
	}

	/// The longest proof any lot needs: a tree of 2^32 serials. A longer one is refused
	/// unread, so that a scanner's query costs what the lot needs and no more.
	pub const MAX_PROOF_LENGTH: usize = 32;

	/// Whether `serial` with `proof` hashes up to `root`. False for a proof longer than
	/// [`MAX_PROOF_LENGTH`].
	pub fn verify(root: &Hash32, serial: &[u8], proof: &[Hash32]) -> bool {
		proof.len() <= MAX_PROOF_LENGTH
			&& proof.iter().fold(leaf(serial), |acc, sibling| node(&acc, sibling)) == *root
	}
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod page_tests {
	use super::*;

	type Numbers = Page<u32, u32>;

	#[test]
	fn a_page_clamps_its_limit_and_points_at_the_last_candidate_it_looked_at() {
		let evens = |n: &u32, (): ()| n.is_multiple_of(2).then_some(*n);
		let source = |from: u32, to: u32| (from..to).map(|n| (n, ()));
		// Candidates that are skipped still count, so that a page's cost is its limit.
		assert_eq!(Numbers::of(source(0, 10), 3, evens), Page { items: vec![0, 2], next: Some(2) });
		assert_eq!(Numbers::of(source(3, 10), 3, evens), Page { items: vec![4], next: Some(5) });
		assert_eq!(Numbers::of(source(6, 10), 9, evens), Page { items: vec![6, 8], next: None });
		// 0 reads one; more than the largest page reads the largest page.
		assert_eq!(
			Numbers::of_keys(0..10, 0, |n| Some(*n)),
			Page { items: vec![0], next: Some(0) }
		);
		let most = Numbers::of_keys(0..1_000, u32::MAX, |n| Some(*n));
		assert_eq!(
			(most.items.len(), most.next),
			(MAX_PAGE_SIZE as usize, Some(MAX_PAGE_SIZE - 1))
		);
		// The last page has no next, even when it is exactly full.
		assert_eq!(Numbers::of_keys(0..2, 2, |n| Some(*n)), Page { items: vec![0, 1], next: None });
		assert_eq!(Numbers::empty(), Page { items: vec![], next: None });
	}

	#[test]
	fn a_proof_longer_than_any_lot_needs_is_refused_unread() {
		let serial = b"SN1";
		let proof = vec![[0u8; 32]; serials::MAX_PROOF_LENGTH + 1];
		let root = proof.iter().fold(serials::leaf(serial), |acc, s| serials::node(&acc, s));
		assert!(!serials::verify(&root, serial, &proof));
		let fits = &proof[1..];
		let root = fits.iter().fold(serials::leaf(serial), |acc, s| serials::node(&acc, s));
		assert!(serials::verify(&root, serial, fits));
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]
mod drug_lot_tests {
	use super::*;

	#[test]
	fn published_gtins_pass_and_corrupted_ones_fail() {
		// GTIN-14 forms of published GTINs (GS1's examples and retail products).
		for good in [
			"00012345600012",
			"10614141000415",
			"00614141123452",
			"05000112547962",
			"04006381333931",
		] {
			assert!(Gtin::parse(good.as_bytes()).is_some(), "{good}");
		}
		for bad in [
			"00012345600013",
			"10614141000416",
			"0001234560001",
			"000123456000120",
			"0001234560001A",
			"",
			// Two adjacent digits swapped.
			"01012345600012",
		] {
			assert!(Gtin::parse(bad.as_bytes()).is_none(), "{bad}");
		}
	}

	#[test]
	fn lot_numbers_follow_gs1_ai_10() {
		assert!(is_valid_lot_number(b"A1"));
		assert!(is_valid_lot_number(b"LOT-2026/11.A_b"));
		assert!(is_valid_lot_number(&[b'9'; 20]));
		assert!(!is_valid_lot_number(b""));
		assert!(!is_valid_lot_number(&[b'9'; 21]));
		assert!(!is_valid_lot_number(b"LOT 1"));
		assert!(!is_valid_lot_number("LOT\u{e9}".as_bytes()));
	}

	#[test]
	fn dates_are_checked_and_expire_at_the_end_of_the_day_utc() {
		let date = |year, month, day| CalendarDate { year, month, day };
		assert!(date(2028, 2, 29).is_valid());
		assert!(!date(2027, 2, 29).is_valid());
		assert!(!date(2100, 2, 29).is_valid());
		assert!(date(2000, 2, 29).is_valid());
		assert!(!date(2026, 13, 1).is_valid());
		assert!(!date(2026, 4, 31).is_valid());
		assert!(!date(1999, 12, 31).is_valid());
		// 2026-11-21 ends at 2026-11-22T00:00:00Z.
		assert_eq!(date(2026, 11, 21).end_of_day_ms(), 1_795_305_600_000);
		assert_eq!(date(2000, 1, 1).end_of_day_ms(), 946_771_200_000);
	}

	#[test]
	fn serial_proofs_verify_only_for_their_tree() {
		let serials: alloc::vec::Vec<&[u8]> = alloc::vec![b"S1", b"S2", b"S3"];
		let leaves: alloc::vec::Vec<Hash32> = serials.iter().map(|s| serials::leaf(s)).collect();
		let n01 = serials::node(&leaves[0], &leaves[1]);
		let root = serials::node(&n01, &leaves[2]);
		assert!(serials::verify(&root, b"S1", &[leaves[1], leaves[2]]));
		assert!(serials::verify(&root, b"S2", &[leaves[0], leaves[2]]));
		assert!(serials::verify(&root, b"S3", &[n01]));
		assert!(!serials::verify(&root, b"S1", &[leaves[2], leaves[1]]));
		assert!(!serials::verify(&root, b"S4", &[n01]));
		assert!(!serials::verify(&root, b"S1", &[]));
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod json_tests {
	use super::*;
	use serde_json::{from_value, json, to_value, Value};

	/// `value` serializes to `expected`, and `expected` deserializes back to `value`.
	fn round_trip<T>(value: T, expected: Value)
	where
		T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
	{
		assert_eq!(to_value(&value).unwrap(), expected, "{value:?}");
		assert_eq!(from_value::<T>(expected).unwrap(), value);
	}

	#[test]
	fn enums_are_written_as_polkadot_js_writes_them() {
		// Unit enums: the variant's name.
		round_trip(DataCategory::LabResult, json!("LabResult"));
		round_trip(Purpose::PublicHealth, json!("PublicHealth"));
		round_trip(Severity::LifeThreatening, json!("LifeThreatening"));
		// Enums with data: an object keyed by the camelCase name; a variant without data has
		// the value null.
		round_trip(
			AccessDecision::Allowed(AccessVia::Consent(7)),
			json!({ "allowed": { "consent": 7 } }),
		);
		round_trip(
			AccessDecision::Allowed(AccessVia::Emergency(3)),
			json!({ "allowed": { "emergency": 3 } }),
		);
		round_trip(
			AccessDecision::Allowed(AccessVia::Patient),
			json!({ "allowed": { "patient": null } }),
		);
		round_trip(AccessDecision::Denied(DenialReason::Revoked), json!({ "denied": "Revoked" }));
		round_trip(SubmissionKind::Interim, json!({ "interim": null }));
		round_trip(SubmissionKind::Dataset, json!({ "dataset": null }));
		round_trip(
			SubmissionKind::AdverseEvent { severity: Severity::Severe },
			json!({ "adverseEvent": { "severity": "Severe" } }),
		);
	}

	#[test]
	fn what_a_payload_store_reads_is_written_in_camel_case() {
		use views::{PayloadChange, PayloadRelease, ReleaseGround, ReleaseRefusal, ReleaseVerdict};
		let hash = [0xab; 32];
		let hex = format!("0x{}", "ab".repeat(32));
		round_trip(
			PayloadChange::Referenced { record_id: 3, content_hash: hash },
			json!({ "referenced": { "recordId": 3, "contentHash": hex } }),
		);
		round_trip(PayloadChange::Erased { record_id: 4 }, json!({ "erased": { "recordId": 4 } }));
		round_trip(
			PayloadRelease {
				patient: Some(1u64),
				verdict: ReleaseVerdict::Release(ReleaseGround::LoggedAccess {
					seq: 2,
					at: 5,
					purpose: Purpose::Treatment,
					via: AccessVia::Emergency(0),
				}),
			},
			json!({ "patient": 1, "verdict": { "release": { "loggedAccess": {
				"seq": 2, "at": 5, "purpose": "Treatment", "via": { "emergency": 0 }
			} } } }),
		);
		round_trip(
			ReleaseVerdict::Release(ReleaseGround::Patient),
			json!({ "release": { "patient": null } }),
		);
		round_trip(
			ReleaseVerdict::Refuse(ReleaseRefusal::AccessRevoked(DenialReason::Expired)),
			json!({ "refuse": { "accessRevoked": "Expired" } }),
		);
		round_trip(ReleaseRefusal::NoAccessLogged, json!({ "noAccessLogged": null }));
	}

	#[test]
	fn a_custody_entry_keeps_the_reason_beside_the_event() {
		use views::CustodyEntry;
		let entry = |event, reason| CustodyEntry {
			seq: 3,
			at: 5,
			event,
			reason,
			from: Some(1u64),
			to: Some(2u64),
			quantity: 7,
		};
		round_trip(
			entry(
				CustodyEvent::Rejected,
				Some(CustodyReason::Rejected(RejectReason::WrongQuantity)),
			),
			json!({ "seq": 3, "at": 5, "event": "Rejected", "reason": { "rejected": "WrongQuantity" },
				"from": 1, "to": 2, "quantity": 7 }),
		);
		round_trip(
			entry(CustodyEvent::Destroyed, Some(CustodyReason::Destroyed(DestroyReason::Expired))),
			json!({ "seq": 3, "at": 5, "event": "Destroyed", "reason": { "destroyed": "Expired" },
				"from": 1, "to": 2, "quantity": 7 }),
		);
		// Every other event is written as before, with a null reason.
		round_trip(
			entry(CustodyEvent::Shipped, None),
			json!({ "seq": 3, "at": 5, "event": "Shipped", "reason": null,
				"from": 1, "to": 2, "quantity": 7 }),
		);
	}

	#[test]
	fn a_bare_name_is_not_a_variant_with_data() {
		assert!(from_value::<AccessVia>(json!("patient")).is_err());
		assert!(from_value::<SubmissionKind>(json!("interim")).is_err());
	}
}

#[cfg(test)]
mod lifecycle_tests {
	use super::*;

	#[test]
	fn deregistration_is_final_and_suspension_reversible() {
		use OrganizationStatus::*;
		let all = [Active, Suspended, Deregistered];
		let allowed = [
			(Active, Suspended),
			(Suspended, Active),
			(Active, Deregistered),
			(Suspended, Deregistered),
		];
		for from in all {
			for to in all {
				assert_eq!(
					from.can_become(to),
					allowed.contains(&(from, to)),
					"{from:?} -> {to:?}"
				);
			}
		}
	}

	#[test]
	fn only_the_current_version_changes_and_erasure_is_final() {
		use RecordStatus::*;
		let all = [Current, Superseded, EnteredInError, Erased];
		for from in all {
			for to in all {
				let expected = matches!(
					(from, to),
					(Current, Superseded | EnteredInError)
						| (Current | Superseded | EnteredInError, Erased)
				);
				assert_eq!(from.can_become(to), expected, "{from:?} -> {to:?}");
			}
		}
		assert!(!Erased.can_become(Current));
	}
}
