//! Benchmarks of every call and of the `on_idle` sweep, in their worst cases.

use super::*;

use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use polkadot_sdk::frame_benchmarking;

const SEED: u32 = 0;

fn scope() -> CategoryScope {
	CategoryScope {
		wildcard: true,
		categories: DataCategory::ALL.to_vec().try_into().unwrap_or_default(),
	}
}

const BOTH: Actions = Actions { read: true, write: true };

/// Gives `count` grants from `patient`, to distinct grantees, expiring at `expires_at`.
fn grants<T: Config>(
	patient: &T::AccountId,
	count: u32,
	expires_at: Option<Moment>,
) -> Result<Vec<ConsentId>, BenchmarkError> {
	let mut ids = Vec::new();
	for i in 0..count {
		T::Consideration::ensure_successful(patient, Pallet::<T>::consent_footprint());
		let id = NextConsentId::<T>::get();
		Pallet::<T>::grant(
			RawOrigin::Signed(patient.clone()).into(),
			account("grantee", i, SEED),
			scope(),
			BOTH,
			Purpose::Treatment,
			None,
			expires_at,
		)?;
		ids.push(id);
	}
	Ok(ids)
}

/// Fills `patient`'s memory of ended grants, so that ending one more drops the oldest.
fn full_memory<T: Config>(patient: &T::AccountId) {
	let ended = (0..T::MaxRecentlyEnded::get())
		.map(|i| EndedConsent {
			consent_id: ConsentId::MAX.saturating_sub(i.into()),
			grantee: account("ended", i, SEED),
			reason: EndReason::Revoked,
		})
		.collect::<Vec<_>>();
	RecentlyEnded::<T>::insert(patient, BoundedVec::truncate_from(ended));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		// The worst case: the patient's index has one place left.
		grants::<T>(&patient, T::MaxConsentsPerPatient::get().saturating_sub(1), None)?;
		T::Consideration::ensure_successful(&patient, Pallet::<T>::consent_footprint());
		let grantee: T::AccountId = account("grantee", u32::MAX, SEED);
		let id = NextConsentId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			grantee,
			scope(),
			BOTH,
			Purpose::Research,
			Some(1),
			Some(Moment::MAX),
		);

		assert!(Consents::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		let ids = grants::<T>(&patient, T::MaxConsentsPerPatient::get(), None)?;
		full_memory::<T>(&patient);
		// The worst case: the first grant, at the far end of the index from where it is
		// searched.
		let id = ids.first().copied().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id);

		assert!(!Consents::<T>::contains_key(id));
		Ok(())
	}

	/// `n` grants examined by the sweep, every one expired and from a different patient.
	#[benchmark]
	fn prune_expired(n: Linear<0, MAX_PRUNE_SCAN>) -> Result<(), BenchmarkError> {
		let now = T::Time::now();
		for i in 0..n {
			let patient: T::AccountId = account("patient", i, SEED);
			grants::<T>(&patient, 1, Some(now.saturating_add(1)))?;
			full_memory::<T>(&patient);
		}
		// Expire them all by moving the clock past their end.
		Consents::<T>::translate_values(|mut consent: ConsentOf<T>| {
			consent.expires_at = Some(0);
			Some(consent)
		});

		#[block]
		{
			Pallet::<T>::prune_expired(n);
		}

		assert_eq!(Consents::<T>::iter_keys().count(), 0);
		Ok(())
	}

	/// The access decision that reads `n` of the patient's grants, in its worst case: every one
	/// is to the accessor and fails only at the last rule, and the emergency lookup then reads
	/// all it can and finds nothing in force. A call is charged it at `MaxConsentsPerPatient`
	/// and refunded down to the grants actually read.
	#[benchmark]
	fn access_decision(
		n: Linear<0, { T::MaxConsentsPerPatient::get() }>,
	) -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let accessor: T::AccountId = account("accessor", 0, SEED);
		let now = T::Time::now();
		for _ in 0..n {
			T::Consideration::ensure_successful(&patient, Pallet::<T>::consent_footprint());
			Pallet::<T>::grant(
				RawOrigin::Signed(patient.clone()).into(),
				accessor.clone(),
				scope(),
				Actions { read: false, write: true },
				Purpose::Treatment,
				None,
				None,
			)?;
		}
		T::Emergency::worst_case(&patient, &accessor, now);
		let decision;

		#[block]
		{
			decision = Pallet::<T>::counted_decision(
				&patient,
				&accessor,
				DataCategory::LabResult,
				Action::Read,
				Purpose::Treatment,
				now,
			);
		}

		let reason = if n == 0 { DenialReason::NoConsent } else { DenialReason::ActionNotCovered };
		assert_eq!(decision, (AccessDecision::Denied(reason), n));
		Ok(())
	}

	/// A grant is the only deposited item. The largest one names every category and has a
	/// start and an end; its ticket is under-priced so that the poke holds more and writes the
	/// grant back.
	#[benchmark]
	fn poke_deposit() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		T::Consideration::ensure_successful(&patient, Pallet::<T>::consent_footprint());
		let id = NextConsentId::<T>::get();
		Pallet::<T>::grant(
			RawOrigin::Signed(patient.clone()).into(),
			account("grantee", 0, SEED),
			scope(),
			BOTH,
			Purpose::Research,
			Some(1),
			Some(Moment::MAX),
		)?;
		Consents::<T>::try_mutate(id, |consent| -> Result<(), BenchmarkError> {
			let consent = consent.as_mut().ok_or(BenchmarkError::Weightless)?;
			consent.deposit =
				healthchain_primitives::deposit::underpriced(&patient, consent.deposit.clone())?;
			Ok(())
		})?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), id);

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::DepositPoked { who: patient, consent_id: id }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
