//! The reads behind the runtime API.

use alloc::vec::Vec;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The trial as the runtime API shows it, at the chain's current time.
	pub fn trial_details(trial_id: TrialId) -> Option<TrialDetails<T::AccountId>> {
		let trial = Trials::<T>::get(trial_id)?;
		let now = T::Time::now();
		let results_due = Some(Self::results_due(trial.primary_completion()));
		let results: Vec<_> = Results::<T>::get(trial_id)
			.map(|r| r.versions.into_inner())
			.unwrap_or_default()
			.into_iter()
			.map(|v| ResultsVersionDetails {
				results_hash: v.results_hash,
				locator: v.locator,
				at: v.at,
			})
			.collect();
		let results_overdue = results.is_empty() && results_due.is_some_and(|due| due < now);
		Some(TrialDetails {
			id: trial_id,
			registry_ids: trial
				.registry_ids
				.into_iter()
				.map(|r| RegistryIdDetails {
					registry: r.registry.into_inner(),
					id: r.id.into_inner(),
				})
				.collect(),
			title: trial.title.into_inner(),
			phase: trial.phase,
			protocol_hash: trial.protocol_hash,
			protocol_version: trial.protocol_version,
			primary_outcomes_hash: trial.primary_outcomes_hash,
			target_enrollment: trial.target_enrollment,
			planned_primary_completion: trial.planned_primary_completion,
			registered_at: trial.registered_at,
			status: trial.status,
			suspended_from: trial.suspended_from,
			status_changed_at: trial.status_changed_at,
			completed_at: trial.completed_at,
			terminated_at: trial.terminated_at,
			termination_reason: trial.termination_reason,
			enrolled: trial.enrolled,
			confirmed: trial.confirmed,
			withdrawn: trial.withdrawn,
			declined: trial.declined,
			investigators: Investigators::<T>::iter_key_prefix(trial_id).collect(),
			submissions: trial.submissions,
			results,
			results_due,
			results_overdue,
			sponsor: trial.sponsor,
		})
	}

	/// `participant`'s enrollment in the trial, withdrawn or not.
	pub fn enrollment(trial_id: TrialId, participant: &T::AccountId) -> Option<Enrollment> {
		Enrollments::<T>::get(trial_id, participant).map(|p| p.enrollment)
	}

	/// Every protocol version of the trial, oldest first.
	pub fn protocol_history(trial_id: TrialId) -> Vec<ProtocolVersion> {
		let versions = Trials::<T>::get(trial_id).map_or(0, |t| t.protocol_version);
		(1..=versions).filter_map(|v| ProtocolHistory::<T>::get(trial_id, v)).collect()
	}

	/// The trials `sponsor` registered after the trial `cursor`, at most `limit`, in storage
	/// order (stable: trials are never removed).
	pub fn trials_by_sponsor(
		sponsor: &T::AccountId,
		cursor: Option<TrialId>,
		limit: u32,
	) -> Page<TrialDetails<T::AccountId>, TrialId> {
		let ids = match cursor {
			Some(c) => TrialsBySponsor::<T>::iter_key_prefix_from(
				sponsor,
				TrialsBySponsor::<T>::hashed_key_for(sponsor, c),
			),
			None => TrialsBySponsor::<T>::iter_key_prefix(sponsor),
		};
		Page::of_keys(ids, limit, |id| Self::trial_details(*id))
	}

	/// The trial's submissions after the one numbered `cursor`, oldest first.
	pub fn submissions(
		trial_id: TrialId,
		cursor: Option<u32>,
		limit: u32,
	) -> Page<SubmissionDetails<T::AccountId>, u32> {
		let count = Trials::<T>::get(trial_id).map_or(0, |t| t.submissions);
		let start = cursor.map_or(0, |c| c.saturating_add(1));
		Page::of_keys(start..count, limit, |seq| {
			Submissions::<T>::get(trial_id, seq).map(|s| SubmissionDetails {
				seq: *seq,
				investigator: s.investigator,
				kind: s.kind,
				data_hash: s.data_hash,
				locator: s.locator,
				at: s.at,
			})
		})
	}

	/// Trials whose results are overdue at `now` (due before it), in due order, after the
	/// trial `cursor`, at most `limit`: completed or terminated ones a deadline after, and
	/// any other a deadline after its planned primary completion.
	pub fn overdue_at(
		now: Moment,
		cursor: Option<TrialId>,
		limit: u32,
	) -> Page<(TrialId, Moment), TrialId> {
		let due_of = |trial_id: TrialId| {
			Trials::<T>::get(trial_id).map(|t| Self::results_due(t.primary_completion()))
		};
		let start = cursor.and_then(|c| due_of(c).map(|due| (c, due)));
		let entries: alloc::boxed::Box<dyn Iterator<Item = ([u8; 8], TrialId)>> = match start {
			Some((c, due)) => alloc::boxed::Box::new(ResultsDue::<T>::iter_keys_from(
				ResultsDue::<T>::hashed_key_for(due.to_be_bytes(), c),
			)),
			None => alloc::boxed::Box::new(ResultsDue::<T>::iter_keys()),
		};
		// Overdue means the deadline has passed: due strictly before now.
		let overdue = entries
			.map(|(due, trial_id)| (trial_id, Moment::from_be_bytes(due)))
			.take_while(|(_, due)| *due < now);
		Page::of(overdue, limit, |trial_id, due| Some((*trial_id, due)))
	}

	/// Trials whose results are overdue now, in due order, after the trial `cursor`, at most
	/// `limit`.
	pub fn overdue_results(
		cursor: Option<TrialId>,
		limit: u32,
	) -> Page<TrialDetails<T::AccountId>, TrialId> {
		let page = Self::overdue_at(T::Time::now(), cursor, limit);
		Page {
			items: page.items.into_iter().filter_map(|(id, _)| Self::trial_details(id)).collect(),
			next: page.next,
		}
	}
}
