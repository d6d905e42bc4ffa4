//! The pallet's storage records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{frame_support::BoundedVec, frame_system};
use scale_info::TypeInfo;

use crate::{Config, Hash32, Moment, SubmissionKind, TrialId, TrialPhase, TrialStatus};
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
pub struct Trial<AccountId, RegistryIds, Title, Ticket> {
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
	/// The registration's storage deposit, held from the sponsor.
	pub deposit: Ticket,
}

impl<AccountId, RegistryIds, Title, Ticket> Trial<AccountId, RegistryIds, Title, Ticket> {
	/// The primary completion the results duty runs from, as FDAAA 801 has it: the actual
	/// one (completion, or termination) once there is one, the planned one until then. A trial
	/// never marked completed is therefore due a deadline after its planned completion.
	pub fn primary_completion(&self) -> Moment {
		self.completed_at.or(self.terminated_at).unwrap_or(self.planned_primary_completion)
	}
}

/// A participant's place in a trial: the enrollment the runtime API shows, and its deposit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Participation<Ticket> {
	pub enrollment: Enrollment,
	/// The enrollment's storage deposit, held from the participant.
	pub deposit: Ticket,
}

/// Data an investigator submitted.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Submission<AccountId, Locator, Ticket> {
	pub investigator: AccountId,
	pub kind: SubmissionKind,
	pub data_hash: Hash32,
	pub locator: Locator,
	pub at: Moment,
	/// The submission's storage deposit, held from its investigator.
	pub deposit: Ticket,
}

/// One version of a trial's results: the first publication, then each amendment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ResultsVersion<Locator> {
	pub results_hash: Hash32,
	pub locator: Locator,
	pub at: Moment,
}

/// A trial's published results: the first publication, then each amendment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PublishedResults<Versions, Ticket> {
	pub versions: Versions,
	/// The results' storage deposit, held from the sponsor and resized with each version.
	pub deposit: Ticket,
}

/// A deposited item, named for `poke_deposit`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum DepositItem<AccountId> {
	/// A trial's registration, whose deposit the sponsor holds.
	Trial(TrialId),
	/// A participant's enrollment in a trial, whose deposit the participant holds.
	Enrollment(TrialId, AccountId),
	/// A trial's submission by its number, whose deposit the investigator who submitted it
	/// holds.
	Submission(TrialId, u32),
	/// A trial's results, whose deposit the sponsor holds.
	Results(TrialId),
}

pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub type RegistryIdOf<T> = RegistryId<
	BoundedVec<u8, <T as Config>::MaxRegistryNameLength>,
	BoundedVec<u8, <T as Config>::MaxRegistryIdLength>,
>;
pub type RegistryIdsOf<T> = BoundedVec<RegistryIdOf<T>, <T as Config>::MaxRegistryIds>;
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLength>;
pub type TicketOf<T> = <T as Config>::Consideration;
pub type TrialOf<T> = Trial<AccountIdOf<T>, RegistryIdsOf<T>, TitleOf<T>, TicketOf<T>>;
pub type ParticipationOf<T> = Participation<TicketOf<T>>;
pub type SubmissionOf<T> = Submission<AccountIdOf<T>, crate::Locator, TicketOf<T>>;
pub type ResultsVersionsOf<T> =
	BoundedVec<ResultsVersion<crate::Locator>, <T as Config>::MaxResultsVersions>;
pub type ResultsOf<T> = PublishedResults<ResultsVersionsOf<T>, TicketOf<T>>;
pub type DepositItemOf<T> = DepositItem<AccountIdOf<T>>;
