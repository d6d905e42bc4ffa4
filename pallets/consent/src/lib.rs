//! # Consent pallet
//!
//! Patients' consent grants, after HL7 FHIR `Consent`, and the one function that decides
//! whether an accessor may touch a patient's data.
//!
//! ## Terminology
//!
//! - **Patient**: the account whose data a grant is about. Only the patient (or a guardian
//!   acting through a `pallet-proxy` proxy of the runtime's `Guardian` type) grants and
//!   revokes.
//! - **Grantee**: the account a grant is given to: an individual, or an organization's
//!   account. A grant to an organization covers its members whose role acts for the grant's
//!   purpose, while the organization is active.
//! - **Accessor**: the account asking to read or write the data, directly or as a member.
//! - **Grant**: categories (a wildcard for every non-sensitive one, and named ones), actions
//!   (read and/or write), one purpose, and an optional period `[starts_at, expires_at)` in
//!   calendar milliseconds.
//!
//! ## Assumptions
//!
//! - A grant authorizes nothing outside its period, even before the chain prunes it: an
//!   expired grant is denied at the exact millisecond `expires_at`.
//! - Revoking takes effect in the same block.
//! - Sensitive categories (Genomic, MentalHealth, SexualReproductive, SubstanceUse) are
//!   covered only by a grant that names them.
//! - The access decision ([`Pallet::access_decision`]) is the only place these rules are
//!   written. `Records`, the runtime API and the RPC all call it.
//!
//! ## Dispatchable functions
//!
//! For patients (and their guardians):
//! - [`Pallet::grant`] gives a grant and holds its storage deposit.
//! - [`Pallet::revoke`] ends a grant at once and returns the deposit.
//! - [`Pallet::poke_deposit`] re-prices a grant's deposit at the runtime's current price; the
//!   deposit's ticket lives inside the grant.
//!
//! Expired grants are pruned in `on_idle`, as block space allows, and their deposits
//! returned.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod access;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
// Tests may do plain arithmetic: a failure should be loud.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod mock;
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

