//! Adding, removing and leaving memberships, and the deposit each one holds.

use super::*;

#[test]
fn add_member_holds_a_deposit_from_the_organization() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		Timestamp::set_timestamp(NOW + 7);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_eq!(
			last_event(),
			Event::MemberAdded {
				organization: HOSPITAL,
				member: CLINICIAN,
				role: MemberRole::Clinician
			}
			.into()
		);
		let membership = Members::<Test>::get(CLINICIAN).unwrap();
		assert_eq!(membership.organization, HOSPITAL);
		assert_eq!(membership.role, MemberRole::Clinician);
		assert_eq!(membership.since, NOW + 7);
		assert!(OrganizationMembers::<Test>::contains_key(HOSPITAL, CLINICIAN));
		assert_eq!(crate::Organizations::<Test>::get(HOSPITAL).unwrap().member_count, 1);
		assert!(membership_deposit() > 0);
		assert_eq!(held(HOSPITAL), membership_deposit());
		assert_eq!(held(CLINICIAN), 0);
		assert_eq!(
			Orgs::membership_details(CLINICIAN),
			Some(MembershipDetails {
				member: CLINICIAN,
				organization: HOSPITAL,
				role: MemberRole::Clinician,
				since: NOW + 7,
				active: true,
			})
		);
	});
}

#[test]
fn add_member_refuses_with_named_errors() {
	run(|| {
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician),
			Error::<Test>::NotRegistered
		);
		register(HOSPITAL, OrganizationKind::Hospital);
		register(LAB, OrganizationKind::Laboratory);
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), LAB, MemberRole::Staff),
			Error::<Test>::MemberIsOrganization
		);
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), HOSPITAL, MemberRole::Staff),
			Error::<Test>::MemberIsOrganization
		);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		// At most one organization per member, and once in it.
		assert_noop!(
			Orgs::add_member(signed(LAB), CLINICIAN, MemberRole::Staff),
			Error::<Test>::AlreadyMember
		);
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Nurse),
			Error::<Test>::AlreadyMember
		);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), NURSE, MemberRole::Nurse));
		assert_ok!(Orgs::add_member(signed(HOSPITAL), 22, MemberRole::Staff));
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), 23, MemberRole::Staff),
			Error::<Test>::TooManyMembers
		);
	});
}

#[test]
fn add_member_needs_funds_for_the_deposit() {
	run(|| {
		register(POOR_ORG, OrganizationKind::Clinic);
		assert!(Orgs::add_member(signed(POOR_ORG), CLINICIAN, MemberRole::Clinician).is_err());
		assert!(!Members::<Test>::contains_key(CLINICIAN));
	});
}

#[test]
fn remove_member_returns_the_deposit() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_ok!(Orgs::remove_member(signed(HOSPITAL), CLINICIAN));
		assert_eq!(
			last_event(),
			Event::MemberRemoved { organization: HOSPITAL, member: CLINICIAN }.into()
		);
		assert!(!Members::<Test>::contains_key(CLINICIAN));
		assert!(!OrganizationMembers::<Test>::contains_key(HOSPITAL, CLINICIAN));
		assert_eq!(crate::Organizations::<Test>::get(HOSPITAL).unwrap().member_count, 0);
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(Balances::free_balance(HOSPITAL), BALANCE);
	});
}

#[test]
fn remove_member_refuses_with_named_errors() {
	run(|| {
		assert_noop!(
			Orgs::remove_member(signed(HOSPITAL), CLINICIAN),
			Error::<Test>::NotRegistered
		);
		register(HOSPITAL, OrganizationKind::Hospital);
		register(LAB, OrganizationKind::Laboratory);
		assert_noop!(Orgs::remove_member(signed(HOSPITAL), CLINICIAN), Error::<Test>::NotMember);
		assert_ok!(Orgs::add_member(signed(LAB), CLINICIAN, MemberRole::Staff));
		// Another organization's member is not ours to remove.
		assert_noop!(Orgs::remove_member(signed(HOSPITAL), CLINICIAN), Error::<Test>::NotMember);
	});
}

#[test]
fn leave_ends_the_membership_and_returns_the_deposit_to_the_organization() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_noop!(Orgs::leave(signed(NURSE)), Error::<Test>::NotMember);
		assert_ok!(Orgs::leave(signed(CLINICIAN)));
		assert_eq!(
			last_event(),
			Event::MemberLeft { organization: HOSPITAL, member: CLINICIAN }.into()
		);
		assert!(!Members::<Test>::contains_key(CLINICIAN));
		assert_eq!(acting_for(CLINICIAN), None);
		assert_eq!(held(HOSPITAL), 0);
		// A former member may join another organization.
		register(LAB, OrganizationKind::Laboratory);
		assert_ok!(Orgs::add_member(signed(LAB), CLINICIAN, MemberRole::Staff));
	});
}
