//! Who may act: the one rule that says what an account may do because of the organization it
//! is, or acts for.
//!
//! Every pallet asks [`OrganizationRegistry::authorize`] before a call that an organization's
//! standing permits, and nothing else. The rule has two halves, both here:
//! - [`Capability::held_by`]: which kinds of organization hold a capability, and whether the
//!   organization's own account or a member in which role uses it;
//! - the standing: only an active organization's capabilities can be used. A suspended one
//!   has none, and a deregistered one has none for good: its record stays in the registry as
//!   a tombstone, so nothing that came from it can be allowed again.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{MemberRole, OrganizationKind, OrganizationStanding, OrganizationStatus};

/// An account as the registry sees it: the organization it is, or the one it is a member of.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Actor<AccountId> {
	/// The organization: the account itself, or the one it is a member of.
	pub organization: AccountId,
	pub kind: OrganizationKind,
	pub status: OrganizationStatus,
	/// `None` when the account is the organization's own; the member's role otherwise.
	pub role: Option<MemberRole>,
}

/// What an account may do because of the organization it is or acts for.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Capability {
	/// Add members to the organization.
	ManageMembers,
	/// Register products and commission their lots.
	Manufacture,
	/// Hold drug stock, ship it, receive it, destroy it, report a lot as suspect.
	Trade,
	/// Dispense drugs to patients.
	Dispense,
	/// Recall any lot, resolve suspect reports, flag and review emergency accesses.
	Regulate,
	/// Register clinical trials and run them.
	SponsorTrials,
	/// Submit a trial's data as a named investigator.
	Investigate,
	/// Break the glass: emergency read access to a patient's data.
	BreakGlass,
}

/// Why the registry refuses a capability.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Refusal {
	/// The account is neither an organization nor a member of one.
	NotAnOrganization,
	/// Its organization is of a kind that does not hold the capability.
	WrongKind,
	/// Its organization holds the capability, but not for this account: a member's role that
	/// does not carry it, or a member where only the organization's own account may act.
	WrongRole,
	/// Its organization is suspended.
	Suspended,
	/// Its organization was deregistered.
	Deregistered,
}

impl Refusal {
	/// The error a pallet reports for the refusal: its own error for each standing that is not
	/// active, and `not_allowed` when the account does not hold the capability at all.
	pub fn error<E>(self, not_allowed: E, suspended: E, deregistered: E) -> E {
		match self {
			Refusal::Suspended => suspended,
			Refusal::Deregistered => deregistered,
			Refusal::NotAnOrganization | Refusal::WrongKind | Refusal::WrongRole => not_allowed,
		}
	}
}

impl Capability {
	/// Every capability, for tests and documentation.
	pub const ALL: [Capability; 8] = [
		Capability::ManageMembers,
		Capability::Manufacture,
		Capability::Trade,
		Capability::Dispense,
		Capability::Regulate,
		Capability::SponsorTrials,
		Capability::Investigate,
		Capability::BreakGlass,
	];

	/// The kinds of organization that hold the capability.
	pub fn kinds(self) -> &'static [OrganizationKind] {
		use OrganizationKind::*;
		match self {
			Capability::ManageMembers => &[
				Hospital,
				Clinic,
				Laboratory,
				Pharmacy,
				Insurer,
				Manufacturer,
				Distributor,
				Regulator,
				ResearchSponsor,
				ResearchSite,
			],
			Capability::Manufacture => &[Manufacturer],
			Capability::Trade => &[Manufacturer, Distributor, Pharmacy, Hospital, Clinic],
			Capability::Dispense => &[Pharmacy, Hospital, Clinic],
			Capability::Regulate => &[Regulator],
			Capability::SponsorTrials => &[ResearchSponsor],
			Capability::Investigate => &[ResearchSponsor, ResearchSite, Hospital, Clinic],
			Capability::BreakGlass => &[Hospital, Clinic],
		}
	}

	/// Who in the organization uses the capability: `None` for the organization's own account
	/// (it acts as an institution, and signs for it), a role for the members who act in person.
	pub fn role(self) -> Option<MemberRole> {
		match self {
			Capability::Investigate => Some(MemberRole::Investigator),
			Capability::BreakGlass => Some(MemberRole::Clinician),
			_ => None,
		}
	}

	/// Whether an organization of `kind`, acting through its own account (`role` `None`) or a
	/// member in `role`, holds the capability, whatever its standing.
	pub fn held_by(self, kind: OrganizationKind, role: Option<MemberRole>) -> Result<(), Refusal> {
		if !self.kinds().contains(&kind) {
			return Err(Refusal::WrongKind);
		}
		if role != self.role() {
			return Err(Refusal::WrongRole);
		}
		Ok(())
	}
}

/// The questions other pallets ask the registry of accredited actors.
///
/// Implementations answer the two lookups. The rule of who may act is the provided
/// [`authorize`](Self::authorize), so that every caller applies it the same way.
pub trait OrganizationRegistry<AccountId: Clone> {
	/// The organization registered under `who`, whatever its status: active, suspended or
	/// deregistered (a deregistered organization keeps its record).
	fn standing(who: &AccountId) -> Option<OrganizationStanding>;

