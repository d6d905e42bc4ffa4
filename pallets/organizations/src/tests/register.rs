//! Registering an organization: by the registrar only, with valid details, once.

use super::*;

#[test]
fn stores_an_active_organization_and_emits_an_event() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		let org = crate::Organizations::<Test>::get(HOSPITAL).unwrap();
		assert_eq!(org.kind, OrganizationKind::Hospital);
		assert_eq!(org.name.to_vec(), b"St Mary's".to_vec());
		assert_eq!(org.license.to_vec(), b"LIC-1".to_vec());
		assert_eq!(org.jurisdiction, Jurisdiction::parse(b"GB").unwrap());
		assert_eq!(org.suspension, None);
		assert_eq!(org.registered_at, NOW);
		assert_eq!(org.member_count, 0);
		assert_eq!(
			last_event(),
			Event::OrganizationRegistered {
				organization: HOSPITAL,
				kind: OrganizationKind::Hospital
			}
			.into()
		);
		assert_eq!(active_kind(HOSPITAL), Some(OrganizationKind::Hospital));
	});
}

#[test]
fn needs_the_registrar() {
	run(|| {
		assert_noop!(
			Orgs::register(
				signed(HOSPITAL),
				HOSPITAL,
				OrganizationKind::Hospital,
				b"A".to_vec(),
				b"B".to_vec(),
				b"GB".to_vec()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn refuses_bad_details_with_named_errors() {
	run(|| {
		let attempt = |name: &[u8], license: &[u8], jurisdiction: &[u8]| {
			Orgs::register(
				root(),
				HOSPITAL,
				OrganizationKind::Hospital,
				name.to_vec(),
				license.to_vec(),
				jurisdiction.to_vec(),
			)
		};
		assert_noop!(attempt(b"", b"L", b"GB"), Error::<Test>::EmptyName);
		assert_noop!(attempt(&[b'n'; 33], b"L", b"GB"), Error::<Test>::NameTooLong);
		assert_noop!(attempt(b"N", b"", b"GB"), Error::<Test>::EmptyLicense);
		assert_noop!(attempt(b"N", &[b'l'; 17], b"GB"), Error::<Test>::LicenseTooLong);
		for bad in [&b"gb"[..], b"G", b"GBR", b"G1", b"", "GÉ".as_bytes()] {
			assert_noop!(attempt(b"N", b"L", bad), Error::<Test>::InvalidJurisdiction);
		}
		// The longest name and license are accepted.
		assert_ok!(attempt(&[b'n'; 32], &[b'l'; 16], b"ZZ"));
	});
}

#[test]
fn refuses_an_organization_twice() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_noop!(
			Orgs::register(
				root(),
				HOSPITAL,
				OrganizationKind::Clinic,
				b"A".to_vec(),
				b"B".to_vec(),
				b"GB".to_vec()
			),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn refuses_a_member() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		assert_noop!(
			Orgs::register(
				root(),
				CLINICIAN,
				OrganizationKind::Clinic,
				b"A".to_vec(),
				b"B".to_vec(),
				b"GB".to_vec()
			),
			Error::<Test>::AccountIsMember
		);
	});
}
