//! # Trials pallet
//!
//! Clinical-trial registrations, after the WHO Trial Registration Data Set and FHIR
//! `ResearchStudy`. A ledger makes three things enforceable and visible: a trial is
//! registered before anyone enrolls, its protocol cannot be switched quietly, and its results
//! cannot go missing.
//!
//! ## Terminology
//!
//! - **Sponsor**: the account of an active `ResearchSponsor` organization, which registers
//!   and runs the trial.
//! - **Investigator**: an active member, in the Investigator role, of an active research
//!   site, hospital or clinic, or of the sponsor, named by the sponsor. Only investigators
//!   submit data.
//! - **Participant**: an account that enrolls itself (or through its guardian's proxy).
//! - **Protocol history**: every protocol version with its time and the hash of the reason
//!   for the amendment.
//!
//! ## Assumptions
//!
//! - Nothing personal is stored: a public title, registry identifiers, codes, hashes,
//!   locators of encrypted data and timestamps.
//! - The lifecycle is [`TrialStatus::can_become`], written once.
//! - A participant who withdrew cannot enroll again in the same trial: the first enrollment
//!   and its withdrawal stay on record, and the enrolled count stays a count of people.
//! - Results are due `ResultsDeadline` after completion. Overdue trials are found from an
//!   index ordered by due time, with no per-block scan.
//!
//! ## Dispatchable functions
//!
//! For sponsors: [`Pallet::register_trial`], [`Pallet::amend_protocol`],
//! [`Pallet::set_status`], [`Pallet::add_investigator`], [`Pallet::remove_investigator`],
//! [`Pallet::publish_results`], [`Pallet::amend_results`].
//!
//! For investigators: [`Pallet::submit_data`].
//!
//! For participants: [`Pallet::enroll`], [`Pallet::withdraw`].
//!
//! For whoever holds a deposit: [`Pallet::poke_deposit`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
// Tests may do plain arithmetic: a failure should be loud.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod mock;
mod queries;
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;

use polkadot_sdk::sp_runtime;
use polkadot_sdk::{frame_support, frame_system};

use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
};
use frame_system::pallet_prelude::*;