pub use healthchain_primitives::{
	views::ConsentGrant, AccessControl, AccessDecision, AccessVia, Action, Actions, CategoryScope,
	ConsentId, DataCategory, DenialReason, EmergencyAccessLookup, Moment, OrganizationRegistry,
	OrganizationStatus, Page, Purpose,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// The most grants `on_idle` examines in one block, whatever weight is left.
pub const MAX_PRUNE_SCAN: u32 = 64;

// The code FRAME generates for the pallet struct, its storage and its errors calls `expect`
// (on values it has just built); the lint is meant for our code, which returns errors instead.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Defaults for test runtimes, through `derive_impl`: the bounds and weights. The
	/// registry, emergency accesses, the clock and the deposit are each runtime's own.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, traits::ConstU32};
		use polkadot_sdk::frame_system;

		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MaxConsentsPerPatient = ConstU32<4>;
			type MaxRecentlyEnded = ConstU32<2>;
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The registry of accredited actors: who is an active organization, and whom a member
		/// acts for.
		#[pallet::no_default]
		type Organizations: OrganizationRegistry<Self::AccountId>;

		/// Break-glass emergency accesses in force, which the access decision honours for
		/// reading, for treatment.
		#[pallet::no_default]
		type Emergency: EmergencyAccessLookup<Self::AccountId>;

		/// Calendar time: grants start and expire in milliseconds since the Unix epoch.
		#[pallet::no_default]
		type Time: Time<Moment = Moment>;

		/// The storage deposit of a grant, held from the patient.
		#[pallet::no_default]
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// The most live grants a patient may have.
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// How many of a patient's ended (revoked or pruned) grants the chain remembers, so
		/// that an accessor is told a grant was revoked or expired rather than never given.
		#[pallet::constant]
		type MaxRecentlyEnded: Get<u32>;

		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a consent grant.
		ConsentDeposit,
	}

	/// The identifier the next grant gets.
	#[pallet::storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// The live grants.
	///
	/// `Twox64Concat`: identifiers are assigned by the chain, not chosen by users.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageMap<_, Twox64Concat, ConsentId, ConsentOf<T>>;

	/// Each patient's live grants, oldest first.
	#[pallet::storage]
	pub type ConsentsByPatient<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ConsentId, T::MaxConsentsPerPatient>,
		ValueQuery,
	>;

	/// The live grants given to each grantee. Unbounded per grantee (a hospital may hold
	/// grants from any number of patients), so it is a map, read a page at a time.
	#[pallet::storage]
	pub type ConsentsByGrantee<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ConsentId,
		(),
		OptionQuery,
	>;

	/// Each patient's most recently ended grants, oldest first.
	#[pallet::storage]
	pub type RecentlyEnded<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<EndedConsent<T::AccountId>, T::MaxRecentlyEnded>,
		ValueQuery,
	>;

	/// The last grant `on_idle` examined; the next sweep starts after it.
	#[pallet::storage]
	pub type PruneCursor<T: Config> = StorageValue<_, ConsentId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient gave a grant.
		ConsentGranted {
			consent_id: ConsentId,
			patient: T::AccountId,
			grantee: T::AccountId,
			purpose: Purpose,
			expires_at: Option<Moment>,
		},
		/// A patient revoked a grant; it authorizes nothing from this block on.
		ConsentRevoked { consent_id: ConsentId, patient: T::AccountId, grantee: T::AccountId },
		/// An expired grant was pruned and its deposit returned.
		ConsentExpired { consent_id: ConsentId, patient: T::AccountId, grantee: T::AccountId },
		/// The patient `who` had the deposit of grant `consent_id` re-priced at the current
		/// price.
		DepositPoked { who: T::AccountId, consent_id: ConsentId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A patient cannot grant to themselves: they always have access to their own data.
		SelfGrant,
		/// The grant covers no category.
		NoCategories,
		/// The grant allows no action.
		NoActions,
		/// The grant would already have expired.
		AlreadyExpired,
		/// The grant would expire before it starts.
		InvalidPeriod,
		/// The patient already has `MaxConsentsPerPatient` live grants.
		TooManyConsents,
		/// Grant identifiers are exhausted.
		ConsentIdOverflow,
		/// There is no live grant with this identifier.
		NotFound,
		/// Only the grant's patient may revoke it or poke its deposit.
		NotPatient,
		/// The grantee is a deregistered organization: nothing can ever be allowed to it again.
		GranteeDeregistered,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::prune_within(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grants `grantee` the `actions` on the patient's data in `categories`, for
		/// `purpose`, from `starts_at` (default: now) until `expires_at` (default: until
		/// revoked). Holds the grant's storage deposit from the patient.
		///
		/// Origin: the patient, or a guardian's proxy. Emits `ConsentGranted` with the new
		/// grant's identifier. O(`MaxConsentsPerPatient`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant())]
		pub fn grant(
			origin: OriginFor<T>,
			grantee: T::AccountId,
			categories: CategoryScope,
			actions: Actions,
			purpose: Purpose,
			starts_at: Option<Moment>,
			expires_at: Option<Moment>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(grantee != patient, Error::<T>::SelfGrant);
			// The grant could never allow anything, and would only hold the patient's deposit.
			ensure!(
				T::Organizations::standing(&grantee)
					.is_none_or(|s| s.status != OrganizationStatus::Deregistered),
				Error::<T>::GranteeDeregistered
			);
			ensure!(!categories.is_empty(), Error::<T>::NoCategories);
			ensure!(!actions.is_empty(), Error::<T>::NoActions);
			let now = T::Time::now();
			if let Some(expires_at) = expires_at {
				ensure!(expires_at > now, Error::<T>::AlreadyExpired);
				ensure!(starts_at.is_none_or(|s| s < expires_at), Error::<T>::InvalidPeriod);
			}

			let consent_id = NextConsentId::<T>::get();
			let next = consent_id.checked_add(1).ok_or(Error::<T>::ConsentIdOverflow)?;
			ConsentsByPatient::<T>::try_mutate(&patient, |ids| {
				ids.try_push(consent_id).map_err(|_| Error::<T>::TooManyConsents)
			})?;
			let deposit = T::Consideration::new(&patient, Self::consent_footprint())?;

			NextConsentId::<T>::put(next);
			ConsentsByGrantee::<T>::insert(&grantee, consent_id, ());
			Consents::<T>::insert(
				consent_id,
				Consent {
					patient: patient.clone(),
					grantee: grantee.clone(),
					categories: categories.normalized(),
					actions,
					purpose,
					starts_at,
					expires_at,
					granted_at: now,
					deposit,
				},
			);
			Self::deposit_event(Event::ConsentGranted {
				consent_id,
				patient,
				grantee,
				purpose,
				expires_at,
			});
			Ok(())
		}

		/// Revokes the grant `consent_id`: it authorizes nothing from this block on. Returns
		/// the deposit.
		///
		/// Origin: the grant's patient, or a guardian's proxy. Emits `ConsentRevoked`.
		/// O(`MaxConsentsPerPatient`).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let consent = Consents::<T>::get(consent_id).ok_or(Error::<T>::NotFound)?;
			ensure!(consent.patient == who, Error::<T>::NotPatient);
			Self::end(consent_id, consent, EndReason::Revoked)
		}

		/// Re-prices the deposit of the grant `consent_id` at the runtime's current price:
		/// holds the difference from the patient when the price rose, releases it when the
		/// price fell. Free when the deposit changed; otherwise the caller pays the fee.
		///
		/// Origin: the grant's patient, or a guardian's proxy. Emits `DepositPoked` when the
		/// deposit changed. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::poke_deposit())]
		pub fn poke_deposit(
			origin: OriginFor<T>,
			consent_id: ConsentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut consent = Consents::<T>::get(consent_id).ok_or(Error::<T>::NotFound)?;
			// The deposit is held from the patient: only they may poke it.
			ensure!(consent.patient == who, Error::<T>::NotPatient);
			let repriced = healthchain_primitives::deposit::reprice(
				&who,
				&mut consent.deposit,
				Self::consent_footprint(),
			)?;
			let post_info = repriced.post_info();
			if repriced.changed {
				Consents::<T>::insert(consent_id, consent);
				Self::deposit_event(Event::DepositPoked { who, consent_id });
			}
			Ok(post_info)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// What a grant occupies: its record (with its deposit inside), and its entries in both
	/// indexes.
	pub fn consent_footprint() -> Footprint {
		Footprint::from_parts(
			3,
			ConsentOf::<T>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len())
				.saturating_add(ConsentId::max_encoded_len().saturating_mul(3)),
		)
	}

	/// Removes a live grant, returns its deposit, remembers why it ended and says so.
	fn end(consent_id: ConsentId, consent: ConsentOf<T>, reason: EndReason) -> DispatchResult {
		let Consent { patient, grantee, deposit, .. } = consent;
		deposit.drop(&patient)?;
		Consents::<T>::remove(consent_id);
		ConsentsByGrantee::<T>::remove(&grantee, consent_id);
		ConsentsByPatient::<T>::mutate_exists(&patient, |ids| {
			if let Some(list) = ids {
				list.retain(|id| *id != consent_id);
				if list.is_empty() {
					*ids = None;
				}
			}
		});
		RecentlyEnded::<T>::mutate(&patient, |ended| {
			let entry = EndedConsent { consent_id, grantee: grantee.clone(), reason };
			// Full: forget the oldest.
			if ended.is_full() && !ended.is_empty() {
				ended.remove(0);
			}
			// Cannot fail: there is room now, unless the bound is zero and nothing is kept.
			let _ = ended.try_push(entry);
		});
		let event = match reason {
			EndReason::Revoked => Event::ConsentRevoked { consent_id, patient, grantee },
			EndReason::Expired => Event::ConsentExpired { consent_id, patient, grantee },
		};
		Self::deposit_event(event);
		Ok(())
	}

	/// Prunes expired grants, examining as many as `remaining` weight allows (at most
	/// `MAX_PRUNE_SCAN`). Returns the weight used.
	pub(crate) fn prune_within(remaining: Weight) -> Weight {
		let base = T::WeightInfo::prune_expired(0);
		let per_grant = T::WeightInfo::prune_expired(1).saturating_sub(base);
		let Some(spare) = remaining.checked_sub(&base) else { return Weight::zero() };
		let affordable = [
			spare.ref_time().checked_div(per_grant.ref_time()),
			spare.proof_size().checked_div(per_grant.proof_size()),
		]
		.into_iter()
		.flatten()
		.min()
		.unwrap_or(u64::from(MAX_PRUNE_SCAN));
		let budget = u32::try_from(affordable).unwrap_or(u32::MAX).min(MAX_PRUNE_SCAN);
		if budget == 0 {
			return Weight::zero();
		}
		let examined = Self::prune_expired(budget);
		T::WeightInfo::prune_expired(examined)
	}

	/// Examines up to `budget` grants after the sweep's cursor and prunes the expired ones.
	/// Returns how many it examined. When the sweep reaches the end of the map, it starts
	/// over at the next call.
	pub(crate) fn prune_expired(budget: u32) -> u32 {
		let now = T::Time::now();
		let start = PruneCursor::<T>::get().map(Consents::<T>::hashed_key_for);
		let mut keys = match start {
			Some(raw) => Consents::<T>::iter_keys_from(raw),
			None => Consents::<T>::iter_keys(),
		};
		let batch: Vec<ConsentId> = keys.by_ref().take(budget as usize).collect();
		let finished = (batch.len() as u32) < budget;
		for consent_id in &batch {
			if let Some(consent) = Consents::<T>::get(consent_id) {
				if consent.has_expired(now) {
					// A failure leaves the grant for the next sweep; it authorizes nothing.
					let _ = frame_support::storage::with_storage_layer(|| {
						Self::end(*consent_id, consent, EndReason::Expired)
					});
				}
			}
		}
		match batch.last() {
			Some(last) if !finished => PruneCursor::<T>::put(last),
			_ => PruneCursor::<T>::kill(),
		}
		batch.len() as u32
	}

	/// `patient`'s live grants after `cursor`, oldest first, at most `limit` of them.
	pub fn consents_by_patient(
		patient: &T::AccountId,
		cursor: Option<ConsentId>,
		limit: u32,
	) -> Page<ConsentGrant<T::AccountId>, ConsentId> {
		let ids = ConsentsByPatient::<T>::get(patient);
		let after = ids.into_iter().filter(|id| cursor.is_none_or(|c| *id > c));
		Page::of_keys(after, limit, |id| Self::grant_view(*id))
	}

	/// The live grants given to `grantee` after `cursor`, at most `limit` of them. The order
	/// is the storage order, stable while the grants live.
	pub fn consents_by_grantee(
		grantee: &T::AccountId,
		cursor: Option<ConsentId>,
		limit: u32,
	) -> Page<ConsentGrant<T::AccountId>, ConsentId> {
		let ids = match cursor {
			Some(c) => ConsentsByGrantee::<T>::iter_key_prefix_from(
				grantee,
				ConsentsByGrantee::<T>::hashed_key_for(grantee, c),
			),
			None => ConsentsByGrantee::<T>::iter_key_prefix(grantee),
		};
		Page::of_keys(ids, limit, |id| Self::grant_view(*id))
	}

	fn grant_view(id: ConsentId) -> Option<ConsentGrant<T::AccountId>> {
		Consents::<T>::get(id).map(|c| c.into_grant(id))
	}

	/// The pallet's invariants: both indexes agree with the grants. Each grant carries its
	/// own deposit, so no deposit can outlive its grant.
	///
	/// In every build, not only with `try-runtime`: the fuzzing harness (`tests/fuzz`) checks it
	/// after each call.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextConsentId::<T>::get();
		for (id, consent) in Consents::<T>::iter() {
			ensure!(id < next, "a grant's identifier was never assigned");
			ensure!(
				ConsentsByPatient::<T>::get(&consent.patient).contains(&id),
				"a grant is missing from its patient's index"
			);
			ensure!(
				ConsentsByGrantee::<T>::contains_key(&consent.grantee, id),
				"a grant is missing from its grantee's index"
			);
		}
		for (patient, ids) in ConsentsByPatient::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty patient index is stored");
			ensure!(ids.windows(2).all(|w| w.first() < w.last()), "a patient index is unsorted");
			for id in ids {
				ensure!(
					Consents::<T>::get(id).is_some_and(|c| c.patient == patient),
					"a patient index entry points at no grant of that patient"
				);
			}
		}
		for (grantee, id, ()) in ConsentsByGrantee::<T>::iter() {
			ensure!(
				Consents::<T>::get(id).is_some_and(|c| c.grantee == grantee),
				"a grantee index entry points at no grant to that grantee"
			);
		}
		Ok(())
	}
}

impl<T: Config> AccessControl<T::AccountId> for Pallet<T> {
	fn decide_weight() -> Weight {
		T::WeightInfo::access_decision(T::MaxConsentsPerPatient::get())
	}

	fn decide_metered(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
	) -> (AccessDecision, Weight) {
		let (decision, grants_read) =
			Self::counted_decision(patient, accessor, category, action, purpose, T::Time::now());
		(decision, T::WeightInfo::access_decision(grants_read))
	}
}
