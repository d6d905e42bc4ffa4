//! The pallet's storage records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{frame_support::BoundedVec, frame_system};
use scale_info::TypeInfo;

use crate::{Config, Hash32, Moment, SubmissionKind, TrialPhase, TrialStatus};
pub use healthchain_primitives::views::{Enrollment, ProtocolVersion};

/// An identifier of the trial in an external registry: ("NCT", "NCT01234567").
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RegistryId<Name, Id> {
	/// The registry, such as `NCT` or `ISRCTN`.
	pub registry: Name,
	/// The trial's identifier there.
	pub id: Id,
}

/// A registered trial.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Trial<AccountId, RegistryIds, Title> {
	pub sponsor: AccountId,
	pub registry_ids: RegistryIds,
	/// The public title: public by design, never about a person.
	pub title: Title,
	pub phase: TrialPhase,
	/// The hash of the current protocol version.
	pub protocol_hash: Hash32,
	/// The current protocol version, 1 at registration.
	pub protocol_version: u32,
	pub primary_outcomes_hash: Hash32,
	pub target_enrollment: u32,
	/// The planned primary completion date, in milliseconds since the Unix epoch.
	pub planned_primary_completion: Moment,
	/// Set by the chain at registration; nothing changes it.
	pub registered_at: Moment,
	pub status: TrialStatus,
	/// While suspended: the status it resumes to.
	pub suspended_from: Option<TrialStatus>,
	pub status_changed_at: Moment,
	pub completed_at: Option<Moment>,
	pub terminated_at: Option<Moment>,
	/// Why it was terminated: the hash of a statement kept off chain.
	pub termination_reason: Option<Hash32>,
	/// Participants enrolled and neither withdrawn nor declined, confirmed or not.
	pub enrolled: u32,
	/// Of those, the ones an investigator confirmed.
	pub confirmed: u32,
	pub withdrawn: u32,
	/// Enrollments an investigator declined.
	pub declined: u32,
	pub investigators: u32,
	pub submissions: u32,
	/// When results were first published.
	pub results_published_at: Option<Moment>,
}

impl<AccountId, RegistryIds, Title> Trial<AccountId, RegistryIds, Title> {
	/// The primary completion the results duty runs from, as FDAAA 801 has it: the actual
	/// one (completion, or termination) once there is one, the planned one until then. A trial
	/// never marked completed is therefore due a deadline after its planned completion.
	pub fn primary_completion(&self) -> Moment {
		self.completed_at.or(self.terminated_at).unwrap_or(self.planned_primary_completion)
	}
}

/// Data an investigator submitted.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Submission<AccountId, Locator> {
	pub investigator: AccountId,
	pub kind: SubmissionKind,
	pub data_hash: Hash32,
	pub locator: Locator,
	pub at: Moment,
}

/// One version of a trial's results: the first publication, then each amendment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ResultsVersion<Locator> {
	pub results_hash: Hash32,
	pub locator: Locator,
	pub at: Moment,
}

pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub type RegistryIdOf<T> = RegistryId<
	BoundedVec<u8, <T as Config>::MaxRegistryNameLength>,
	BoundedVec<u8, <T as Config>::MaxRegistryIdLength>,
>;
pub type RegistryIdsOf<T> = BoundedVec<RegistryIdOf<T>, <T as Config>::MaxRegistryIds>;
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLength>;
pub type TrialOf<T> = Trial<AccountIdOf<T>, RegistryIdsOf<T>, TitleOf<T>>;
pub type SubmissionOf<T> = Submission<AccountIdOf<T>, crate::Locator>;
pub type ResultsOf<T> =
	BoundedVec<ResultsVersion<crate::Locator>, <T as Config>::MaxResultsVersions>;
pub type TicketOf<T> = <T as Config>::Consideration;