	/// The organization `member` belongs to and its role there, whatever the organization's
	/// status.
	fn membership(member: &AccountId) -> Option<(AccountId, MemberRole)>;

	/// The organization `who` is, or is a member of, with its standing and `who`'s role.
	fn actor(who: &AccountId) -> Option<Actor<AccountId>> {
		if let Some(standing) = Self::standing(who) {
			return Some(Actor {
				organization: who.clone(),
				kind: standing.kind,
				status: standing.status,
				role: None,
			});
		}
		let (organization, role) = Self::membership(who)?;
		let standing = Self::standing(&organization)?;
		Some(Actor { organization, kind: standing.kind, status: standing.status, role: Some(role) })
	}

	/// Whether `who` may use `capability` now, and for which organization: the one rule of who
	/// may act. The organization must hold the capability, `who` must be the account that uses
	/// it, and the organization must be active.
	fn authorize(who: &AccountId, capability: Capability) -> Result<Actor<AccountId>, Refusal> {
		let actor = Self::actor(who).ok_or(Refusal::NotAnOrganization)?;
		capability.held_by(actor.kind, actor.role)?;
		match actor.status {
			OrganizationStatus::Active => Ok(actor),
			OrganizationStatus::Suspended => Err(Refusal::Suspended),
			OrganizationStatus::Deregistered => Err(Refusal::Deregistered),
		}
	}

	/// Whether `who` may use `capability` now, for the organization `organization`.
	fn authorize_for(
		who: &AccountId,
		capability: Capability,
		organization: &AccountId,
	) -> Result<Actor<AccountId>, Refusal>
	where
		AccountId: PartialEq,
	{
		let actor = Self::authorize(who, capability)?;
		if actor.organization != *organization {
			return Err(Refusal::WrongRole);
		}
		Ok(actor)
	}

	/// Benchmarks only: registers `who` as an active organization of `kind`, so that a
	/// pallet's benchmark can build its worst case through the registry it is configured with.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(
		who: &AccountId,
		kind: OrganizationKind,
	) -> polkadot_sdk::sp_runtime::DispatchResult;

	/// Benchmarks only: makes `member` a `role` of the active organization `organization`,
	/// registering it as a `kind` first if it is not registered yet.
	#[cfg(feature = "runtime-benchmarks")]
	fn member_for_benchmark(
		organization: &AccountId,
		kind: OrganizationKind,
		member: &AccountId,
		role: MemberRole,
	) -> polkadot_sdk::sp_runtime::DispatchResult;
}

/// A registry with nobody in it, for pallets tested without organizations.
impl<AccountId: Clone> OrganizationRegistry<AccountId> for () {
	fn standing(_: &AccountId) -> Option<OrganizationStanding> {
		None
	}

	fn membership(_: &AccountId) -> Option<(AccountId, MemberRole)> {
		None
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(
		_: &AccountId,
		_: OrganizationKind,
	) -> polkadot_sdk::sp_runtime::DispatchResult {
		Err("a registry with nobody in it registers nobody".into())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn member_for_benchmark(
		_: &AccountId,
		_: OrganizationKind,
		_: &AccountId,
		_: MemberRole,
	) -> polkadot_sdk::sp_runtime::DispatchResult {
		Err("a registry with nobody in it has no members".into())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use OrganizationKind::*;

	#[test]
	fn the_table_of_who_holds_what() {
		// Institutions act through their own account.
		assert_eq!(Capability::Manufacture.held_by(Manufacturer, None), Ok(()));
		assert_eq!(Capability::Manufacture.held_by(Distributor, None), Err(Refusal::WrongKind));
		assert_eq!(
			Capability::Manufacture.held_by(Manufacturer, Some(MemberRole::Staff)),
			Err(Refusal::WrongRole)
		);
		assert_eq!(Capability::Regulate.held_by(Regulator, None), Ok(()));
		assert_eq!(Capability::Trade.held_by(Laboratory, None), Err(Refusal::WrongKind));
		// People act in person, in a role.
		assert_eq!(Capability::BreakGlass.held_by(Hospital, Some(MemberRole::Clinician)), Ok(()));
		assert_eq!(
			Capability::BreakGlass.held_by(Hospital, Some(MemberRole::Nurse)),
			Err(Refusal::WrongRole)
		);
		assert_eq!(Capability::BreakGlass.held_by(Hospital, None), Err(Refusal::WrongRole));
		assert_eq!(
			Capability::BreakGlass.held_by(Laboratory, Some(MemberRole::Clinician)),
			Err(Refusal::WrongKind)
		);
		assert_eq!(
			Capability::Investigate.held_by(ResearchSite, Some(MemberRole::Investigator)),
			Ok(())
		);
		for capability in Capability::ALL {
			assert!(!capability.kinds().is_empty(), "{capability:?}");
		}
	}
}
