//! Benchmarks of every call, in their worst cases.

use super::*;

use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use polkadot_sdk::frame_benchmarking;

const SEED: u32 = 0;
const HASH: Hash32 = [3; 32];

/// The larger locator.
const LOCATOR: Locator = Locator::Ipfs([1; 32]);

/// The longest registration the configuration allows.
fn registry_ids<T: Config>() -> Vec<(Vec<u8>, Vec<u8>)> {
	let name = vec![b'R'; T::MaxRegistryNameLength::get() as usize];
	let id = vec![b'9'; T::MaxRegistryIdLength::get() as usize];
	vec![(name, id); T::MaxRegistryIds::get() as usize]
}

/// `sponsor` (made a sponsor) registers a trial; returns its identifier.
fn registered<T: Config>(sponsor: &T::AccountId) -> Result<TrialId, BenchmarkError> {
	T::Organizations::register_for_benchmark(sponsor, OrganizationKind::ResearchSponsor)?;
	T::Consideration::ensure_successful(sponsor, Pallet::<T>::trial_footprint());
	let id = NextTrialId::<T>::get();
	Pallet::<T>::register_trial(
		RawOrigin::Signed(sponsor.clone()).into(),
		registry_ids::<T>(),
		vec![b't'; T::MaxTitleLength::get() as usize],
		TrialPhase::Phase3,
		HASH,
		HASH,
		u32::MAX,
		T::Time::now().saturating_add(1),
	)?;
	Ok(id)
}

fn status<T: Config>(
	sponsor: &T::AccountId,
	id: TrialId,
	to: &[TrialStatus],
) -> Result<(), BenchmarkError> {
	for status in to {
		Pallet::<T>::set_status(
			RawOrigin::Signed(sponsor.clone()).into(),
			id,
			*status,
			Some(HASH),
		)?;
	}
	Ok(())
}

/// Makes `investigator` an Investigator of an active research site.
fn investigator_of_a_site<T: Config>(investigator: &T::AccountId) -> Result<(), BenchmarkError> {
	T::Organizations::member_for_benchmark(
		&account("research site", 0, SEED),
		OrganizationKind::ResearchSite,
		investigator,
		MemberRole::Investigator,
	)?;
	Ok(())
}

/// A recruiting trial with an investigator of a research site; returns both.
fn with_investigator<T: Config>(
	sponsor: &T::AccountId,
) -> Result<(TrialId, T::AccountId), BenchmarkError> {
	let id = registered::<T>(sponsor)?;
	status::<T>(sponsor, id, &[TrialStatus::Recruiting])?;
	let investigator: T::AccountId = account("investigator", 0, SEED);
	investigator_of_a_site::<T>(&investigator)?;
	Pallet::<T>::add_investigator(
		RawOrigin::Signed(sponsor.clone()).into(),
		id,
		investigator.clone(),
	)?;
	Ok((id, investigator))
}

/// A participant enrolled in the recruiting trial `id`, not yet confirmed.
fn enrolled<T: Config>(id: TrialId) -> Result<T::AccountId, BenchmarkError> {
	let participant: T::AccountId = account("participant", 0, SEED);
	T::Consideration::ensure_successful(&participant, Pallet::<T>::enrollment_footprint());
	Pallet::<T>::enroll(RawOrigin::Signed(participant.clone()).into(), id, HASH)?;
	Ok(participant)
}

