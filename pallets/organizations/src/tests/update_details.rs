//! Correcting an organization's details: by the registrar only, never once deregistered.

use super::*;

#[test]
fn changes_what_is_given_and_keeps_the_rest() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::update_details(root(), HOSPITAL, Some(b"New".to_vec()), None, None));
		let org = crate::Organizations::<Test>::get(HOSPITAL).unwrap();
		assert_eq!(org.name.to_vec(), b"New".to_vec());
		assert_eq!(org.license.to_vec(), b"LIC-1".to_vec());
		assert_eq!(last_event(), Event::OrganizationUpdated { organization: HOSPITAL }.into());

		assert_ok!(Orgs::update_details(
			root(),
			HOSPITAL,
			None,
			Some(b"LIC-2".to_vec()),
			Some(b"FR".to_vec())
		));
		let org = crate::Organizations::<Test>::get(HOSPITAL).unwrap();
		assert_eq!(org.name.to_vec(), b"New".to_vec());
		assert_eq!(org.license.to_vec(), b"LIC-2".to_vec());
		assert_eq!(org.jurisdiction, Jurisdiction::parse(b"FR").unwrap());
		assert_eq!(org.registered_at, NOW);
	});
}

#[test]
fn refuses_bad_details_and_strangers() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, Some(vec![]), None, None),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, Some(vec![b'n'; 33]), None, None),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, None, Some(vec![]), None),
			Error::<Test>::EmptyLicense
		);
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, None, Some(vec![b'l'; 17]), None),
			Error::<Test>::LicenseTooLong
		);
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, None, None, Some(b"uk".to_vec())),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(
			Orgs::update_details(root(), OUTSIDER, Some(b"X".to_vec()), None, None),
			Error::<Test>::NotRegistered
		);
		// Defect 7: the organization rewrote its own accreditation, even while suspended.
		assert_noop!(
			Orgs::update_details(signed(HOSPITAL), HOSPITAL, Some(b"X".to_vec()), None, None),
			DispatchError::BadOrigin
		);
		assert_ok!(Orgs::suspend(root(), HOSPITAL, SuspensionReason::UnderInvestigation));
		assert_noop!(
			Orgs::update_details(signed(HOSPITAL), HOSPITAL, Some(b"X".to_vec()), None, None),
			DispatchError::BadOrigin
		);
		// The registrar may correct a suspended organization's details, not a
		// deregistered one's.
		assert_ok!(Orgs::update_details(root(), HOSPITAL, Some(b"Y".to_vec()), None, None));
		assert_ok!(Orgs::deregister(root(), HOSPITAL));
		assert_noop!(
			Orgs::update_details(root(), HOSPITAL, Some(b"Z".to_vec()), None, None),
			Error::<Test>::OrganizationDeregistered
		);
	});
}
