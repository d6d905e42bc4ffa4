//! Suspending and reinstating an organization, which cuts off and restores its members.

use super::*;

fn regulates(who: u64) -> bool {
	Orgs::authorize(&who, Capability::Regulate).is_ok()
}

#[test]
fn cuts_off_the_organization_and_its_members_at_once() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Regulator);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert!(regulates(HOSPITAL));
		assert_eq!(acting_for(CLINICIAN), Some((HOSPITAL, MemberRole::Clinician)));

		Timestamp::set_timestamp(NOW + 5);
		assert_ok!(Orgs::suspend(root(), HOSPITAL, SuspensionReason::LicenseExpired));
		assert_eq!(
			last_event(),
			Event::OrganizationSuspended {
				organization: HOSPITAL,
				reason: SuspensionReason::LicenseExpired
			}
			.into()
		);
		assert_eq!(
			crate::Organizations::<Test>::get(HOSPITAL).unwrap().suspension,
			Some(Suspension { reason: SuspensionReason::LicenseExpired, since: NOW + 5 })
		);
		// Every answer changes in the same block.
		assert_eq!(active_kind(HOSPITAL), None);
		assert!(!regulates(HOSPITAL));
		assert_eq!(acting_for(CLINICIAN), None);
		// The raw facts stay, so callers can say why.
		assert_eq!(
			Orgs::standing(&HOSPITAL),
			Some(OrganizationStanding {
				kind: OrganizationKind::Regulator,
				status: OrganizationStatus::Suspended
			})
		);
		assert_eq!(Orgs::membership(&CLINICIAN), Some((HOSPITAL, MemberRole::Clinician)));
		assert!(!Orgs::membership_details(CLINICIAN).unwrap().active);

		assert_ok!(Orgs::reinstate(root(), HOSPITAL));
		assert_eq!(last_event(), Event::OrganizationReinstated { organization: HOSPITAL }.into());
		assert_eq!(crate::Organizations::<Test>::get(HOSPITAL).unwrap().suspension, None);
		assert!(regulates(HOSPITAL));
		assert_eq!(acting_for(CLINICIAN), Some((HOSPITAL, MemberRole::Clinician)));
	});
}

#[test]
fn refuses_bad_requests() {
	run(|| {
		assert_noop!(
			Orgs::suspend(root(), HOSPITAL, SuspensionReason::Other),
			Error::<Test>::NotRegistered
		);
		assert_noop!(Orgs::reinstate(root(), HOSPITAL), Error::<Test>::NotRegistered);
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_noop!(
			Orgs::suspend(signed(HOSPITAL), HOSPITAL, SuspensionReason::Other),
			DispatchError::BadOrigin
		);
		assert_noop!(Orgs::reinstate(signed(HOSPITAL), HOSPITAL), DispatchError::BadOrigin);
		assert_noop!(Orgs::reinstate(root(), HOSPITAL), Error::<Test>::NotSuspended);
		assert_ok!(Orgs::suspend(root(), HOSPITAL, SuspensionReason::Other));
		assert_noop!(
			Orgs::suspend(root(), HOSPITAL, SuspensionReason::Other),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn stops_a_suspended_organization_adding_members_but_not_removing_them() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_ok!(Orgs::suspend(root(), HOSPITAL, SuspensionReason::Other));
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), NURSE, MemberRole::Nurse),
			Error::<Test>::OrganizationSuspended
		);
		assert_ok!(Orgs::remove_member(signed(HOSPITAL), CLINICIAN));
	});
}