/// The sponsor publishes results for the ended trial `id` and amends them until they have
/// `versions` versions.
fn results_with_versions<T: Config>(
	sponsor: &T::AccountId,
	id: TrialId,
	versions: u32,
) -> Result<(), BenchmarkError> {
	let max = T::MaxResultsVersions::get();
	T::Consideration::ensure_successful(sponsor, Pallet::<T>::results_footprint(max));
	Pallet::<T>::publish_results(RawOrigin::Signed(sponsor.clone()).into(), id, HASH, LOCATOR)?;
	for _ in 1..versions {
		Pallet::<T>::amend_results(RawOrigin::Signed(sponsor.clone()).into(), id, HASH, LOCATOR)?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_trial() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&sponsor, OrganizationKind::ResearchSponsor)?;
		T::Consideration::ensure_successful(&sponsor, Pallet::<T>::trial_footprint());
		let title = vec![b't'; T::MaxTitleLength::get() as usize];
		let planned = T::Time::now().saturating_add(1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sponsor),
			registry_ids::<T>(),
			title,
			TrialPhase::Phase2,
			HASH,
			HASH,
			100,
			planned,
		);

		assert!(Trials::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn amend_protocol() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, [4; 32], HASH);

		assert_eq!(Trials::<T>::get(id).map(|t| t.protocol_version), Some(2));
		Ok(())
	}

	/// Completing: the completion time and the results-due index are written.
	#[benchmark]
	fn set_status() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;
		status::<T>(&sponsor, id, &[TrialStatus::Recruiting, TrialStatus::ActiveNotRecruiting])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, TrialStatus::Completed, None);

		assert!(Trials::<T>::get(id).is_some_and(|t| t.completed_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn add_investigator() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;
		let investigator: T::AccountId = account("investigator", 0, SEED);
		investigator_of_a_site::<T>(&investigator)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, investigator.clone());

		assert!(Investigators::<T>::contains_key(id, &investigator));
		Ok(())
	}

	#[benchmark]
	fn remove_investigator() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let (id, investigator) = with_investigator::<T>(&sponsor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, investigator.clone());

		assert!(!Investigators::<T>::contains_key(id, &investigator));
		Ok(())
	}

	#[benchmark]
	fn enroll() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = account("sponsor", 0, SEED);
		let id = registered::<T>(&sponsor)?;
		status::<T>(&sponsor, id, &[TrialStatus::Recruiting])?;
		let participant: T::AccountId = whitelisted_caller();
		T::Consideration::ensure_successful(&participant, Pallet::<T>::enrollment_footprint());

		#[extrinsic_call]
		_(RawOrigin::Signed(participant.clone()), id, HASH);

		assert!(Enrollments::<T>::contains_key(id, &participant));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = account("sponsor", 0, SEED);
		let id = registered::<T>(&sponsor)?;
		status::<T>(&sponsor, id, &[TrialStatus::Recruiting])?;
		let participant: T::AccountId = whitelisted_caller();
		T::Consideration::ensure_successful(&participant, Pallet::<T>::enrollment_footprint());
		Pallet::<T>::enroll(RawOrigin::Signed(participant.clone()).into(), id, HASH)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(participant.clone()), id);

		assert!(Enrollments::<T>::get(id, &participant)
			.is_some_and(|e| e.enrollment.withdrawn_at.is_some()));
		Ok(())
	}

	/// The investigator confirms a participant who enrolled on its own.
	#[benchmark]
	fn confirm_enrollment() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = account("sponsor", 0, SEED);
		let (id, investigator) = with_investigator::<T>(&sponsor)?;
		let participant = enrolled::<T>(id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(investigator), id, participant.clone());

		assert!(Enrollments::<T>::get(id, &participant)
			.is_some_and(|e| e.enrollment.confirmed_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn decline_enrollment() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = account("sponsor", 0, SEED);
		let (id, investigator) = with_investigator::<T>(&sponsor)?;
		let participant = enrolled::<T>(id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(investigator), id, participant.clone());

		assert!(Enrollments::<T>::get(id, &participant)
			.is_some_and(|e| e.enrollment.declined_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn set_target_enrollment() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, u32::MAX);

		assert_eq!(Trials::<T>::get(id).map(|t| t.target_enrollment), Some(u32::MAX));
		Ok(())
	}

	#[benchmark]
	fn submit_data() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = account("sponsor", 0, SEED);
		let (id, investigator) = with_investigator::<T>(&sponsor)?;
		T::Consideration::ensure_successful(&investigator, Pallet::<T>::submission_footprint());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(investigator),
			id,
			SubmissionKind::AdverseEvent { severity: Severity::Severe },
			HASH,
			LOCATOR,
		);

		assert!(Submissions::<T>::contains_key(id, 0));
		Ok(())
	}

	/// Publishing removes the trial from the results-due index.
	#[benchmark]
	fn publish_results() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;
		status::<T>(
			&sponsor,
			id,
			&[TrialStatus::Recruiting, TrialStatus::ActiveNotRecruiting, TrialStatus::Completed],
		)?;
		T::Consideration::ensure_successful(&sponsor, Pallet::<T>::results_footprint(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, HASH, LOCATOR);

		assert!(Results::<T>::contains_key(id));
		Ok(())
	}

	/// The last amendment the bound allows.
	#[benchmark]
	fn amend_results() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;
		status::<T>(&sponsor, id, &[TrialStatus::Terminated])?;
		let max = T::MaxResultsVersions::get();
		results_with_versions::<T>(&sponsor, id, max.saturating_sub(1))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, HASH, LOCATOR);

		assert_eq!(Results::<T>::get(id).map(|r| r.versions.len() as u32), Some(max));
		Ok(())
	}

	/// Results with every version `MaxResultsVersions` allows: the largest item in the
	/// runtime's configuration (larger than a trial), and the only one whose poke also reads
	/// the trial, for its sponsor. Its ticket is underpriced, so that the poke holds more and
	/// writes the results back.
	#[benchmark]
	fn poke_deposit() -> Result<(), BenchmarkError> {
		let sponsor: T::AccountId = whitelisted_caller();
		let id = registered::<T>(&sponsor)?;
		status::<T>(&sponsor, id, &[TrialStatus::Terminated])?;
		results_with_versions::<T>(&sponsor, id, T::MaxResultsVersions::get())?;
		let mut results = Results::<T>::get(id).ok_or("the results were published")?;
		results.deposit = healthchain_primitives::deposit::underpriced(&sponsor, results.deposit)?;
		Results::<T>::insert(id, results);
		let item = DepositItem::Results(id);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor.clone()), item.clone());

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::DepositPoked { who: sponsor, item }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
