//! Benchmarks of every call, in its worst case.

use super::*;

use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use polkadot_sdk::frame_benchmarking;

const SEED: u32 = 0;

fn bytes(len: u32) -> Vec<u8> {
	alloc::vec![b'a'; len as usize]
}

/// Registers `account` with the longest name and license.
fn registered<T: Config>(account: &T::AccountId) -> Result<(), BenchmarkError> {
	Pallet::<T>::do_register(
		account.clone(),
		OrganizationKind::Hospital,
		bytes(T::MaxNameLength::get()),
		bytes(T::MaxLicenseLength::get()),
		b"GB",
	)?;
	Ok(())
}

/// Adds `count` members to `organization`, funding its deposits.
fn with_members<T: Config>(
	organization: &T::AccountId,
	count: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let mut members = Vec::new();
	for i in 0..count {
		let member: T::AccountId = account("member", i, SEED);
		T::Consideration::ensure_successful(organization, Pallet::<T>::membership_footprint());
		Pallet::<T>::do_add_member(organization, member.clone(), MemberRole::Clinician)?;
		members.push(member);
	}
	Ok(members)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register(
		n: Linear<1, { T::MaxNameLength::get() }>,
		l: Linear<1, { T::MaxLicenseLength::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organization: T::AccountId = account("organization", 0, SEED);

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			organization.clone(),
			OrganizationKind::Hospital,
			bytes(n),
			bytes(l),
			b"GB".to_vec(),
		);

		assert!(Organizations::<T>::contains_key(&organization));
		Ok(())
	}

	#[benchmark]
	fn update_details(
		n: Linear<1, { T::MaxNameLength::get() }>,
		l: Linear<1, { T::MaxLicenseLength::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			organization.clone(),
			Some(bytes(n)),
			Some(bytes(l)),
			Some(b"FR".to_vec()),
		);

		let org = Organizations::<T>::get(&organization).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(org.name.len() as u32, n);
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organization.clone(), SuspensionReason::UnderInvestigation);

		assert_eq!(
			Pallet::<T>::standing(&organization).map(|s| s.status),
			Some(OrganizationStatus::Suspended)
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		Organizations::<T>::mutate(&organization, |org| {
			if let Some(org) = org {
				org.suspension = Some(Suspension { reason: SuspensionReason::Other, since: 0 });
			}
		});

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organization.clone());

		assert!(Pallet::<T>::standing(&organization).is_some_and(|s| s.is_active()));
		Ok(())
	}

	#[benchmark]
	fn deregister() -> Result<(), BenchmarkError> {
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		// Its members do not matter: they stay, powerless, until reaped.
		with_members::<T>(&organization, 1)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organization.clone());

		assert_eq!(
			Pallet::<T>::standing(&organization).map(|s| s.status),
			Some(OrganizationStatus::Deregistered)
		);
		Ok(())
	}

	#[benchmark]
	fn reap_member() -> Result<(), BenchmarkError> {
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		let members = with_members::<T>(&organization, 1)?;
		let member = members.first().cloned().ok_or(BenchmarkError::Weightless)?;
		Organizations::<T>::mutate(&organization, |org| {
			if let Some(org) = org {
				org.deregistered_at = Some(0);
			}
		});
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), member.clone());

		assert!(!Members::<T>::contains_key(&member));
		Ok(())
	}

	#[benchmark]
	fn add_member() -> Result<(), BenchmarkError> {
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		// The worst case: one place left.
		with_members::<T>(&organization, T::MaxMembers::get().saturating_sub(1))?;
		let member: T::AccountId = whitelisted_caller();
		T::Consideration::ensure_successful(&organization, Pallet::<T>::membership_footprint());

		#[extrinsic_call]
		_(RawOrigin::Signed(organization.clone()), member.clone(), MemberRole::Investigator);

		assert_eq!(
			Pallet::<T>::membership(&member),
			Some((organization, MemberRole::Investigator))
		);
		Ok(())
	}

	#[benchmark]
	fn remove_member() -> Result<(), BenchmarkError> {
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		let members = with_members::<T>(&organization, 1)?;
		let member = members.first().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(organization), member.clone());

		assert!(!Members::<T>::contains_key(&member));
		Ok(())
	}

	#[benchmark]
	fn leave() -> Result<(), BenchmarkError> {
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		let members = with_members::<T>(&organization, 1)?;
		let member = members.first().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(member.clone()));

		assert!(!Members::<T>::contains_key(&member));
		Ok(())
	}

	/// A membership is the only deposited item; its ticket is under-priced so that the poke
	/// holds more and writes the membership back.
	#[benchmark]
	fn poke_deposit() -> Result<(), BenchmarkError> {
		let organization: T::AccountId = account("organization", 0, SEED);
		registered::<T>(&organization)?;
		let members = with_members::<T>(&organization, 1)?;
		let member = members.first().cloned().ok_or(BenchmarkError::Weightless)?;
		Members::<T>::try_mutate(&member, |membership| -> Result<(), BenchmarkError> {
			let membership = membership.as_mut().ok_or(BenchmarkError::Weightless)?;
			membership.deposit = healthchain_primitives::deposit::underpriced(
				&organization,
				membership.deposit.clone(),
			)?;
			Ok(())
		})?;

		#[extrinsic_call]
		_(RawOrigin::Signed(organization.clone()), member.clone());

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::DepositPoked { who: organization, member }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
