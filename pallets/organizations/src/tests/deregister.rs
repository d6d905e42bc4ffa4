//! Deregistering an organization for good, and reaping its members afterwards.

use super::*;

#[test]
fn takes_every_permission_for_good_and_leaves_a_tombstone() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_ok!(Orgs::add_member(signed(HOSPITAL), NURSE, MemberRole::Nurse));
		assert_eq!(held(HOSPITAL), 2 * membership_deposit());

		assert_ok!(Orgs::deregister(root(), HOSPITAL));
		assert_eq!(
			last_event(),
			Event::OrganizationDeregistered { organization: HOSPITAL, members: 2 }.into()
		);
		// The record stays, as a tombstone, and says so.
		assert_eq!(
			Orgs::standing(&HOSPITAL).map(|s| s.status),
			Some(OrganizationStatus::Deregistered)
		);
		assert_eq!(Orgs::details(HOSPITAL).and_then(|d| d.deregistered_at), Some(NOW));
		// Neither it nor its members may act.
		assert_eq!(
			Orgs::authorize(&HOSPITAL, Capability::ManageMembers).err(),
			Some(Refusal::Deregistered)
		);
		assert_eq!(
			Orgs::authorize(&CLINICIAN, Capability::BreakGlass).err(),
			Some(Refusal::Deregistered)
		);
		assert_eq!(acting_for(CLINICIAN), None);
		assert_noop!(
			Orgs::add_member(signed(HOSPITAL), OUTSIDER, MemberRole::Staff),
			Error::<Test>::OrganizationDeregistered
		);
		// Nothing brings it back (defect 1: deregistration gave back what suspension took).
		assert_noop!(Orgs::reinstate(root(), HOSPITAL), Error::<Test>::OrganizationDeregistered);
		assert_noop!(
			Orgs::suspend(root(), HOSPITAL, SuspensionReason::Other),
			Error::<Test>::OrganizationDeregistered
		);
		assert_noop!(
			Orgs::register(
				root(),
				HOSPITAL,
				OrganizationKind::Hospital,
				b"Again".to_vec(),
				b"L".to_vec(),
				b"GB".to_vec()
			),
			Error::<Test>::OrganizationDeregistered
		);
		assert_noop!(Orgs::deregister(root(), HOSPITAL), Error::<Test>::OrganizationDeregistered);
	});
}

#[test]
fn costs_the_same_whatever_the_members_and_they_are_reaped_by_anyone() {
	run(|| {
		// Deregistering is O(1) (the runtime test checks a council can afford it); the
		// members stay, powerless, until anyone reaps them.
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_ok!(Orgs::add_member(signed(HOSPITAL), NURSE, MemberRole::Nurse));
		assert_noop!(
			Orgs::reap_member(signed(OUTSIDER), CLINICIAN),
			Error::<Test>::OrganizationNotDeregistered
		);
		assert_ok!(Orgs::deregister(root(), HOSPITAL));
		assert_ok!(Orgs::reap_member(signed(OUTSIDER), CLINICIAN));
		assert_eq!(
			last_event(),
			Event::MemberReaped { organization: HOSPITAL, member: CLINICIAN }.into()
		);
		assert_eq!(held(HOSPITAL), membership_deposit());
		assert_noop!(Orgs::reap_member(signed(OUTSIDER), CLINICIAN), Error::<Test>::NotMember);
		// A member may still leave, and the organization still remove one.
		assert_ok!(Orgs::remove_member(signed(HOSPITAL), NURSE));
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(Orgs::details(HOSPITAL).map(|d| d.member_count), Some(0));
	});
}

#[test]
fn refuses_bad_requests() {
	run(|| {
		assert_noop!(Orgs::deregister(root(), HOSPITAL), Error::<Test>::NotRegistered);
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_noop!(Orgs::deregister(signed(HOSPITAL), HOSPITAL), DispatchError::BadOrigin);
	});
}