use healthchain_primitives::deposit::reprice;
pub use healthchain_primitives::{
	views::{RegistryIdDetails, ResultsVersionDetails, SubmissionDetails, TrialDetails},
	Capability, Hash32, Locator, MemberRole, Moment, OrganizationKind, OrganizationRegistry, Page,
	Refusal, Severity, SubmissionKind, TrialId, TrialPhase, TrialStatus,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

// The code FRAME generates for the pallet struct, its storage and its errors calls `expect`
// (on values it has just built); the lint is meant for our code, which returns errors instead.
// `register_trial` takes the WHO data set's fields one by one, as a registry's form does.
#[allow(clippy::expect_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The registry of accredited actors: sponsors, sites and their investigators.
		type Organizations: OrganizationRegistry<Self::AccountId>;

		/// Calendar time, in milliseconds since the Unix epoch.
		type Time: Time<Moment = Moment>;

		/// The storage deposits of registrations, enrollments, submissions and results.
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// How long after completion results are due, in milliseconds.
		#[pallet::constant]
		type ResultsDeadline: Get<Moment>;

		#[pallet::constant]
		type MaxRegistryIds: Get<u32>;
		#[pallet::constant]
		type MaxRegistryNameLength: Get<u32>;
		#[pallet::constant]
		type MaxRegistryIdLength: Get<u32>;
		#[pallet::constant]
		type MaxTitleLength: Get<u32>;
		/// The most protocol versions a trial may have.
		#[pallet::constant]
		type MaxProtocolVersions: Get<u32>;
		#[pallet::constant]
		type MaxInvestigators: Get<u32>;
		/// The most data submissions a trial may have.
		#[pallet::constant]
		type MaxSubmissions: Get<u32>;
		/// The most results versions (the publication and its amendments).
		#[pallet::constant]
		type MaxResultsVersions: Get<u32>;

		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a registration, an enrollment, a submission or results.
		StorageDeposit,
	}

	/// The identifier the next registered trial gets.
	#[pallet::storage]
	pub type NextTrialId<T: Config> = StorageValue<_, TrialId, ValueQuery>;

	/// `Twox64Concat`: identifiers are assigned by the chain.
	/// Every registered trial, with the deposit of its registration and protocol history.
	#[pallet::storage]
	pub type Trials<T: Config> = StorageMap<_, Twox64Concat, TrialId, TrialOf<T>>;

	/// The trials of each sponsor, for lookups by sponsor.
	#[pallet::storage]
	pub type TrialsBySponsor<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, TrialId, ()>;

	/// Every protocol version of each trial, by version.
	#[pallet::storage]
	pub type ProtocolHistory<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, ProtocolVersion>;

	/// The investigators the sponsor named for each trial.
	#[pallet::storage]
	pub type Investigators<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Blake2_128Concat, T::AccountId, ()>;

	/// Each trial's participants, with when they enrolled and withdrew, and their deposits.
	#[pallet::storage]
	pub type Enrollments<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TrialId,
		Blake2_128Concat,
		T::AccountId,
		ParticipationOf<T>,
	>;

	/// Each trial's data submissions, in order, with their deposits.
	#[pallet::storage]
	pub type Submissions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, SubmissionOf<T>>;

	/// Each trial's results (the publication, then each amendment), with their deposit.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, TrialId, ResultsOf<T>>;

	/// Every trial whose results are not yet published, by the time they are due (big-endian,
	/// so that the map iterates in due order; `Identity` is safe: the chain sets the key).
	#[pallet::storage]
	pub type ResultsDue<T: Config> =
		StorageDoubleMap<_, Identity, [u8; 8], Twox64Concat, TrialId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A sponsor registered a trial; its sponsor holds the registration deposit.
		TrialRegistered { trial_id: TrialId, sponsor: T::AccountId, phase: TrialPhase },
		/// The sponsor amended the protocol: `version` is the new version's number, and
		/// `reason_hash` the hash of the reason.
		ProtocolAmended {
			trial_id: TrialId,
			version: u32,
			protocol_hash: Hash32,
			reason_hash: Hash32,
		},
		/// The trial's status changed, through the one lifecycle of `TrialStatus`.
		TrialStatusChanged { trial_id: TrialId, from: TrialStatus, to: TrialStatus },
		/// The sponsor named an investigator, who may now submit the trial's data.
		InvestigatorAdded { trial_id: TrialId, investigator: T::AccountId },
		/// The sponsor removed an investigator.
		InvestigatorRemoved { trial_id: TrialId, investigator: T::AccountId },
		/// A participant enrolled, paying the enrollment deposit.
		ParticipantEnrolled { trial_id: TrialId, participant: T::AccountId },
		/// A participant withdrew; the enrollment stays on record.
		ParticipantWithdrew { trial_id: TrialId, participant: T::AccountId },
		/// An investigator confirmed a participant's enrollment at the site.
		EnrollmentConfirmed { trial_id: TrialId, participant: T::AccountId, by: T::AccountId },
		/// An investigator declined an enrollment: the account is not in the trial and may
		/// not enroll again; the enrollment stays on record.
		EnrollmentDeclined { trial_id: TrialId, participant: T::AccountId, by: T::AccountId },
		/// The sponsor changed the trial's target enrollment.
		TargetEnrollmentChanged { trial_id: TrialId, from: u32, to: u32 },
		/// An investigator submitted the hash of a data set (`seq` is its position in the
		/// trial's submissions).
		TrialDataSubmitted {
			trial_id: TrialId,
			seq: u32,
			investigator: T::AccountId,
			kind: SubmissionKind,
			data_hash: Hash32,
		},
		/// The sponsor published the trial's results (their hash; the locator is in storage).
		ResultsPublished { trial_id: TrialId, results_hash: Hash32 },
		/// The sponsor amended published results: `version` is the new version's number.
		ResultsAmended { trial_id: TrialId, version: u32, results_hash: Hash32 },
		/// `who` had the deposit of `item` re-priced at the runtime's current price.
		DepositPoked { who: T::AccountId, item: DepositItemOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an active research sponsor registers trials.
		NotSponsor,
		/// Only the trial's sponsor may do this.
		NotTrialSponsor,
		/// The sponsor's organization is suspended: it may only wind the trial down (suspend
		/// or terminate it, remove investigators, publish and amend results).
		SponsorSuspended,
		/// The sponsor's organization was deregistered: it may only wind the trial down.
		SponsorDeregistered,
		/// The investigator's organization is suspended or deregistered.
		InvestigatorNotActive,
		/// There is no trial with this identifier, or no such item to poke.
		NotFound,
		/// The title is empty.
		EmptyTitle,
		/// The title is longer than `MaxTitleLength` bytes.
		TitleTooLong,
		/// A registry name or identifier is empty or too long.
		InvalidRegistryId,
		/// More registry identifiers than `MaxRegistryIds`.
		TooManyRegistryIds,
		/// The target enrollment is zero.
		InvalidTargetEnrollment,
		/// The planned primary completion is not after now.
		PlannedCompletionInPast,
		/// Trial identifiers are exhausted.
		TrialIdOverflow,
		/// The trial is completed or terminated.
		TrialFinal,
		/// The protocol has been amended `MaxProtocolVersions` times already.
		TooManyProtocolVersions,
		/// The lifecycle does not allow this change of status.
		InvalidStatusTransition,
		/// Terminating needs the hash of a reason.
		ReasonRequired,
		/// The account is not an active Investigator of an eligible organization.
		NotEligibleInvestigator,
		/// The account is an investigator of the trial already.
		AlreadyInvestigator,
		/// The account is not an investigator of the trial.
		NotInvestigator,
		/// The trial has `MaxInvestigators` investigators already.
		TooManyInvestigators,
		/// Enrollment is open only while the trial is Recruiting.
		NotRecruiting,
		/// The trial has reached its target enrollment.
		EnrollmentFull,
		/// The participant is enrolled already, or withdrew and may not enroll again.
		AlreadyEnrolled,
		/// The account is not enrolled in the trial.
		NotEnrolled,
		/// The participant withdrew already.
		AlreadyWithdrawn,
		/// The sponsor cannot enroll in its own trial.
		SponsorCannotEnroll,
		/// This kind of data cannot be submitted in the trial's status.
		SubmissionNotAllowed,
		/// The trial has `MaxSubmissions` submissions already.
		TooManySubmissions,
		/// Results are published once the trial is completed or terminated.
		TrialNotFinished,
		/// Results are published already: amend them instead.
		ResultsAlreadyPublished,
		/// The enrollment was already confirmed: only the participant may end it, by
		/// withdrawing.
		AlreadyConfirmed,
		/// The target enrollment is below the number of participants enrolled.
		TargetBelowEnrolled,
		/// There are no published results to amend.
		ResultsNotPublished,
		/// The results have been amended `MaxResultsVersions` times already.
		TooManyResultsVersions,
		/// Only the account a deposit is held from may poke it.
		NotDepositor,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a trial, with its protocol as version 1. The chain sets the registration
		/// time. Holds the registration's deposit from the sponsor.
		///
		/// Origin: an active research sponsor. Emits `TrialRegistered`. O(`MaxRegistryIds`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_trial())]
		pub fn register_trial(
			origin: OriginFor<T>,
			registry_ids: Vec<(Vec<u8>, Vec<u8>)>,
			title: Vec<u8>,
			phase: TrialPhase,
			protocol_hash: Hash32,
			primary_outcomes_hash: Hash32,
			target_enrollment: u32,
			planned_primary_completion: Moment,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			T::Organizations::authorize(&sponsor, Capability::SponsorTrials)
				.map_err(|refusal| Self::sponsor_error(refusal, Error::<T>::NotSponsor))?;
			ensure!(!title.is_empty(), Error::<T>::EmptyTitle);
			let title: TitleOf<T> = title.try_into().map_err(|_| Error::<T>::TitleTooLong)?;
			let registry_ids = Self::bounded_registry_ids(registry_ids)?;
			ensure!(target_enrollment > 0, Error::<T>::InvalidTargetEnrollment);
			let now = T::Time::now();
			ensure!(planned_primary_completion > now, Error::<T>::PlannedCompletionInPast);

			let trial_id = NextTrialId::<T>::get();
			let next = trial_id.checked_add(1).ok_or(Error::<T>::TrialIdOverflow)?;
			let deposit = T::Consideration::new(&sponsor, Self::trial_footprint())?;
			NextTrialId::<T>::put(next);
			TrialsBySponsor::<T>::insert(&sponsor, trial_id, ());
			// The results duty starts at registration: due a deadline after the planned
			// primary completion until an actual one moves it.
			ResultsDue::<T>::insert(
				Self::results_due(planned_primary_completion).to_be_bytes(),
				trial_id,
				(),
			);
			ProtocolHistory::<T>::insert(
				trial_id,
				1,
				ProtocolVersion { version: 1, protocol_hash, at: now, reason_hash: None },
			);
			Trials::<T>::insert(
				trial_id,
				Trial {
					sponsor: sponsor.clone(),
					registry_ids,
					title,
					phase,
					protocol_hash,
					protocol_version: 1,
					primary_outcomes_hash,
					target_enrollment,
					planned_primary_completion,
					registered_at: now,
					status: TrialStatus::Registered,
					suspended_from: None,
					status_changed_at: now,
					completed_at: None,
					terminated_at: None,
					termination_reason: None,
					enrolled: 0,
					confirmed: 0,
					withdrawn: 0,
					declined: 0,
					investigators: 0,
					submissions: 0,
					results_published_at: None,
					deposit,
				},
			);
			Self::deposit_event(Event::TrialRegistered { trial_id, sponsor, phase });
			Ok(())
		}

		/// Appends a protocol version. Earlier versions stay in the history, so a switch of
		/// protocol or outcomes is visible.
		///
		/// Origin: the sponsor, while an active research sponsor, before the trial is final.
		/// Emits `ProtocolAmended`. O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::amend_protocol())]
		pub fn amend_protocol(
			origin: OriginFor<T>,
			trial_id: TrialId,
			protocol_hash: Hash32,
			reason_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut trial = Self::run_by(trial_id, &who)?;
			ensure!(!trial.status.is_final(), Error::<T>::TrialFinal);
			let version = trial
				.protocol_version
				.checked_add(1)
				.filter(|v| *v <= T::MaxProtocolVersions::get())
				.ok_or(Error::<T>::TooManyProtocolVersions)?;
			let at = T::Time::now();
			ProtocolHistory::<T>::insert(
				trial_id,
				version,
				ProtocolVersion { version, protocol_hash, at, reason_hash: Some(reason_hash) },
			);
			trial.protocol_hash = protocol_hash;
			trial.protocol_version = version;
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::ProtocolAmended {
				trial_id,
				version,
				protocol_hash,
				reason_hash,
			});
			Ok(())
		}

		/// Moves the trial to `status`, as the lifecycle allows. Terminating needs the hash of
		/// a reason. Completing records the completion time, from which results are due.
		///
		/// Origin: the sponsor, while an active research sponsor; suspending and terminating
		/// (winding down) in any standing. Emits `TrialStatusChanged`. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_status())]
		pub fn set_status(
			origin: OriginFor<T>,
			trial_id: TrialId,
			status: TrialStatus,
			reason_hash: Option<Hash32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			// Suspending and terminating wind a trial down: a sponsor that is no longer active
			// may still do it. Anything else runs the trial.
			let mut trial = if status.winds_down() {
				Self::sponsored(trial_id, &who)?
			} else {
				Self::run_by(trial_id, &who)?
			};
			let from = trial.status;
			ensure!(
				from.can_become(status, trial.suspended_from),
				Error::<T>::InvalidStatusTransition
			);
			let now = T::Time::now();
			let due_before = Self::results_due(trial.primary_completion());
			match status {
				TrialStatus::Suspended => trial.suspended_from = Some(from),
				TrialStatus::Terminated => {
					let reason = reason_hash.ok_or(Error::<T>::ReasonRequired)?;
					trial.termination_reason = Some(reason);
					trial.terminated_at = Some(now);
					trial.suspended_from = None;
				},
				TrialStatus::Completed => trial.completed_at = Some(now),
				_ => trial.suspended_from = None,
			}
			// Completing or terminating is the actual primary completion: the duty moves to a
			// deadline after it (results cannot be published before either).
			let due = Self::results_due(trial.primary_completion());
			if due != due_before {
				ResultsDue::<T>::remove(due_before.to_be_bytes(), trial_id);
				ResultsDue::<T>::insert(due.to_be_bytes(), trial_id, ());
			}
			trial.status = status;
			trial.status_changed_at = now;
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::TrialStatusChanged { trial_id, from, to: status });
			Ok(())
		}

		/// Names `investigator` an investigator of the trial.
		///
		/// Origin: the sponsor, while an active research sponsor, before the trial is final.
		/// `investigator` must be an active
		/// Investigator of an active research site, hospital or clinic, or of the sponsor.
		/// Emits `InvestigatorAdded`. O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::add_investigator())]
		pub fn add_investigator(
			origin: OriginFor<T>,
			trial_id: TrialId,
			investigator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut trial = Self::run_by(trial_id, &who)?;
			ensure!(!trial.status.is_final(), Error::<T>::TrialFinal);
			Self::ensure_eligible_investigator(&trial.sponsor, &investigator)?;
			ensure!(
				!Investigators::<T>::contains_key(trial_id, &investigator),
				Error::<T>::AlreadyInvestigator
			);
			ensure!(
				trial.investigators < T::MaxInvestigators::get(),
				Error::<T>::TooManyInvestigators
			);
			trial.investigators = trial.investigators.saturating_add(1);
			Investigators::<T>::insert(trial_id, &investigator, ());
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::InvestigatorAdded { trial_id, investigator });
			Ok(())
		}

		/// Removes `investigator` from the trial. Its past submissions stay.
		///
		/// Origin: the sponsor, in any standing. Emits `InvestigatorRemoved`. O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_investigator())]
		pub fn remove_investigator(
			origin: OriginFor<T>,
			trial_id: TrialId,
			investigator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut trial = Self::sponsored(trial_id, &who)?;
			ensure!(
				Investigators::<T>::take(trial_id, &investigator).is_some(),
				Error::<T>::NotInvestigator
			);
			trial.investigators = trial.investigators.saturating_sub(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::InvestigatorRemoved { trial_id, investigator });
			Ok(())
		}

		/// Enrolls the caller, recording the hash of the informed-consent form version it
		/// signed. Holds the enrollment's deposit from the participant.
		///
		/// Origin: the participant, or its guardian's proxy; while the trial is Recruiting and
		/// below its target, and its sponsor is an active research sponsor. Emits
		/// `ParticipantEnrolled`. O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::enroll())]
		pub fn enroll(
			origin: OriginFor<T>,
			trial_id: TrialId,
			consent_form_hash: Hash32,
		) -> DispatchResult {
			let participant = ensure_signed(origin)?;
			let mut trial = Trials::<T>::get(trial_id).ok_or(Error::<T>::NotFound)?;
			ensure!(participant != trial.sponsor, Error::<T>::SponsorCannotEnroll);
			ensure!(trial.status == TrialStatus::Recruiting, Error::<T>::NotRecruiting);
			// Nobody is recruited into a trial whose sponsor was suspended or deregistered.
			Self::ensure_sponsor_active(&trial.sponsor)?;
			ensure!(
				!Enrollments::<T>::contains_key(trial_id, &participant),
				Error::<T>::AlreadyEnrolled
			);
			ensure!(trial.enrolled < trial.target_enrollment, Error::<T>::EnrollmentFull);
			let deposit = T::Consideration::new(&participant, Self::enrollment_footprint())?;
			Enrollments::<T>::insert(
				trial_id,
				&participant,
				Participation {
					enrollment: Enrollment {
						enrolled_at: T::Time::now(),
						consent_form_hash,
						withdrawn_at: None,
						confirmed_at: None,
						declined_at: None,
					},
					deposit,
				},
			);
			trial.enrolled = trial.enrolled.saturating_add(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::ParticipantEnrolled { trial_id, participant });
			Ok(())
		}

		/// Withdraws the caller from the trial, at any time. The enrollment stays on record
		/// with its withdrawal time, and so does its deposit.
		///
		/// Origin: the participant, or its guardian's proxy. Emits `ParticipantWithdrew`.
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, trial_id: TrialId) -> DispatchResult {
			let participant = ensure_signed(origin)?;
			let mut trial = Trials::<T>::get(trial_id).ok_or(Error::<T>::NotFound)?;
			Enrollments::<T>::try_mutate(trial_id, &participant, |entry| -> DispatchResult {
				let enrollment = &mut entry.as_mut().ok_or(Error::<T>::NotEnrolled)?.enrollment;
				ensure!(enrollment.is_active(), Error::<T>::AlreadyWithdrawn);
				enrollment.withdrawn_at = Some(T::Time::now());
				if enrollment.confirmed_at.is_some() {
					trial.confirmed = trial.confirmed.saturating_sub(1);
				}
				Ok(())
			})?;
			trial.enrolled = trial.enrolled.saturating_sub(1);
			trial.withdrawn = trial.withdrawn.saturating_add(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::ParticipantWithdrew { trial_id, participant });
			Ok(())
		}

		/// Submits data: its kind, the hash of the encrypted data and where it lives. Holds
		/// the submission's deposit from the investigator.
		///
		/// Origin: an investigator of the trial who is still eligible. Allowed while
		/// Recruiting or ActiveNotRecruiting, and once Completed for Final and Dataset only.
		/// Adverse events are accepted whatever the sponsor's standing; other data only while
		/// the sponsor is active. Emits `TrialDataSubmitted`. O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::submit_data())]
		pub fn submit_data(
			origin: OriginFor<T>,
			trial_id: TrialId,
			kind: SubmissionKind,
			data_hash: Hash32,
			locator: Locator,
		) -> DispatchResult {
			let investigator = ensure_signed(origin)?;
			let mut trial = Self::investigated_by(trial_id, &investigator)?;
			// Adverse events are a safety duty, reported whatever the sponsor's standing; other
			// data only while the sponsor is active.
			if !matches!(kind, SubmissionKind::AdverseEvent { .. }) {
				Self::ensure_sponsor_active(&trial.sponsor)?;
			}
			ensure!(kind.allowed_in(trial.status), Error::<T>::SubmissionNotAllowed);
			let seq = trial.submissions;
			ensure!(seq < T::MaxSubmissions::get(), Error::<T>::TooManySubmissions);
			let deposit = T::Consideration::new(&investigator, Self::submission_footprint())?;
			Submissions::<T>::insert(
				trial_id,
				seq,
				Submission {
					investigator: investigator.clone(),
					kind,
					data_hash,
					locator,
					at: T::Time::now(),
					deposit,
				},
			);
			trial.submissions = seq.saturating_add(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::TrialDataSubmitted {
				trial_id,
				seq,
				investigator,
				kind,
				data_hash,
			});
			Ok(())
		}

		/// Publishes the trial's results, once. Later corrections use `amend_results`.
		/// Holds the results' deposit from the sponsor.
		///
		/// Origin: the sponsor, in any standing (reporting results is a duty that outlives an
		/// accreditation), once the trial is Completed or Terminated. Emits
		/// `ResultsPublished`. O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::publish_results())]
		pub fn publish_results(
			origin: OriginFor<T>,
			trial_id: TrialId,
			results_hash: Hash32,
			locator: Locator,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut trial = Self::sponsored(trial_id, &who)?;
			ensure!(trial.status.is_final(), Error::<T>::TrialNotFinished);
			ensure!(!Results::<T>::contains_key(trial_id), Error::<T>::ResultsAlreadyPublished);
			let at = T::Time::now();
			let deposit = T::Consideration::new(&who, Self::results_footprint(1))?;
			Results::<T>::insert(
				trial_id,
				PublishedResults {
					versions: BoundedVec::truncate_from(alloc::vec![ResultsVersion {
						results_hash,
						locator,
						at
					}]),
					deposit,
				},
			);
			ResultsDue::<T>::remove(
				Self::results_due(trial.primary_completion()).to_be_bytes(),
				trial_id,
			);
			trial.results_published_at = Some(at);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::ResultsPublished { trial_id, results_hash });
			Ok(())
		}

		/// Appends a corrected version of the results; earlier versions stay readable.
		///
		/// Origin: the sponsor, in any standing, after `publish_results`. Emits
		/// `ResultsAmended`. O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::amend_results())]
		pub fn amend_results(
			origin: OriginFor<T>,
			trial_id: TrialId,
			results_hash: Hash32,
			locator: Locator,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::sponsored(trial_id, &who)?;
			let mut results = Results::<T>::get(trial_id).ok_or(Error::<T>::ResultsNotPublished)?;
			results
				.versions
				.try_push(ResultsVersion { results_hash, locator, at: T::Time::now() })
				.map_err(|_| Error::<T>::TooManyResultsVersions)?;
			let count = results.versions.len() as u32;
			results.deposit = results.deposit.update(&who, Self::results_footprint(count))?;
			Results::<T>::insert(trial_id, results);
			Self::deposit_event(Event::ResultsAmended { trial_id, version: count, results_hash });
			Ok(())
		}

		/// Confirms a participant's enrollment: the site has seen the participant and the
		/// signed consent form. Unconfirmed enrollments are how a site tells a real participant
		/// from an account that enrolled on its own.
		///
		/// Origin: an investigator of the trial who is still eligible, while the trial is
		/// Recruiting or ActiveNotRecruiting. Emits `EnrollmentConfirmed`. O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::confirm_enrollment())]
		pub fn confirm_enrollment(
			origin: OriginFor<T>,
			trial_id: TrialId,
			participant: T::AccountId,
		) -> DispatchResult {
			let investigator = ensure_signed(origin)?;
			let mut trial = Self::investigated_by(trial_id, &investigator)?;
			ensure!(
				matches!(trial.status, TrialStatus::Recruiting | TrialStatus::ActiveNotRecruiting),
				Error::<T>::NotRecruiting
			);
			Self::pending_enrollment(trial_id, &participant, |enrollment, now| {
				enrollment.confirmed_at = Some(now)
			})?;
			trial.confirmed = trial.confirmed.saturating_add(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::EnrollmentConfirmed {
				trial_id,
				participant,
				by: investigator,
			});
			Ok(())
		}

		/// Declines an enrollment not yet confirmed: the account is not a participant the site
		/// knows. Its place is freed, and it may not enroll in the trial again; the enrollment
		/// stays on record with its deposit, as a withdrawn one does.
		///
		/// Origin: an investigator of the trial who is still eligible, in any status of the
		/// trial. Emits `EnrollmentDeclined`. O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::decline_enrollment())]
		pub fn decline_enrollment(
			origin: OriginFor<T>,
			trial_id: TrialId,
			participant: T::AccountId,
		) -> DispatchResult {
			let investigator = ensure_signed(origin)?;
			let mut trial = Self::investigated_by(trial_id, &investigator)?;
			Self::pending_enrollment(trial_id, &participant, |enrollment, now| {
				enrollment.declined_at = Some(now)
			})?;
			trial.enrolled = trial.enrolled.saturating_sub(1);
			trial.declined = trial.declined.saturating_add(1);
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::EnrollmentDeclined {
				trial_id,
				participant,
				by: investigator,
			});
			Ok(())
		}

		/// Changes the trial's target enrollment, as protocols are amended to recruit more or
		/// fewer participants. It may not fall below the participants enrolled.
		///
		/// Origin: the sponsor, while an active research sponsor, before the trial is final.
		/// Emits `TargetEnrollmentChanged`. O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_target_enrollment())]
		pub fn set_target_enrollment(
			origin: OriginFor<T>,
			trial_id: TrialId,
			target: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut trial = Self::run_by(trial_id, &who)?;
			ensure!(!trial.status.is_final(), Error::<T>::TrialFinal);
			ensure!(target > 0, Error::<T>::InvalidTargetEnrollment);
			ensure!(target >= trial.enrolled, Error::<T>::TargetBelowEnrolled);
			let from = trial.target_enrollment;
			trial.target_enrollment = target;
			Trials::<T>::insert(trial_id, trial);
			Self::deposit_event(Event::TargetEnrollmentChanged { trial_id, from, to: target });
			Ok(())
		}

		/// Re-prices the deposit of `item` at the runtime's current price: holds the
		/// difference when the price rose, releases it when the price fell. Free when the
		/// deposit changed; a poke that changes nothing pays its fee.
		///
		/// Origin: the account the deposit is held from: the sponsor, in any standing, for a
		/// trial or its results (a poke only re-prices); the participant for an enrollment; the
		/// investigator who submitted it for a submission. Emits `DepositPoked` when the deposit
		/// changed. O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::poke_deposit())]
		pub fn poke_deposit(
			origin: OriginFor<T>,
			item: DepositItemOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			// Each arm writes its item back only when the deposit changed, and says whether it did.
			let repriced = match &item {
				DepositItem::Trial(trial_id) => {
					let mut trial = Self::sponsored(*trial_id, &who)?;
					let repriced = reprice(&who, &mut trial.deposit, Self::trial_footprint())?;
					if repriced.changed {
						Trials::<T>::insert(trial_id, trial);
					}
					repriced
				},
				DepositItem::Enrollment(trial_id, participant) => {
					let mut entry =
						Enrollments::<T>::get(trial_id, participant).ok_or(Error::<T>::NotFound)?;
					ensure!(*participant == who, Error::<T>::NotDepositor);
					let repriced = reprice(&who, &mut entry.deposit, Self::enrollment_footprint())?;
					if repriced.changed {
						Enrollments::<T>::insert(trial_id, participant, entry);
					}
					repriced
				},
				DepositItem::Submission(trial_id, seq) => {
					let mut submission =
						Submissions::<T>::get(trial_id, seq).ok_or(Error::<T>::NotFound)?;
					ensure!(submission.investigator == who, Error::<T>::NotDepositor);
					let repriced =
						reprice(&who, &mut submission.deposit, Self::submission_footprint())?;
					if repriced.changed {
						Submissions::<T>::insert(trial_id, seq, submission);
					}
					repriced
				},
				DepositItem::Results(trial_id) => {
					// The trial names the sponsor the results' deposit is held from.
					Self::sponsored(*trial_id, &who)?;
					let mut results = Results::<T>::get(trial_id).ok_or(Error::<T>::NotFound)?;
					let footprint = Self::results_footprint(results.versions.len() as u32);
					let repriced = reprice(&who, &mut results.deposit, footprint)?;
					if repriced.changed {
						Results::<T>::insert(trial_id, results);
					}
					repriced
				},
			};
			if repriced.changed {
				Self::deposit_event(Event::DepositPoked { who, item });
			}
			Ok(repriced.post_info())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// What a registration occupies: the trial (its deposit inside), its index entry, and room
	/// for every protocol version it may have.
	pub fn trial_footprint() -> Footprint {
		Footprint::from_parts(
			2usize.saturating_add(T::MaxProtocolVersions::get() as usize),
			TrialOf::<T>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len())
				.saturating_add(
					ProtocolVersion::max_encoded_len()
						.saturating_mul(T::MaxProtocolVersions::get() as usize),
				),
		)
	}

	/// What an enrollment occupies: its record (its deposit inside), keyed by the participant.
	pub fn enrollment_footprint() -> Footprint {
		Footprint::from_parts(
			1,
			ParticipationOf::<T>::max_encoded_len().saturating_add(T::AccountId::max_encoded_len()),
		)
	}

	/// What a submission occupies: its record, its deposit inside.
	pub fn submission_footprint() -> Footprint {
		Footprint::from_parts(1, SubmissionOf::<T>::max_encoded_len())
	}

	/// What results of `versions` versions occupy: one record, holding the versions and the
	/// deposit.
	pub fn results_footprint(versions: u32) -> Footprint {
		let per_version = ResultsVersion::<Locator>::max_encoded_len();
		Footprint::from_parts(
			1,
			per_version
				.saturating_mul(versions as usize)
				.saturating_add(TicketOf::<T>::max_encoded_len()),
		)
	}

	/// When the results of a trial whose primary completion is `primary_completion` are due.
	pub fn results_due(primary_completion: Moment) -> Moment {
		primary_completion.saturating_add(T::ResultsDeadline::get())
	}

	/// The trial `trial_id`, if `who` is its sponsor, in any standing: for the calls that wind
	/// a trial down or report on it (suspending, terminating, removing investigators,
	/// publishing and amending results), which a sponsor must be able to make even after it
	/// lost its accreditation.
	fn sponsored(trial_id: TrialId, who: &T::AccountId) -> Result<TrialOf<T>, Error<T>> {
		let trial = Trials::<T>::get(trial_id).ok_or(Error::<T>::NotFound)?;
		ensure!(trial.sponsor == *who, Error::<T>::NotTrialSponsor);
		Ok(trial)
	}

	/// The trial `trial_id`, if `who` is its sponsor and may still run it: an active research
	/// sponsor.
	fn run_by(trial_id: TrialId, who: &T::AccountId) -> Result<TrialOf<T>, Error<T>> {
		let trial = Self::sponsored(trial_id, who)?;
		T::Organizations::authorize(who, Capability::SponsorTrials)
			.map_err(|refusal| Self::sponsor_error(refusal, Error::<T>::NotSponsor))?;
		Ok(trial)
	}

	/// The error of a refusal of the sponsor's capability.
	fn sponsor_error(refusal: Refusal, not_allowed: Error<T>) -> Error<T> {
		refusal.error(not_allowed, Error::<T>::SponsorSuspended, Error::<T>::SponsorDeregistered)
	}

	/// Fails unless `sponsor` is an active research sponsor.
	fn ensure_sponsor_active(sponsor: &T::AccountId) -> Result<(), Error<T>> {
		T::Organizations::authorize(sponsor, Capability::SponsorTrials)
			.map(|_| ())
			.map_err(|refusal| Self::sponsor_error(refusal, Error::<T>::NotSponsor))
	}

	/// Whether `who` may investigate for `sponsor`: an Investigator of an active research
	/// site, hospital or clinic, or of the sponsor itself (a sponsor's investigators work
	/// only on its own trials).
	/// The trial `trial_id`, if `who` is one of its investigators and still eligible.
	fn investigated_by(trial_id: TrialId, who: &T::AccountId) -> Result<TrialOf<T>, Error<T>> {
		let trial = Trials::<T>::get(trial_id).ok_or(Error::<T>::NotFound)?;
		ensure!(Investigators::<T>::contains_key(trial_id, who), Error::<T>::NotInvestigator);
		Self::ensure_eligible_investigator(&trial.sponsor, who)?;
		Ok(trial)
	}

	/// Applies `change` to `participant`'s enrollment, which must be active and not yet
	/// confirmed: the one step an investigator takes on it.
	fn pending_enrollment(
		trial_id: TrialId,
		participant: &T::AccountId,
		change: impl FnOnce(&mut Enrollment, Moment),
	) -> Result<(), Error<T>> {
		Enrollments::<T>::try_mutate(trial_id, participant, |entry| {
			let enrollment = &mut entry.as_mut().ok_or(Error::<T>::NotEnrolled)?.enrollment;
			ensure!(enrollment.is_active(), Error::<T>::AlreadyWithdrawn);
			ensure!(enrollment.confirmed_at.is_none(), Error::<T>::AlreadyConfirmed);
			change(enrollment, T::Time::now());
			Ok(())
		})
	}

	fn ensure_eligible_investigator(
		sponsor: &T::AccountId,
		who: &T::AccountId,
	) -> Result<(), Error<T>> {
		let actor =
			T::Organizations::authorize(who, Capability::Investigate).map_err(|refusal| {
				refusal.error(
					Error::<T>::NotEligibleInvestigator,
					Error::<T>::InvestigatorNotActive,
					Error::<T>::InvestigatorNotActive,
				)
			})?;
		ensure!(
			actor.kind != OrganizationKind::ResearchSponsor || actor.organization == *sponsor,
			Error::<T>::NotEligibleInvestigator
		);
		Ok(())
	}

	/// Whether `who` may investigate for `sponsor` now.
	pub fn is_eligible_investigator(sponsor: &T::AccountId, who: &T::AccountId) -> bool {
		Self::ensure_eligible_investigator(sponsor, who).is_ok()
	}

	fn bounded_registry_ids(ids: Vec<(Vec<u8>, Vec<u8>)>) -> Result<RegistryIdsOf<T>, Error<T>> {
		ensure!(ids.len() <= T::MaxRegistryIds::get() as usize, Error::<T>::TooManyRegistryIds);
		let ids = ids
			.into_iter()
			.map(|(registry, id)| {
				ensure!(!registry.is_empty() && !id.is_empty(), Error::<T>::InvalidRegistryId);
				Ok(RegistryId {
					registry: registry.try_into().map_err(|_| Error::<T>::InvalidRegistryId)?,
					id: id.try_into().map_err(|_| Error::<T>::InvalidRegistryId)?,
				})
			})
			.collect::<Result<Vec<_>, Error<T>>>()?;
		ids.try_into().map_err(|_| Error::<T>::TooManyRegistryIds)
	}

	/// The pallet's invariants:
	/// - a trial's enrolled count equals its enrollments not withdrawn, and its withdrawn
	///   count the withdrawn ones; its investigator, submission and protocol counts match;
	/// - its status agrees with its timestamps: completed exactly when it has a completion
	///   time, terminated exactly when it has a termination time and reason, suspended exactly
	///   when it remembers where from;
	/// - a completed trial without results is due, and only those are.
	///
	/// In every build, not only with `try-runtime`: the fuzzing harness (`tests/fuzz`) checks it
	/// after each call.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		// One pass over the due index, so that the checks are O(n), not O(n²).
		let mut due_entries = alloc::collections::BTreeMap::<TrialId, u32>::new();
		for (_, trial_id, ()) in ResultsDue::<T>::iter() {
			let count = due_entries.entry(trial_id).or_default();
			*count = count.saturating_add(1);
		}
		for (trial_id, trial) in Trials::<T>::iter() {
			let (mut active, mut confirmed, mut withdrawn, mut declined) = (0u32, 0u32, 0u32, 0u32);
			for Participation { enrollment, .. } in Enrollments::<T>::iter_prefix_values(trial_id) {
				ensure!(
					enrollment.withdrawn_at.is_none() || enrollment.declined_at.is_none(),
					"an enrollment is both withdrawn and declined"
				);
				ensure!(
					enrollment.declined_at.is_none() || enrollment.confirmed_at.is_none(),
					"a confirmed enrollment was declined"
				);
				let count = match (enrollment.withdrawn_at, enrollment.declined_at) {
					(Some(_), _) => &mut withdrawn,
					(_, Some(_)) => &mut declined,
					(None, None) if enrollment.confirmed_at.is_some() => {
						active = active.saturating_add(1);
						&mut confirmed
					},
					(None, None) => &mut active,
				};
				*count = count.saturating_add(1);
			}
			ensure!(active == trial.enrolled, "the enrolled count disagrees with the enrollments");
			ensure!(confirmed == trial.confirmed, "the confirmed count disagrees");
			ensure!(withdrawn == trial.withdrawn, "the withdrawn count disagrees");
			ensure!(declined == trial.declined, "the declined count disagrees");
			ensure!(active <= trial.target_enrollment, "a trial is enrolled past its target");
			ensure!(
				Investigators::<T>::iter_prefix(trial_id).count() as u32 == trial.investigators,
				"the investigator count disagrees"
			);
			ensure!(
				Submissions::<T>::iter_prefix(trial_id).count() as u32 == trial.submissions,
				"the submission count disagrees"
			);
			ensure!(
				ProtocolHistory::<T>::iter_prefix(trial_id).count() as u32
					== trial.protocol_version,
				"the protocol history disagrees with the version"
			);
			ensure!(
				(trial.status == TrialStatus::Completed) == trial.completed_at.is_some(),
				"completion time and status disagree"
			);
			ensure!(
				(trial.status == TrialStatus::Terminated)
					== (trial.terminated_at.is_some() && trial.termination_reason.is_some()),
				"termination and status disagree"
			);
			ensure!(
				(trial.status == TrialStatus::Suspended) == trial.suspended_from.is_some(),
				"suspension and status disagree"
			);
			ensure!(
				trial.results_published_at.is_some() == Results::<T>::contains_key(trial_id),
				"results and their publication time disagree"
			);
			let due = trial
				.results_published_at
				.is_none()
				.then(|| Self::results_due(trial.primary_completion()));
			ensure!(
				due_entries.remove(&trial_id).unwrap_or(0) == u32::from(due.is_some()),
				"a trial is due exactly while it has no results"
			);
			if let Some(due) = due {
				ensure!(
					ResultsDue::<T>::contains_key(due.to_be_bytes(), trial_id),
					"a trial is due at the wrong time"
				);
			}
		}
		ensure!(due_entries.is_empty(), "a due entry names no trial");
		Ok(())
	}
}
