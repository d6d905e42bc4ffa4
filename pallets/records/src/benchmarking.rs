//! Benchmarks of every call, in their worst cases.

use super::*;

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use healthchain_primitives::{MemberRole, OrganizationKind};
use polkadot_sdk::frame_benchmarking;

const SEED: u32 = 0;
const HASH: Hash32 = [7; 32];
const KEY: EncryptionKey = [9; 32];

/// The larger locator.
const LOCATOR: Locator = Locator::Ipfs([1; 32]);

const ENVELOPE: WrappedKey =
	WrappedKey { ephemeral_public: [2; 32], nonce: [3; 12], ciphertext: [4; 32], tag: [5; 16] };

/// Publishes a key for `who`.
fn publish_key<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	T::Consideration::ensure_successful(who, Pallet::<T>::key_footprint());
	Pallet::<T>::set_encryption_key(RawOrigin::Signed(who.clone()).into(), KEY)?;
	Ok(())
}

/// Fills `patient`'s index so that one more record fits, with identifiers below any the
/// benchmark creates.
fn all_but_one_record<T: Config>(patient: &T::AccountId) {
	let count = T::MaxRecordsPerPatient::get().saturating_sub(1);
	let ids: Vec<RecordId> = (0..u64::from(count)).collect();
	RecordsByPatient::<T>::insert(patient, BoundedVec::truncate_from(ids));
	NextRecordId::<T>::put(u64::from(count));
}

/// `author` adds a record about `patient` (who has published a key); returns its identifier.
fn add<T: Config>(
	author: &T::AccountId,
	patient: &T::AccountId,
) -> Result<RecordId, BenchmarkError> {
	T::Consideration::ensure_successful(author, Pallet::<T>::record_footprint());
	let id = NextRecordId::<T>::get();
	Pallet::<T>::add_record(
		RawOrigin::Signed(author.clone()).into(),
		patient.clone(),
		DataCategory::LabResult,
		HASH,
		LOCATOR,
		ENVELOPE,
		None,
	)?;
	Ok(id)
}

/// The patient amends the current version `id`; returns the new version's identifier.
fn amend<T: Config>(patient: &T::AccountId, id: RecordId) -> Result<RecordId, BenchmarkError> {
	T::Consideration::ensure_successful(patient, Pallet::<T>::record_footprint());
	let new_id = NextRecordId::<T>::get();
	Pallet::<T>::amend_record(
		RawOrigin::Signed(patient.clone()).into(),
		id,
		HASH,
		LOCATOR,
		ENVELOPE,
		None,
	)?;
	Ok(new_id)
}

/// Gives version `id` of `patient`'s record `count` shared envelopes besides the patient's,
/// with their deposit. Stored directly: sharing through the call would need a grant per
/// recipient.
fn share<T: Config>(
	id: RecordId,
	patient: &T::AccountId,
	count: u32,
) -> Result<(), BenchmarkError> {
	let mut record = Records::<T>::get(id).ok_or(BenchmarkError::Weightless)?;
	for i in 0..count {
		let recipient: T::AccountId = account("recipient", i, SEED);
		Envelopes::<T>::insert(id, recipient, ENVELOPE);
	}
	record.envelopes = count.saturating_add(1);
	T::Consideration::ensure_successful(patient, Pallet::<T>::shared_envelopes_footprint(count));
	Pallet::<T>::update_shared_deposit(&mut record)?;
	Records::<T>::insert(id, record);
	Ok(())
}

/// Stores an emergency access of `clinician` to `patient`'s data as its latest, started at
/// `started_at` and ended then by the patient, with its deposit; returns its identifier.
fn past_emergency<T: Config>(
	patient: &T::AccountId,
	clinician: &T::AccountId,
	started_at: Moment,
) -> Result<EmergencyAccessId, BenchmarkError> {
	let id = NextEmergencyAccessId::<T>::get();
	NextEmergencyAccessId::<T>::put(id.saturating_add(1));
	T::Consideration::ensure_successful(clinician, Pallet::<T>::emergency_access_footprint());
	let deposit = T::Consideration::new(clinician, Pallet::<T>::emergency_access_footprint())?;
	EmergencyAccesses::<T>::insert(
		patient,
		id,
		EmergencyAccess {
			accessor: clinician.clone(),
			organization: account("hospital", 0, SEED),
			reason: EmergencyReason::Other,
			justification_hash: HASH,
			started_at,
			expires_at: started_at.saturating_add(T::EmergencyAccessDuration::get()),
			ended: Some((started_at, patient.clone())),
			flag: None,
			deposit,
		},
	);
	LatestEmergencyAccess::<T>::insert(patient, clinician, id);
	Ok(id)
}

