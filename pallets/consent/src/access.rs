//! The access decision: the one place that says whether an accessor may touch a patient's
//! data.

use healthchain_primitives::{MemberRole, OrganizationStatus};

use crate::*;

/// How an accessor reaches a grant.
enum Route {
	/// The grant is to the accessor itself.
	Direct,
	/// The grant is to the organization the accessor is a member of, in this role.
	Member(MemberRole),
}

impl<T: Config> Pallet<T> {
	/// Decides whether `accessor` may do `action` on `patient`'s data of `category` for
	/// `purpose` at time `now`.
	///
	/// - The patient always has access to their own data.
	/// - Otherwise a live grant of the patient must apply, given to the accessor or to the
	///   organization the accessor is a member of. A grant to an organization needs the
	///   organization active (a suspended one's grants are on hold, a deregistered one's never
	///   apply again, whether its own account or a member asks) and the member's role to act
	///   for the purpose. The grant must be within its period, for the same purpose, cover the
	///   category (a sensitive one only by name) and allow the action.
	/// - Failing that, a break-glass emergency access in force allows reading any category for
	///   treatment. Whether one is in force is the `Records` pallet's rule
	///   (`EmergencyAccessLookup`): running, and its clinician still a Clinician of the active
	///   organization it was granted for.
	/// - When nothing applies, the reason given is that of the grant that came closest,
	///   checked in the order above. With no live grant to the accessor at all, a grant that
	///   recently ended says `Revoked` or `Expired`; otherwise it is `NoConsent`.
	///
	/// Reads the patient's index and each of their grants: O(`MaxConsentsPerPatient`).
	pub fn access_decision(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
		now: Moment,
	) -> AccessDecision {
		Self::counted_decision(patient, accessor, category, action, purpose, now).0
	}

	/// [`access_decision`](Self::access_decision), and how many of the patient's grants it
	/// read: what its weight depends on.
	pub(crate) fn counted_decision(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
		now: Moment,
	) -> (AccessDecision, u32) {
		if patient == accessor {
			return (AccessDecision::Allowed(AccessVia::Patient), 0);
		}
		let membership = T::Organizations::membership(accessor);
		let mut closest: Option<(usize, DenialReason)> = None;
		let mut read: u32 = 0;
		for consent_id in ConsentsByPatient::<T>::get(patient) {
			read = read.saturating_add(1);
			let Some(consent) = Consents::<T>::get(consent_id) else { continue };
			let route = match &membership {
				_ if consent.grantee == *accessor => Route::Direct,
				Some((organization, role)) if consent.grantee == *organization => {
					Route::Member(*role)
				},
				_ => continue,
			};
			match Self::check(&consent, route, category, action, purpose, now) {
				Ok(()) => return (AccessDecision::Allowed(AccessVia::Consent(consent_id)), read),
				Err(failure) => {
					if closest.is_none_or(|(rule, _)| failure.0 > rule) {
						closest = Some(failure);
					}
				},
			}
		}
		if action == Action::Read && purpose == Purpose::Treatment {
			if let Some(access_id) = T::Emergency::in_force(patient, accessor, now) {
				return (AccessDecision::Allowed(AccessVia::Emergency(access_id)), read);
			}
		}
		if let Some((_, reason)) = closest {
			return (AccessDecision::Denied(reason), read);
		}
		let ended = RecentlyEnded::<T>::get(patient).into_iter().rev().find(|ended| {
			ended.grantee == *accessor
				|| membership.as_ref().is_some_and(|(org, _)| ended.grantee == *org)
		});
		let reason = match ended.map(|e| e.reason) {
			Some(EndReason::Revoked) => DenialReason::Revoked,
			Some(EndReason::Expired) => DenialReason::Expired,
			None => DenialReason::NoConsent,
		};
		(AccessDecision::Denied(reason), read)
	}

	/// Checks one grant against the rules in the order they are documented, and on failure
	/// says how far it got (a later rule means a closer grant) and why.
	fn check(
		consent: &ConsentOf<T>,
		route: Route,
		category: DataCategory,
		action: Action,
		purpose: Purpose,
		now: Moment,
	) -> Result<(), (usize, DenialReason)> {
		use DenialReason::*;
		// A grant to a registered organization counts only while it is active, whether the
		// organization's own account or a member asks; deregistration is never undone.
		let standing = match T::Organizations::standing(&consent.grantee).map(|s| s.status) {
			Some(OrganizationStatus::Suspended) => Some(OrganizationSuspended),
			Some(OrganizationStatus::Deregistered) => Some(OrganizationDeregistered),
			Some(OrganizationStatus::Active) | None => None,
		};
		let role = match route {
			Route::Member(role) if !role.acts_for(purpose) => Some(RoleNotPermitted),
			Route::Member(_) | Route::Direct => None,
		};
		let period = if !consent.has_started(now) {
			Some(NotYetValid)
		} else {
			consent.has_expired(now).then_some(Expired)
		};
		// The one ranking: a grant's failures in rule order; the first one is its reason.
		let rules = [
			standing,
			role,
			period,
			(consent.purpose != purpose).then_some(PurposeMismatch),
			(!consent.categories.covers(category)).then_some(CategoryNotCovered),
			(!consent.actions.allows(action)).then_some(ActionNotCovered),
		];
		match rules.into_iter().enumerate().find_map(|(rule, failed)| failed.map(|r| (rule, r))) {
			Some(failure) => Err(failure),
			None => Ok(()),
		}
	}
}
