//! A test runtime: System, Balances (for deposits), Timestamp, the real `Organizations`
//! registry and the pallet.

use crate as pallet_consent;
use crate::*;
pub use healthchain_dev_support::{
	deposit::{reset_prices, DepositOf, DepositPerByte, DepositPerItem, BYTE_PRICE, ITEM_PRICE},
	time::NOW,
};

use polkadot_sdk::{frame_support, frame_system, pallet_balances, pallet_timestamp, sp_io};

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32},
};
use sp_runtime::{traits::Convert, BuildStorage};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Organizations: pallet_organizations,
		Consent: pallet_consent,
	}
);

healthchain_dev_support::impl_mock_base!(Test);

parameter_types! {
	pub const MembershipHold: RuntimeHoldReason =
		RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit);
	pub const ConsentHold: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
}

#[derive_impl(pallet_organizations::config_preludes::TestDefaultConfig)]
impl pallet_organizations::Config for Test {
	type RegistrarOrigin = frame_system::EnsureRoot<u64>;
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, MembershipHold, DepositOf>;
}

pub const MAX_CONSENTS: u32 = 4;
pub const MAX_RECENTLY_ENDED: u32 = 2;

#[derive_impl(pallet_consent::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type Organizations = Organizations;
	type Emergency = ();
	type Time = Timestamp;
	type Consideration = HoldConsideration<u64, Balances, ConsentHold, DepositOf>;
	type MaxConsentsPerPatient = ConstU32<MAX_CONSENTS>;
	type MaxRecentlyEnded = ConstU32<MAX_RECENTLY_ENDED>;
}

pub const BALANCE: u64 = 10_000;

pub const PATIENT: u64 = 1;
pub const OTHER_PATIENT: u64 = 2;
pub const POOR_PATIENT: u64 = 3;
pub const HOSPITAL: u64 = 10;
pub const LAB: u64 = 11;
pub const CLINICIAN: u64 = 20;
pub const NURSE: u64 = 21;
pub const STAFF: u64 = 22;
pub const INVESTIGATOR: u64 = 23;
pub const LAB_TECHNICIAN: u64 = 24;
pub const RELATIVE: u64 = 30;
pub const OUTSIDER: u64 = 99;

/// The deposit one grant holds.
pub fn consent_deposit() -> u64 {
	DepositOf::convert(Pallet::<Test>::consent_footprint())
}

/// Patients with funds, a hospital with a clinician, a nurse, staff and an investigator, and
/// a laboratory with a technician.
pub fn new_test_ext() -> sp_io::TestExternalities {
	reset_prices();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(PATIENT, BALANCE),
			(OTHER_PATIENT, BALANCE),
			(POOR_PATIENT, 2),
			(HOSPITAL, BALANCE),
			(LAB, BALANCE),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let org = |account, kind, members| pallet_organizations::GenesisOrganization {
		account,
		kind,
		name: "Org".into(),
		license: "L-1".into(),
		jurisdiction: "GB".into(),
		members,
	};
	pallet_organizations::GenesisConfig::<Test> {
		organizations: vec![
			org(
				HOSPITAL,
				pallet_organizations::OrganizationKind::Hospital,
				vec![
					(CLINICIAN, MemberRole::Clinician),
					(NURSE, MemberRole::Nurse),
					(STAFF, MemberRole::Staff),
					(INVESTIGATOR, MemberRole::Investigator),
				],
			),
			org(
				LAB,
				pallet_organizations::OrganizationKind::Laboratory,
				vec![(LAB_TECHNICIAN, MemberRole::Staff)],
			),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext: sp_io::TestExternalities = storage.into();
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(NOW);
	});
	ext
}

/// Runs `test`, then checks the pallet's invariants and that every patient holds exactly
/// what the tickets of their live grants say, at the price of the test's end unless it
/// changed the price.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().unwrap();
		let repriced = (DepositPerItem::get(), DepositPerByte::get()) != (ITEM_PRICE, BYTE_PRICE);
		for patient in [PATIENT, OTHER_PATIENT, POOR_PATIENT] {
			let ids = ConsentsByPatient::<Test>::get(patient);
			let tickets: u64 = ids.iter().map(|id| ticket(*id)).sum();
			assert_eq!(held(patient), tickets, "deposits of {patient}");
			if !repriced {
				assert_eq!(tickets, ids.len() as u64 * consent_deposit(), "tickets of {patient}");
			}
		}
	});
}

/// The amount grant `id`'s ticket says is held.
pub fn ticket(id: ConsentId) -> u64 {
	let deposit = Consents::<Test>::get(id).expect("a live grant").deposit;
	u64::decode(&mut &deposit.encode()[..]).expect("a balance")
}

pub fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&ConsentHold::get(), &who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

pub use pallet_organizations::MemberRole;