/// A clock far enough from zero for every period to have passed since time 0.
fn late<T: Config>() -> Moment {
	T::AccessLogRetention::get()
		.saturating_add(T::EmergencyReviewPeriod::get())
		.saturating_add(T::EmergencyAccessCooldown::get())
		.saturating_add(T::EmergencyAccessDuration::get())
		.saturating_add(1)
}

/// Makes `clinician` a Clinician of an active hospital, who may break the glass.
fn emergency_clinician<T: Config>(clinician: &T::AccountId) -> Result<(), BenchmarkError> {
	T::Organizations::member_for_benchmark(
		&account("emergency hospital", 0, SEED),
		OrganizationKind::Hospital,
		clinician,
		MemberRole::Clinician,
	)?;
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_encryption_key() {
		let who: T::AccountId = whitelisted_caller();
		T::Consideration::ensure_successful(&who, Pallet::<T>::key_footprint());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), KEY);

		assert!(EncryptionKeys::<T>::contains_key(&who));
	}

	#[benchmark]
	fn remove_encryption_key() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		publish_key::<T>(&who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!EncryptionKeys::<T>::contains_key(&who));
		Ok(())
	}

	/// A provider writes under consent found after all the patient's other grants, into an
	/// index with one place left.
	#[benchmark]
	fn add_record() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let author: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		T::BenchmarkHelper::grant_access(
			&patient,
			&author,
			DataCategory::LabResult,
			Action::Write,
			Purpose::Treatment,
		)?;
		all_but_one_record::<T>(&patient);
		T::Consideration::ensure_successful(&author, Pallet::<T>::record_footprint());
		let id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(author),
			patient,
			DataCategory::LabResult,
			HASH,
			LOCATOR,
			ENVELOPE,
			None,
		);

		assert!(Records::<T>::contains_key(id));
		Ok(())
	}

	/// The author amends under consent found last, in a full index, up to the last version
	/// allowed.
	#[benchmark]
	fn amend_record() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let author: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		T::BenchmarkHelper::grant_access(
			&patient,
			&author,
			DataCategory::LabResult,
			Action::Write,
			Purpose::Treatment,
		)?;
		all_but_one_record::<T>(&patient);
		let first = add::<T>(&author, &patient)?;
		// The author amends each time, so that the last version is theirs.
		let mut id = first;
		for _ in 2..T::MaxVersionsPerRecord::get() {
			T::Consideration::ensure_successful(&author, Pallet::<T>::record_footprint());
			let next = NextRecordId::<T>::get();
			Pallet::<T>::amend_record(
				RawOrigin::Signed(author.clone()).into(),
				id,
				HASH,
				LOCATOR,
				ENVELOPE,
				None,
			)?;
			id = next;
		}
		T::Consideration::ensure_successful(&author, Pallet::<T>::record_footprint());
		let new_id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(author), id, HASH, LOCATOR, ENVELOPE, None);

		assert_eq!(
			Records::<T>::get(new_id).map(|r| r.version),
			Some(T::MaxVersionsPerRecord::get())
		);
		Ok(())
	}

	#[benchmark]
	fn retract_record() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		let id = add::<T>(&patient, &patient)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id, RetractionReason::WrongData);

		assert_eq!(Records::<T>::get(id).map(|r| r.status), Some(RecordStatus::EnteredInError));
		Ok(())
	}

	/// `v` versions, each with every envelope it may carry, erased from the first.
	#[benchmark]
	fn erase_record(
		v: Linear<1, { T::MaxVersionsPerRecord::get() }>,
	) -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		all_but_one_record::<T>(&patient);
		let first = add::<T>(&patient, &patient)?;
		let shared = T::MaxEnvelopesPerRecord::get().saturating_sub(1);
		share::<T>(first, &patient, shared)?;
		let mut id = first;
		for _ in 1..v {
			id = amend::<T>(&patient, id)?;
			share::<T>(id, &patient, shared)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), first);

		assert!(Tombstones::<T>::contains_key(first) && Tombstones::<T>::contains_key(id));
		Ok(())
	}

	/// A new envelope, to a recipient allowed only for the last purpose tried, on a version
	/// with one place left.
	#[benchmark]
	fn share_key() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		let recipient: T::AccountId = account("clinician", 0, SEED);
		publish_key::<T>(&patient)?;
		publish_key::<T>(&recipient)?;
		let id = add::<T>(&patient, &patient)?;
		share::<T>(id, &patient, T::MaxEnvelopesPerRecord::get().saturating_sub(2))?;
		let last_purpose = Purpose::ALL.last().copied().ok_or(BenchmarkError::Weightless)?;
		T::BenchmarkHelper::grant_access(
			&patient,
			&recipient,
			DataCategory::LabResult,
			Action::Read,
			last_purpose,
		)?;
		T::Consideration::ensure_successful(
			&patient,
			Pallet::<T>::shared_envelopes_footprint(T::MaxEnvelopesPerRecord::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id, recipient.clone(), ENVELOPE);

		assert!(Envelopes::<T>::contains_key(id, &recipient));
		Ok(())
	}

	#[benchmark]
	fn remove_key() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		let id = add::<T>(&patient, &patient)?;
		share::<T>(id, &patient, T::MaxEnvelopesPerRecord::get().saturating_sub(1))?;
		let recipient: T::AccountId = account("recipient", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id, recipient.clone());

		assert!(!Envelopes::<T>::contains_key(id, &recipient));
		Ok(())
	}

	/// Through the longest route the access decision has: every one of the patient's grants
	/// read and refused, then the accessor's emergency access found; into a full quota whose
	/// oldest entry is old enough to prune.
	#[benchmark]
	fn log_access() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let accessor: T::AccountId = whitelisted_caller();
		publish_key::<T>(&patient)?;
		let id = add::<T>(&patient, &patient)?;
		// Grants to the accessor's hospital, all for research: none applies to treatment.
		T::BenchmarkHelper::grant_access(
			&patient,
			&accessor,
			DataCategory::LabResult,
			Action::Read,
			Purpose::Research,
		)?;
		T::BenchmarkHelper::set_time(late::<T>());
		T::Consideration::ensure_successful(&accessor, Pallet::<T>::emergency_access_footprint());
		Pallet::<T>::emergency_access(
			RawOrigin::Signed(accessor.clone()).into(),
			patient.clone(),
			EmergencyReason::PatientUnconscious,
			HASH,
		)?;
		// The accessor's quota, full of entries made at time 0.
		let quota = T::MaxAccessLogEntriesPerAccessor::get();
		for seq in 0..u64::from(quota) {
			AccessLog::<T>::insert(
				&patient,
				seq,
				AccessLogEntry {
					seq,
					record_id: id,
					accessor: accessor.clone(),
					purpose: Purpose::Treatment,
					via: AccessVia::Consent(0),
					at: 0,
				},
			);
		}
		let seqs: Vec<AccessSeq> = (0..u64::from(quota)).collect();
		AccessorLog::<T>::insert(&patient, &accessor, AccessorLogOf::<T>::truncate_from(seqs));
		NextAccessSeq::<T>::insert(&patient, u64::from(quota));

		#[extrinsic_call]
		_(RawOrigin::Signed(accessor.clone()), id, Purpose::Treatment);

		let last = AccessLog::<T>::get(&patient, u64::from(quota));
		assert!(matches!(last.map(|entry| entry.via), Some(AccessVia::Emergency(_))));
		assert!(!AccessLog::<T>::contains_key(&patient, 0));
		assert_eq!(AccessorLog::<T>::get(&patient, &accessor).len() as u32, quota);
		Ok(())
	}

	/// A renewal: the clinician's latest access, ended by the patient, is past its cooldown.
	#[benchmark]
	fn emergency_access() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let clinician: T::AccountId = whitelisted_caller();
		emergency_clinician::<T>(&clinician)?;
		past_emergency::<T>(&patient, &clinician, 0)?;
		T::BenchmarkHelper::set_time(late::<T>());
		T::Consideration::ensure_successful(&clinician, Pallet::<T>::emergency_access_footprint());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(clinician.clone()),
			patient.clone(),
			EmergencyReason::PatientUnconscious,
			HASH,
		);

		assert!(Pallet::<T>::in_force(&patient, &clinician, late::<T>()).is_some());
		Ok(())
	}

	#[benchmark]
	fn end_emergency_access() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = whitelisted_caller();
		let clinician: T::AccountId = account("clinician", 0, SEED);
		emergency_clinician::<T>(&clinician)?;
		T::Consideration::ensure_successful(&clinician, Pallet::<T>::emergency_access_footprint());
		Pallet::<T>::emergency_access(
			RawOrigin::Signed(clinician.clone()).into(),
			patient.clone(),
			EmergencyReason::PatientUnconscious,
			HASH,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), patient.clone(), clinician.clone());

		assert!(Pallet::<T>::in_force(&patient, &clinician, T::Time::now()).is_none());
		Ok(())
	}

	/// By a regulator, which the registry checks.
	#[benchmark]
	fn flag_emergency_access() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let regulator: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&regulator, OrganizationKind::Regulator)?;
		let clinician: T::AccountId = account("past clinician", 0, SEED);
		let access_id = past_emergency::<T>(&patient, &clinician, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), patient.clone(), access_id, HASH);

		let access = EmergencyAccesses::<T>::get(&patient, access_id);
		assert!(access.is_some_and(|a| a.under_review()));
		Ok(())
	}

	#[benchmark]
	fn close_emergency_review() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let regulator: T::AccountId = whitelisted_caller();
		T::Organizations::register_for_benchmark(&regulator, OrganizationKind::Regulator)?;
		let clinician: T::AccountId = account("past clinician", 0, SEED);
		let access_id = past_emergency::<T>(&patient, &clinician, 0)?;
		Pallet::<T>::flag_emergency_access(
			RawOrigin::Signed(patient.clone()).into(),
			patient.clone(),
			access_id,
			HASH,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), patient.clone(), access_id);

		let access = EmergencyAccesses::<T>::get(&patient, access_id);
		assert!(access.is_some_and(|a| a.flag.is_some() && !a.under_review()));
		Ok(())
	}

	/// The access is its clinician's latest, so the index goes too.
	#[benchmark]
	fn clear_emergency_access() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let caller: T::AccountId = whitelisted_caller();
		let clinician: T::AccountId = account("past clinician", 0, SEED);
		let access_id = past_emergency::<T>(&patient, &clinician, 0)?;
		T::BenchmarkHelper::set_time(late::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient.clone(), access_id);

		assert!(!EmergencyAccesses::<T>::contains_key(&patient, access_id));
		assert!(!LatestEmergencyAccess::<T>::contains_key(&patient, &clinician));
		Ok(())
	}

	/// The largest item that holds a deposit, an emergency access (larger than a version, whose
	/// record holds both its deposits), with its deposit taken at a lower price than today's,
	/// so that the poke holds more and writes the access back.
	#[benchmark]
	fn poke_deposit() -> Result<(), BenchmarkError> {
		let patient: T::AccountId = account("patient", 0, SEED);
		let clinician: T::AccountId = whitelisted_caller();
		let id = past_emergency::<T>(&patient, &clinician, 0)?;
		let mut access =
			EmergencyAccesses::<T>::get(&patient, id).ok_or(BenchmarkError::Weightless)?;
		access.deposit = healthchain_primitives::deposit::underpriced(&clinician, access.deposit)?;
		EmergencyAccesses::<T>::insert(&patient, id, access);
		T::Consideration::ensure_successful(&clinician, Pallet::<T>::emergency_access_footprint());
		let item = DepositItem::EmergencyAccess { patient, id };

		#[extrinsic_call]
		_(RawOrigin::Signed(clinician.clone()), item.clone());

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::DepositPoked { who: clinician, item }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
