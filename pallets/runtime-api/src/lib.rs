//! # Healthchain runtime APIs
//!
//! The read side of Healthchain's pallets. The runtime implements these APIs; the node wraps
//! them in JSON-RPC methods (`organizations_*`, `consent_*`, `records_*`, `trials_*`,
//! `drugLots_*`), and clients may also call them directly through `state_call`. Each read
//! has one name: the runtime API function is the pallet's function of that name, and its
//! JSON-RPC method is the name in camelCase without the pallet's noun (`consents_by_patient`
//! is `consent_byPatient`, `lot` is `drugLots_get`).
//!
//! Every list is paginated by `Page::of`: a call takes a cursor (the last item of the
//! previous page, or nothing for the first page) and a limit, clamped to `MAX_PAGE_SIZE`,
//! and returns the next cursor with the page.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;

pub use healthchain_primitives::views::{
	CustodyEntry, Enrollment, Holding, LotDetails, LotVerification, ProtocolVersion,
	ShipmentDetails, SubmissionDetails, TrialDetails,
};
pub use healthchain_primitives::{serials::MAX_PROOF_LENGTH, Hash32, LotRef};
pub use healthchain_primitives::{
	views::{
		AccessLogEntry, ConsentGrant, EmergencyAccessDetails, MembershipDetails,
		OrganizationDetails, PayloadChange, PayloadReference, PayloadRelease, RecordDetails,
		RecordView, ReleaseGround, ReleaseRefusal, ReleaseVerdict,
	},
	AccessDecision, AccessSeq, Action, ConsentId, DataCategory, EmergencyAccessId, Page, Purpose,
	RecordId, TrialId, MAX_PAGE_SIZE,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Reads of the registry of accredited actors.
	pub trait OrganizationsApi<AccountId> where AccountId: Codec {
		/// The organization registered under `account`.
		fn organization(account: AccountId) -> Option<OrganizationDetails<AccountId>>;
		/// The organization `member` belongs to, with its role.
		fn membership(member: AccountId) -> Option<MembershipDetails<AccountId>>;
	}

	/// Reads of patients' consent grants, and the access decision.
	pub trait ConsentApi<AccountId> where AccountId: Codec {
		/// Whether `accessor` may do `action` on `patient`'s data of `category` for `purpose`,
		/// at the time of the block, and on what ground or why not.
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			category: DataCategory,
			action: Action,
			purpose: Purpose,
		) -> AccessDecision;
		/// The live grants `patient` has given, oldest first, after the grant `cursor`.
		fn consents_by_patient(
			patient: AccountId,
			cursor: Option<ConsentId>,
			limit: u32,
		) -> Page<ConsentGrant<AccountId>, ConsentId>;
		/// The live grants given to `grantee`, after the grant `cursor`.
		fn consents_by_grantee(
			grantee: AccountId,
			cursor: Option<ConsentId>,
			limit: u32,
		) -> Page<ConsentGrant<AccountId>, ConsentId>;
	}

	/// Reads of patient records, their access logs and emergency accesses. Nothing here is
	/// health data: hashes, locators, wrapped keys, codes and timestamps.
	pub trait RecordsApi<AccountId> where AccountId: Codec {
		/// The version `record_id` with its wrapped keys, or its tombstone if erased.
		fn record(record_id: RecordId) -> Option<RecordView<AccountId>>;
		/// `patient`'s live records (the latest version of each) of `category` if given, in
		/// increasing order of identifier after `cursor`.
		fn records_by_patient(
			patient: AccountId,
			category: Option<DataCategory>,
			cursor: Option<RecordId>,
			limit: u32,
		) -> Page<RecordDetails<AccountId>, RecordId>;
		/// Every version of the record `record_id` belongs to, oldest first.
		fn versions(record_id: RecordId) -> Vec<RecordView<AccountId>>;
		/// `patient`'s access log, newest first, before the entry `cursor`.
		fn access_log(
			patient: AccountId,
			cursor: Option<AccessSeq>,
			limit: u32,
		) -> Page<AccessLogEntry<AccountId>, AccessSeq>;
		/// The emergency accesses to `patient`'s data the chain keeps, oldest first.
		fn emergency_accesses(
			patient: AccountId,
			cursor: Option<EmergencyAccessId>,
			limit: u32,
		) -> Page<EmergencyAccessDetails<AccountId>, EmergencyAccessId>;
		/// Whether a payload store may hand `record_id`'s payload, asked for under
		/// `content_hash`, to `requester` at the block's time: to the patient, or on a
		/// `log_access` of the requester's for the record at most `window` milliseconds old
		/// that the access decision still allows.
		fn payload_release(
			record_id: RecordId,
			requester: AccountId,
			content_hash: Hash32,
			window: u64,
		) -> PayloadRelease<AccountId>;
		/// What the block did to the payloads records reference: new versions with their
		/// content hashes, and erased versions.
		fn payload_changes() -> Vec<PayloadChange>;
		/// Every live version with the payload it references, in increasing order of
		/// identifier after `cursor`.
		fn live_payloads(cursor: Option<RecordId>, limit: u32) -> Page<PayloadReference, RecordId>;
	}

	/// Reads of clinical-trial registrations.
	pub trait TrialsApi<AccountId> where AccountId: Codec {
		/// The trial, with its investigators, results and whether they are overdue.
		fn trial(trial_id: TrialId) -> Option<TrialDetails<AccountId>>;
		/// Every protocol version of the trial, oldest first.
		fn protocol_history(trial_id: TrialId) -> Vec<ProtocolVersion>;
		/// The trials `sponsor` registered, after the trial `cursor`.
		fn trials_by_sponsor(
			sponsor: AccountId,
			cursor: Option<TrialId>,
			limit: u32,
		) -> Page<TrialDetails<AccountId>, TrialId>;
		/// The trial's data submissions, oldest first, after the submission `cursor`.
		fn submissions(
			trial_id: TrialId,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<SubmissionDetails<AccountId>, u32>;
		/// `participant`'s enrollment in the trial.
		fn enrollment(trial_id: TrialId, participant: AccountId) -> Option<Enrollment>;
		/// Completed trials whose results are overdue at the block's time, most overdue
		/// first, after the trial `cursor`.
		fn overdue_results(cursor: Option<TrialId>, limit: u32) -> Page<TrialDetails<AccountId>, TrialId>;
	}

	/// Reads of drug lots, for trading partners and dispensers' scanners.
	pub trait DrugLotsApi<AccountId> where AccountId: Codec {
		/// What a scanner learns about a lot, and whether `serial` with `proof` belongs to it;
		/// a proof longer than `MAX_PROOF_LENGTH` never does.
		fn verify(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			serial: Option<Vec<u8>>,
			proof: Vec<Hash32>,
		) -> LotVerification<AccountId>;
		/// The lot, if known.
		fn lot(gtin: Vec<u8>, lot_number: Vec<u8>) -> Option<LotDetails<AccountId>>;
		/// Who holds how much of the lot, after the holder `cursor`.
		fn holdings(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			cursor: Option<AccountId>,
			limit: u32,
		) -> Page<Holding<AccountId>, AccountId>;
		/// The lot's custody history, oldest first, after the entry `cursor`.
		fn history(
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<CustodyEntry<AccountId>, u32>;
		/// The lots `manufacturer` commissioned, after the lot `cursor`.
		fn lots_by_manufacturer(
			manufacturer: AccountId,
			cursor: Option<LotRef>,
			limit: u32,
		) -> Page<LotDetails<AccountId>, LotRef>;
		/// Shipments in transit to `account`, waiting for it to receive or reject them, after
		/// the shipment `cursor`.
		fn pending_shipments(
			account: AccountId,
			cursor: Option<u64>,
			limit: u32,
		) -> Page<ShipmentDetails<AccountId>, u64>;
	}
}
