//! Re-pricing a membership's deposit with `poke_deposit`, and the footprint it is priced on.

use super::*;

use codec::{Decode, Encode};
use polkadot_sdk::frame_support::dispatch::Pays;

/// The amount `member`'s ticket says is held.
fn ticket(member: u64) -> u64 {
	let deposit = Members::<Test>::get(member).unwrap().deposit;
	u64::decode(&mut &deposit.encode()[..]).unwrap()
}

fn poked(member: u64) -> RuntimeEvent {
	Event::DepositPoked { who: HOSPITAL, member }.into()
}

fn hospital_with_clinician() {
	register(HOSPITAL, OrganizationKind::Hospital);
	assert_ok!(Orgs::add_member(signed(HOSPITAL), CLINICIAN, MemberRole::Clinician));
}

#[test]
fn at_the_same_price_changes_nothing_and_pays_the_fee() {
	run(|| {
		hospital_with_clinician();
		let before = Members::<Test>::get(CLINICIAN);
		System::reset_events();
		let info = Orgs::poke_deposit(signed(HOSPITAL), CLINICIAN).unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		assert_eq!(Members::<Test>::get(CLINICIAN), before);
		assert_eq!(held(HOSPITAL), membership_deposit());
		assert!(System::events().is_empty());
	});
}

#[test]
fn after_a_rise_holds_more_for_free() {
	run(|| {
		hospital_with_clinician();
		let old = membership_deposit();
		DepositPerItem::set(ITEM_PRICE * 3);
		DepositPerByte::set(BYTE_PRICE * 2);
		let new = membership_deposit();
		assert!(new > old);
		// Until poked, the deposit keeps the old price.
		assert_eq!(held(HOSPITAL), old);

		let info = Orgs::poke_deposit(signed(HOSPITAL), CLINICIAN).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(last_event(), poked(CLINICIAN));
		assert_eq!(held(HOSPITAL), new);
		assert_eq!(ticket(CLINICIAN), new);
		assert_eq!(Balances::free_balance(HOSPITAL), BALANCE - new);
		// Poked again at the same price, it changes nothing.
		let info = Orgs::poke_deposit(signed(HOSPITAL), CLINICIAN).unwrap();
		assert_eq!(info.pays_fee, Pays::Yes);
		// Leaving returns the new deposit, all of it.
		assert_ok!(Orgs::leave(signed(CLINICIAN)));
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(Balances::free_balance(HOSPITAL), BALANCE);
	});
}

#[test]
fn after_a_fall_releases_the_difference_even_when_deregistered() {
	run(|| {
		hospital_with_clinician();
		assert_ok!(Orgs::add_member(signed(HOSPITAL), NURSE, MemberRole::Nurse));
		let old = membership_deposit();
		assert_ok!(Orgs::deregister(root(), HOSPITAL));
		DepositPerItem::set(ITEM_PRICE / 2);
		DepositPerByte::set(0);
		let new = membership_deposit();
		assert!(new < old);

		let info = Orgs::poke_deposit(signed(HOSPITAL), CLINICIAN).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(last_event(), poked(CLINICIAN));
		// Only the poked membership is re-priced.
		assert_eq!(held(HOSPITAL), new + old);
		assert_eq!(ticket(CLINICIAN), new);
		assert_eq!(ticket(NURSE), old);
		assert_eq!(Balances::free_balance(HOSPITAL), BALANCE - new - old);
		assert_ok!(Orgs::reap_member(signed(OUTSIDER), CLINICIAN));
		assert_ok!(Orgs::reap_member(signed(OUTSIDER), NURSE));
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(Balances::free_balance(HOSPITAL), BALANCE);
	});
}

#[test]
fn is_for_the_organization_the_deposit_is_held_from() {
	run(|| {
		hospital_with_clinician();
		register(LAB, OrganizationKind::Laboratory);
		DepositPerItem::set(ITEM_PRICE * 2);
		for stranger in [LAB, CLINICIAN, OUTSIDER] {
			assert_noop!(Orgs::poke_deposit(signed(stranger), CLINICIAN), Error::<Test>::NotMember);
		}
		assert_noop!(Orgs::poke_deposit(root(), CLINICIAN), DispatchError::BadOrigin);
	});
}

#[test]
fn the_footprint_counts_the_ticket_once() {
	// The membership (its ticket inside) and its index entry; three account keys.
	assert_eq!(Orgs::membership_footprint(), Footprint::from_parts(2, 25 + 3 * 8));
	// The runtime's figures in docs/pallets/organizations.md: 32-byte accounts and a
	// 16-byte balance in the ticket.
	let runtime_membership =
		Membership::<polkadot_sdk::sp_runtime::AccountId32, u128>::max_encoded_len();
	assert_eq!(runtime_membership + 3 * 32, 153);
}

#[test]
fn refuses_an_unknown_member() {
	run(|| {
		hospital_with_clinician();
		assert_noop!(Orgs::poke_deposit(signed(HOSPITAL), NURSE), Error::<Test>::NotMember);
		assert_ok!(Orgs::remove_member(signed(HOSPITAL), CLINICIAN));
		assert_noop!(Orgs::poke_deposit(signed(HOSPITAL), CLINICIAN), Error::<Test>::NotMember);
	});
}
