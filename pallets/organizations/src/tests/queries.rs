//! The reads behind the runtime API: an organization's registry entry and a membership.

use super::*;

#[test]
fn details_shows_the_registry_entry() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_ok!(Orgs::suspend(root(), HOSPITAL, SuspensionReason::Requested));
		assert_eq!(
			Orgs::details(HOSPITAL),
			Some(OrganizationDetails {
				account: HOSPITAL,
				kind: OrganizationKind::Hospital,
				name: b"St Mary's".to_vec(),
				license: b"LIC-1".to_vec(),
				jurisdiction: Jurisdiction::parse(b"GB").unwrap(),
				status: OrganizationStatus::Suspended,
				suspension: Some(Suspension { reason: SuspensionReason::Requested, since: NOW }),
				deregistered_at: None,
				registered_at: NOW,
				member_count: 1,
			})
		);
		assert_eq!(Orgs::details(OUTSIDER), None);
		assert_eq!(Orgs::membership_details(OUTSIDER), None);
	});
}
