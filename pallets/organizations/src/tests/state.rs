//! The registry's state: built at genesis, and checked by `try_state`.

use super::*;

use polkadot_sdk::{frame_system, pallet_balances, sp_io, sp_runtime::BuildStorage};

use crate as pallet_organizations;

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
