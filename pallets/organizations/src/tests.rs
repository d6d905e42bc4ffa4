use crate::{mock::*, *};

use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	frame_system, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError},
};

use crate as pallet_organizations;

type Orgs = Pallet<Test>;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn register(account: u64, kind: OrganizationKind) {
	assert_ok!(Orgs::register(
		root(),
		account,
		kind,
		b"St Mary's".to_vec(),
		b"LIC-1".to_vec(),
		b"GB".to_vec()
	));
}

/// The kind of `who`, if it is an active organization.
fn active_kind(who: u64) -> Option<OrganizationKind> {
	Orgs::standing(&who).filter(|s| s.is_active()).map(|s| s.kind)
}

/// The active organization `member` acts for, and its role.
fn acting_for(member: u64) -> Option<(u64, MemberRole)> {
	Orgs::membership(&member).filter(|(org, _)| active_kind(*org).is_some())
}

fn regulates(who: u64) -> bool {
	Orgs::authorize(&who, Capability::Regulate).is_ok()
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::Organizations(HoldReason::MembershipDeposit),
		&who,
	)
}

mod register {
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
			assert_eq!(org.registered_at, REGISTRAR_TIME);
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
}

mod update_details {
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
			assert_eq!(org.registered_at, REGISTRAR_TIME);
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
}

mod suspension {
	use super::*;

	#[test]
	fn cuts_off_the_organization_and_its_members_at_once() {
		run(|| {
			register(HOSPITAL, OrganizationKind::Regulator);
			assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
			assert!(regulates(HOSPITAL));
			assert_eq!(acting_for(CLINICIAN), Some((HOSPITAL, MemberRole::Clinician)));

			Timestamp::set_timestamp(REGISTRAR_TIME + 5);
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
				Some(Suspension {
					reason: SuspensionReason::LicenseExpired,
					since: REGISTRAR_TIME + 5
				})
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
			assert_eq!(
				last_event(),
				Event::OrganizationReinstated { organization: HOSPITAL }.into()
			);
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
}

mod members {
	use super::*;

	#[test]
	fn add_member_holds_a_deposit_from_the_organization() {
		run(|| {
			register(HOSPITAL, OrganizationKind::Hospital);
			Timestamp::set_timestamp(REGISTRAR_TIME + 7);
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
			assert_eq!(membership.since, REGISTRAR_TIME + 7);
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
					since: REGISTRAR_TIME + 7,
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
			assert_noop!(
				Orgs::remove_member(signed(HOSPITAL), CLINICIAN),
				Error::<Test>::NotMember
			);
			assert_ok!(Orgs::add_member(signed(LAB), CLINICIAN, MemberRole::Staff));
			// Another organization's member is not ours to remove.
			assert_noop!(
				Orgs::remove_member(signed(HOSPITAL), CLINICIAN),
				Error::<Test>::NotMember
			);
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
}

mod deregister {
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
			assert_eq!(
				Orgs::details(HOSPITAL).and_then(|d| d.deregistered_at),
				Some(REGISTRAR_TIME)
			);
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
			assert_noop!(
				Orgs::reinstate(root(), HOSPITAL),
				Error::<Test>::OrganizationDeregistered
			);
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
			assert_noop!(
				Orgs::deregister(root(), HOSPITAL),
				Error::<Test>::OrganizationDeregistered
			);
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
}

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
				suspension: Some(Suspension {
					reason: SuspensionReason::Requested,
					since: REGISTRAR_TIME
				}),
				deregistered_at: None,
				registered_at: REGISTRAR_TIME,
				member_count: 1,
			})
		);
		assert_eq!(Orgs::details(OUTSIDER), None);
		assert_eq!(Orgs::membership_details(OUTSIDER), None);
	});
}

#[test]
fn genesis_registers_organizations_and_members_with_deposits() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(HOSPITAL, BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_organizations::GenesisConfig::<Test> {
		organizations: vec![GenesisOrganization {
			account: HOSPITAL,
			kind: OrganizationKind::Hospital,
			name: "General".into(),
			license: "H-1".into(),
			jurisdiction: "GB".into(),
			members: vec![(CLINICIAN, MemberRole::Clinician)],
		}],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::from(storage).execute_with(|| {
		assert_eq!(active_kind(HOSPITAL), Some(OrganizationKind::Hospital));
		assert_eq!(acting_for(CLINICIAN), Some((HOSPITAL, MemberRole::Clinician)));
		assert_eq!(held(HOSPITAL), membership_deposit());
		Orgs::do_try_state().unwrap();
	});
}

#[test]
#[should_panic(expected = "genesis organization")]
fn genesis_refuses_an_invalid_organization() {
	let _ = pallet_organizations::GenesisConfig::<Test> {
		organizations: vec![GenesisOrganization {
			account: HOSPITAL,
			kind: OrganizationKind::Hospital,
			name: "General".into(),
			license: "H-1".into(),
			jurisdiction: "gb".into(),
			members: vec![],
		}],
	}
	.build_storage();
}

#[test]
fn try_state_catches_a_broken_index() {
	run(|| {
		register(HOSPITAL, OrganizationKind::Hospital);
		assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
		OrganizationMembers::<Test>::remove(HOSPITAL, CLINICIAN);
		assert!(Orgs::do_try_state().is_err());
		OrganizationMembers::<Test>::insert(HOSPITAL, CLINICIAN, ());
	});
}
