//! # Organizations pallet
//!
//! The registry of accredited healthcare actors: hospitals, clinics, laboratories, pharmacies,
//! insurers, manufacturers, distributors, regulators, research sponsors and research sites,
//! and the people who act for them.
//!
//! ## Terminology
//!
//! - **Registrar**: the governance origin that accredits organizations (`RegistrarOrigin`; in
//!   the runtime, Root or a majority, more than half, of the `HealthAuthority` council).
//! - **Organization**: an account the registrar registered, with a kind, a name, a license
//!   number and a jurisdiction. It is *active* unless suspended or deregistered.
//! - **Member**: an account an organization added, with a role. A member acts on behalf of
//!   its organization, and only while that organization is active.
//!
//! ## Assumptions
//!
//! - An account is an organization or a member, never both, and a member belongs to one
//!   organization at most.
//! - Suspension takes effect at once: from the block that suspends it, neither the
//!   organization nor any of its members passes any check that comes from it.
//! - Deregistration is for good: the record stays as a tombstone, so that nothing derived from
//!   the organization (a patient's grant to it, a membership, a trial it sponsors) is ever
//!   allowed again, and the account cannot be registered again. It is O(1); the members it
//!   leaves behind have no power and are removed by anyone with [`Pallet::reap_member`].
//! - The accredited details (name, license number, jurisdiction) are the registrar's to
//!   change, never the organization's.
//! - Nothing personal is stored: names and license numbers are public registry data.
//!
//! ## Dispatchable functions
//!
//! For the registrar:
//! - [`Pallet::register`], [`Pallet::update_details`], [`Pallet::suspend`],
//!   [`Pallet::reinstate`], [`Pallet::deregister`].
//!
//! For an organization's account:
//! - [`Pallet::add_member`] (while active), [`Pallet::remove_member`],
//!   [`Pallet::poke_deposit`] (re-prices a member's deposit at the current price).
//!
//! For a member:
//! - [`Pallet::leave`].
//!
//! For anyone:
//! - [`Pallet::reap_member`]: removes a member of a deregistered organization.
//!
//! Each member holds a storage deposit, taken from the organization that added it and
//! returned when the membership ends. The deposit's ticket lives inside the membership, and
//! the organization re-prices it with [`Pallet::poke_deposit`] when the runtime's price
//! changes.
//!
//! Other pallets ask their questions through [`OrganizationRegistry`], which this pallet
//! implements; they never read its storage. Its provided method `authorize` is the one rule of
//! who may act (`healthchain_primitives::capabilities`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

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
	views::{MembershipDetails, OrganizationDetails},
	Capability, Jurisdiction, MemberRole, Moment, OrganizationKind, OrganizationRegistry,
	OrganizationStanding, OrganizationStatus, Refusal, Suspension, SuspensionReason,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

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

	/// Defaults for test runtimes, through `derive_impl`: the bounds and weights. The origin,
	/// the clock and the deposit are each runtime's own.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, traits::ConstU32};
		use polkadot_sdk::frame_system;

		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MaxNameLength = ConstU32<32>;
			type MaxLicenseLength = ConstU32<16>;
			type MaxMembers = ConstU32<10>;
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who registers, suspends, reinstates and deregisters organizations, and changes their
		/// accredited details.
		#[pallet::no_default]
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Calendar time, for registration and suspension times.
		#[pallet::no_default]
		type Time: Time<Moment = Moment>;

		/// The storage deposit of a membership, held from the organization that adds it.
		#[pallet::no_default]
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// The longest organization name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The longest license or registration number, in bytes.
		#[pallet::constant]
		type MaxLicenseLength: Get<u32>;

		/// The most members an organization may have.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a membership.
		MembershipDeposit,
	}

	/// The registered organizations, by account, deregistered ones included (as tombstones).
	///
	/// `Blake2_128Concat`: accounts are chosen by users, so their keys must be hashed.
	#[pallet::storage]
	pub type Organizations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OrganizationOf<T>>;

	/// Each member's organization and role.
	#[pallet::storage]
	pub type Members<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MembershipOf<T>>;

	/// The members of each organization.
	#[pallet::storage]
	pub type OrganizationMembers<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The registrar registered an organization.
		OrganizationRegistered { organization: T::AccountId, kind: OrganizationKind },
		/// The registrar changed an organization's name, license or jurisdiction.
		OrganizationUpdated { organization: T::AccountId },
		/// The registrar suspended an organization: it and its members lost every permission.
		OrganizationSuspended { organization: T::AccountId, reason: SuspensionReason },
		/// The registrar lifted a suspension.
		OrganizationReinstated { organization: T::AccountId },
		/// The registrar deregistered an organization, for good. Its `members` members lost every
		/// permission with it, and are removed with `reap_member`.
		OrganizationDeregistered { organization: T::AccountId, members: u32 },
		/// An organization added a member.
		MemberAdded { organization: T::AccountId, member: T::AccountId, role: MemberRole },
		/// An organization removed a member.
		MemberRemoved { organization: T::AccountId, member: T::AccountId },
		/// A member left its organization.
		MemberLeft { organization: T::AccountId, member: T::AccountId },
		/// A member of a deregistered organization was removed, and its deposit returned.
		MemberReaped { organization: T::AccountId, member: T::AccountId },
		/// The organization `who` had the deposit of `member`'s membership re-priced at the
		/// current price.
		DepositPoked { who: T::AccountId, member: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not a registered organization.
		NotRegistered,
		/// The account is already a registered organization.
		AlreadyRegistered,
		/// The account is a member of an organization, so it cannot be one.
		AccountIsMember,
		/// The account is an organization, so it cannot be a member.
		MemberIsOrganization,
		/// The account is already a member of an organization.
		AlreadyMember,
		/// The account is not a member of this organization.
		NotMember,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// The license number is empty.
		EmptyLicense,
		/// The license number is longer than `MaxLicenseLength`.
		LicenseTooLong,
		/// The jurisdiction is not two ASCII uppercase letters (ISO 3166-1 alpha-2).
		InvalidJurisdiction,
		/// The organization is already suspended.
		AlreadySuspended,
		/// The organization is not suspended.
		NotSuspended,
		/// The organization is suspended, so it cannot do this.
		OrganizationSuspended,
		/// The organization was deregistered: it can do nothing, and the account can never be
		/// registered again.
		OrganizationDeregistered,
		/// The member's organization was not deregistered; only its own account removes it.
		OrganizationNotDeregistered,
		/// The organization already has `MaxMembers` members.
		TooManyMembers,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Organizations registered at genesis.
		pub organizations: Vec<GenesisOrganization<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A genesis that breaks the registry's rules must not produce a chain.
		#[allow(clippy::panic)]
		fn build(&self) {
			for org in &self.organizations {
				let registered = Pallet::<T>::do_register(
					org.account.clone(),
					org.kind,
					org.name.as_bytes().to_vec(),
					org.license.as_bytes().to_vec(),
					org.jurisdiction.as_bytes(),
				);
				if let Err(e) = registered {
					panic!("genesis organization {:?} is invalid: {:?}", org.name, e);
				}
				for (member, role) in &org.members {
					if let Err(e) = Pallet::<T>::do_add_member(&org.account, member.clone(), *role)
					{
						panic!("genesis member of {:?} is invalid: {:?}", org.name, e);
					}
				}
			}
		}
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
		/// Registers `account` as an active organization of `kind`.
		///
		/// Origin: `RegistrarOrigin`. Emits `OrganizationRegistered`. O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register(name.len() as u32, license.len() as u32))]
		pub fn register(
			origin: OriginFor<T>,
			account: T::AccountId,
			kind: OrganizationKind,
			name: Vec<u8>,
			license: Vec<u8>,
			jurisdiction: Vec<u8>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_register(account, kind, name, license, &jurisdiction)
		}

		/// Changes an organization's accredited name, license number or jurisdiction; `None`
		/// keeps the current value. The kind never changes. Works on a suspended organization,
		/// not on a deregistered one.
		///
		/// Origin: `RegistrarOrigin`. Emits `OrganizationUpdated`. O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_details(
			name.as_ref().map_or(0, |n| n.len() as u32),
			license.as_ref().map_or(0, |l| l.len() as u32),
		))]
		pub fn update_details(
			origin: OriginFor<T>,
			organization: T::AccountId,
			name: Option<Vec<u8>>,
			license: Option<Vec<u8>>,
			jurisdiction: Option<Vec<u8>>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			let name = name.map(Self::bounded_name).transpose()?;
			let license = license.map(Self::bounded_license).transpose()?;
			let jurisdiction = jurisdiction.map(|j| Self::parse_jurisdiction(&j)).transpose()?;
			Organizations::<T>::try_mutate(&organization, |org| -> DispatchResult {
				let org = Self::not_deregistered(org.as_mut())?;
				if let Some(name) = name {
					org.name = name;
				}
				if let Some(license) = license {
					org.license = license;
				}
				if let Some(jurisdiction) = jurisdiction {
					org.jurisdiction = jurisdiction;
				}
				Ok(())
			})?;
			Self::deposit_event(Event::OrganizationUpdated { organization });
			Ok(())
		}

		/// Suspends an active organization. From this block on, neither it nor its members
		/// pass any check that comes from it.
		///
		/// Origin: `RegistrarOrigin`. Emits `OrganizationSuspended`. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(
			origin: OriginFor<T>,
			organization: T::AccountId,
			reason: SuspensionReason,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::change_status(&organization, StatusChange::Suspend(reason))?;
			Self::deposit_event(Event::OrganizationSuspended { organization, reason });
			Ok(())
		}

		/// Lifts an organization's suspension.
		///
		/// Origin: `RegistrarOrigin`. Emits `OrganizationReinstated`. O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, organization: T::AccountId) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::change_status(&organization, StatusChange::Reinstate)?;
			Self::deposit_event(Event::OrganizationReinstated { organization });
			Ok(())
		}

		/// Deregisters an organization, for good: from this block on neither it nor its members
		/// pass any check that comes from it, and the account can never be registered again.
		/// Its record stays as a tombstone. Its members stay until removed with `reap_member`,
		/// which returns their deposits: deregistering costs the same for any organization, so
		/// the council can always afford it.
		///
		/// Origin: `RegistrarOrigin`. Emits `OrganizationDeregistered`. O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::deregister())]
		pub fn deregister(origin: OriginFor<T>, organization: T::AccountId) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			let members = Self::change_status(&organization, StatusChange::Deregister)?;
			Self::deposit_event(Event::OrganizationDeregistered { organization, members });
			Ok(())
		}

		/// Adds `member` to the calling organization, in `role`. Holds the membership's deposit
		/// from the organization.
		///
		/// Origin: an active organization's account. Emits `MemberAdded`. O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_member())]
		pub fn add_member(
			origin: OriginFor<T>,
			member: T::AccountId,
			role: MemberRole,
		) -> DispatchResult {
			let organization = ensure_signed(origin)?;
			Self::do_add_member(&organization, member, role)
		}

		/// Removes `member` from the calling organization and returns its deposit.
		///
		/// Origin: the organization's account, whatever its status. Emits `MemberRemoved`.
		/// O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_member())]
		pub fn remove_member(origin: OriginFor<T>, member: T::AccountId) -> DispatchResult {
			let organization = ensure_signed(origin)?;
			ensure!(Organizations::<T>::contains_key(&organization), Error::<T>::NotRegistered);
			Self::do_remove_member(&organization, &member)?;
			Self::deposit_event(Event::MemberRemoved { organization, member });
			Ok(())
		}

		/// The calling member leaves its organization; the deposit returns to the
		/// organization.
		///
		/// Origin: a member. Emits `MemberLeft`. O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::leave())]
		pub fn leave(origin: OriginFor<T>) -> DispatchResult {
			let member = ensure_signed(origin)?;
			let organization =
				Members::<T>::get(&member).ok_or(Error::<T>::NotMember)?.organization;
			Self::do_remove_member(&organization, &member)?;
			Self::deposit_event(Event::MemberLeft { organization, member });
			Ok(())
		}

		/// Removes a member of a deregistered organization, returning its deposit to the
		/// organization's account. The member had no power left; this frees its storage.
		///
		/// Origin: any signed account. Emits `MemberReaped`. O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reap_member())]
		pub fn reap_member(origin: OriginFor<T>, member: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			let organization =
				Members::<T>::get(&member).ok_or(Error::<T>::NotMember)?.organization;
			ensure!(
				Organizations::<T>::get(&organization)
					.is_some_and(|org| org.deregistered_at.is_some()),
				Error::<T>::OrganizationNotDeregistered
			);
			Self::do_remove_member(&organization, &member)?;
			Self::deposit_event(Event::MemberReaped { organization, member });
			Ok(())
		}

		/// Re-prices the deposit of `member`'s membership at the runtime's current price:
		/// holds the difference from the organization when the price rose, releases it when
		/// the price fell. Free when the deposit changed; otherwise the caller pays the fee.
		///
		/// Origin: the member's organization, whatever its status. Emits `DepositPoked` when the
		/// deposit changed. O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::poke_deposit())]
		pub fn poke_deposit(
			origin: OriginFor<T>,
			member: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let organization = ensure_signed(origin)?;
			// The deposit is held from the organization: only it may poke it.
			let mut membership = Members::<T>::get(&member)
				.filter(|m| m.organization == organization)
				.ok_or(Error::<T>::NotMember)?;
			let repriced = healthchain_primitives::deposit::reprice(
				&organization,
				&mut membership.deposit,
				Self::membership_footprint(),
			)?;
			let post_info = repriced.post_info();
			if repriced.changed {
				Members::<T>::insert(&member, membership);
				Self::deposit_event(Event::DepositPoked { who: organization, member });
			}
			Ok(post_info)
		}
	}
}

impl<T: Config> Pallet<T> {
	fn bounded_name(name: Vec<u8>) -> Result<BoundedVec<u8, T::MaxNameLength>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		Ok(name.try_into().map_err(|_| Error::<T>::NameTooLong)?)
	}

	fn bounded_license(
		license: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxLicenseLength>, DispatchError> {
		ensure!(!license.is_empty(), Error::<T>::EmptyLicense);
		Ok(license.try_into().map_err(|_| Error::<T>::LicenseTooLong)?)
	}

	fn parse_jurisdiction(code: &[u8]) -> Result<Jurisdiction, DispatchError> {
		Ok(Jurisdiction::parse(code).ok_or(Error::<T>::InvalidJurisdiction)?)
	}

	/// Changes an organization's status through its one transition function; returns how
	/// many members it has.
	fn change_status(
		organization: &T::AccountId,
		change: StatusChange,
	) -> Result<u32, DispatchError> {
		Organizations::<T>::try_mutate(organization, |org| {
			let org = org.as_mut().ok_or(Error::<T>::NotRegistered)?;
			org.change(change, T::Time::now()).map_err(|refused| match refused {
				StatusChangeRefused::Deregistered => Error::<T>::OrganizationDeregistered,
				StatusChangeRefused::AlreadySuspended => Error::<T>::AlreadySuspended,
				StatusChangeRefused::NotSuspended => Error::<T>::NotSuspended,
			})?;
			Ok(org.member_count)
		})
	}

	/// The organization, unless it is unknown or deregistered.
	fn not_deregistered(
		org: Option<&mut OrganizationOf<T>>,
	) -> Result<&mut OrganizationOf<T>, DispatchError> {
		let org = org.ok_or(Error::<T>::NotRegistered)?;
		ensure!(org.deregistered_at.is_none(), Error::<T>::OrganizationDeregistered);
		Ok(org)
	}

	/// Registers an organization after checking every rule; genesis and `register` share it.
	pub(crate) fn do_register(
		account: T::AccountId,
		kind: OrganizationKind,
		name: Vec<u8>,
		license: Vec<u8>,
		jurisdiction: &[u8],
	) -> DispatchResult {
		if let Some(existing) = Organizations::<T>::get(&account) {
			ensure!(existing.deregistered_at.is_none(), Error::<T>::OrganizationDeregistered);
			return Err(Error::<T>::AlreadyRegistered.into());
		}
		ensure!(!Members::<T>::contains_key(&account), Error::<T>::AccountIsMember);
		let organization = Organization {
			kind,
			name: Self::bounded_name(name)?,
			license: Self::bounded_license(license)?,
			jurisdiction: Self::parse_jurisdiction(jurisdiction)?,
			suspension: None,
			deregistered_at: None,
			registered_at: T::Time::now(),
			member_count: 0,
		};
		Organizations::<T>::insert(&account, organization);
		Self::deposit_event(Event::OrganizationRegistered { organization: account, kind });
		Ok(())
	}

	/// Adds a member to an active organization after checking every rule; genesis and
	/// `add_member` share it.
	pub(crate) fn do_add_member(
		organization: &T::AccountId,
		member: T::AccountId,
		role: MemberRole,
	) -> DispatchResult {
		<Self as OrganizationRegistry<T::AccountId>>::authorize(
			organization,
			Capability::ManageMembers,
		)
		.map_err(|refusal| {
			// Not allowed: a member, or an account the registry does not know.
			refusal.error(
				Error::<T>::NotRegistered,
				Error::<T>::OrganizationSuspended,
				Error::<T>::OrganizationDeregistered,
			)
		})?;
		let mut org = Organizations::<T>::get(organization).ok_or(Error::<T>::NotRegistered)?;
		ensure!(!Organizations::<T>::contains_key(&member), Error::<T>::MemberIsOrganization);
		ensure!(!Members::<T>::contains_key(&member), Error::<T>::AlreadyMember);
		org.member_count = org
			.member_count
			.checked_add(1)
			.filter(|count| *count <= T::MaxMembers::get())
			.ok_or(Error::<T>::TooManyMembers)?;
		let deposit = T::Consideration::new(organization, Self::membership_footprint())?;
		Members::<T>::insert(
			&member,
			Membership { organization: organization.clone(), role, since: T::Time::now(), deposit },
		);
		OrganizationMembers::<T>::insert(organization, &member, ());
		Organizations::<T>::insert(organization, org);
		Self::deposit_event(Event::MemberAdded {
			organization: organization.clone(),
			member,
			role,
		});
		Ok(())
	}

	/// Ends `member`'s membership of `organization` and returns the deposit.
	fn do_remove_member(organization: &T::AccountId, member: &T::AccountId) -> DispatchResult {
		let membership = Members::<T>::get(member)
			.filter(|m| &m.organization == organization)
			.ok_or(Error::<T>::NotMember)?;
		membership.deposit.drop(organization)?;
		Members::<T>::remove(member);
		OrganizationMembers::<T>::remove(organization, member);
		Organizations::<T>::mutate(organization, |org| {
			if let Some(org) = org {
				org.member_count = org.member_count.saturating_sub(1);
			}
		});
		Ok(())
	}

	/// What a membership occupies: its record and its entry in the organization's index.
	pub fn membership_footprint() -> Footprint {
		Footprint::from_parts(
			2,
			MembershipOf::<T>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len().saturating_mul(3)),
		)
	}

	/// The organization registered under `account`, as the runtime API shows it.
	pub fn details(account: T::AccountId) -> Option<OrganizationDetails<T::AccountId>> {
		Organizations::<T>::get(&account).map(|org| OrganizationDetails {
			status: org.status(),
			kind: org.kind,
			name: org.name.into_inner(),
			license: org.license.into_inner(),
			jurisdiction: org.jurisdiction,
			suspension: org.suspension,
			deregistered_at: org.deregistered_at,
			registered_at: org.registered_at,
			member_count: org.member_count,
			account,
		})
	}

	/// `member`'s membership, as the runtime API shows it.
	pub fn membership_details(member: T::AccountId) -> Option<MembershipDetails<T::AccountId>> {
		let membership = Members::<T>::get(&member)?;
		let active =
			<Self as OrganizationRegistry<T::AccountId>>::standing(&membership.organization)
				.is_some_and(|standing| standing.is_active());
		Some(MembershipDetails {
			member,
			organization: membership.organization,
			role: membership.role,
			since: membership.since,
			active,
		})
	}

	/// The registry's invariants.
	///
	/// In every build, not only with `try-runtime`: the fuzzing harness (`tests/fuzz`) checks it
	/// after each call.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (account, org) in Organizations::<T>::iter() {
			ensure!(!Members::<T>::contains_key(&account), "an organization is also a member");
			let indexed = OrganizationMembers::<T>::iter_key_prefix(&account).count();
			ensure!(indexed == org.member_count as usize, "member count differs from the index");
			ensure!(org.member_count <= T::MaxMembers::get(), "too many members");
		}
		for (member, membership) in Members::<T>::iter() {
			ensure!(
				Organizations::<T>::contains_key(&membership.organization),
				"a member's organization is not registered"
			);
			ensure!(
				OrganizationMembers::<T>::contains_key(&membership.organization, &member),
				"a member is missing from its organization's index"
			);
		}
		for (organization, member, ()) in OrganizationMembers::<T>::iter() {
			ensure!(
				Members::<T>::get(&member).is_some_and(|m| m.organization == organization),
				"an index entry points at no membership"
			);
		}
		Ok(())
	}
}

impl<T: Config> OrganizationRegistry<T::AccountId> for Pallet<T> {
	fn standing(who: &T::AccountId) -> Option<OrganizationStanding> {
		Organizations::<T>::get(who)
			.map(|org| OrganizationStanding { kind: org.kind, status: org.status() })
	}

	fn membership(member: &T::AccountId) -> Option<(T::AccountId, MemberRole)> {
		Members::<T>::get(member).map(|m| (m.organization, m.role))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(who: &T::AccountId, kind: OrganizationKind) -> DispatchResult {
		Self::do_register(
			who.clone(),
			kind,
			b"Benchmark organization".to_vec(),
			b"BENCH-1".to_vec(),
			b"GB",
		)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn member_for_benchmark(
		organization: &T::AccountId,
		kind: OrganizationKind,
		member: &T::AccountId,
		role: MemberRole,
	) -> DispatchResult {
		if !Organizations::<T>::contains_key(organization) {
			Self::register_for_benchmark(organization, kind)?;
		}
		// The organization pays the membership deposit.
		T::Consideration::ensure_successful(organization, Self::membership_footprint());
		Self::do_add_member(organization, member.clone(), role)
	}
}
