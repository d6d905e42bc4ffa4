use super::*;

use polkadot_sdk::frame_support::dispatch::Pays;

fn poke(who: u64, id: ConsentId) -> DispatchResultWithPostInfo {
	ConsentPallet::poke_deposit(RuntimeOrigin::signed(who), id)
}

#[test]
fn at_the_same_price_changes_nothing_and_pays_the_fee() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		let before = Consents::<Test>::get(id);
		System::reset_events();
		assert_eq!(poke(PATIENT, id).unwrap().pays_fee, Pays::Yes);
		assert_eq!(Consents::<Test>::get(id), before);
		assert_eq!(held(PATIENT), consent_deposit());
		assert!(System::events().is_empty());
	});
}

#[test]
fn after_a_rise_holds_more_for_free() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		let old = consent_deposit();
		DepositPerItem::set(ITEM_PRICE * 3);
		DepositPerByte::set(BYTE_PRICE * 2);
		let new = consent_deposit();
		assert!(new > old);
		// Until poked, the deposit keeps the old price.
		assert_eq!(held(PATIENT), old);

		assert_eq!(poke(PATIENT, id).unwrap().pays_fee, Pays::No);
		assert_eq!(last_event(), Event::DepositPoked { who: PATIENT, consent_id: id }.into());
		assert_eq!(held(PATIENT), new);
		assert_eq!(ticket(id), new);
		assert_eq!(Balances::free_balance(PATIENT), BALANCE - new);
		// Poked again at the same price, it changes nothing.
		assert_eq!(poke(PATIENT, id).unwrap().pays_fee, Pays::Yes);
		// Revoking returns the new deposit, all of it.
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), BALANCE);
	});
}

#[test]
fn after_a_fall_releases_the_difference() {
	run(|| {
		let poked = grant_lab_read(PATIENT, HOSPITAL);
		let kept = grant_lab_read(PATIENT, LAB);
		let old = consent_deposit();
		DepositPerItem::set(ITEM_PRICE / 2);
		DepositPerByte::set(0);
		let new = consent_deposit();
		assert!(new < old);

		assert_eq!(poke(PATIENT, poked).unwrap().pays_fee, Pays::No);
		assert_eq!(last_event(), Event::DepositPoked { who: PATIENT, consent_id: poked }.into());
		// Only the poked grant is re-priced.
		assert_eq!(ticket(poked), new);
		assert_eq!(ticket(kept), old);
		assert_eq!(held(PATIENT), new + old);
		assert_eq!(Balances::free_balance(PATIENT), BALANCE - new - old);
		// The grant itself is untouched.
		assert_eq!(read_lab(HOSPITAL), via_consent(poked));
	});
}

#[test]
fn cannot_pay_for_a_rise_it_cannot_afford() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		DepositPerItem::set(BALANCE);
		assert!(poke(PATIENT, id).is_err());
		assert_eq!(held(PATIENT), ticket(id));
		DepositPerItem::set(ITEM_PRICE);
		assert_eq!(ticket(id), consent_deposit());
	});
}

#[test]
fn is_for_the_patient_only() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		DepositPerItem::set(ITEM_PRICE * 2);
		for stranger in [HOSPITAL, CLINICIAN, OTHER_PATIENT] {
			assert_noop!(poke(stranger, id), Error::<Test>::NotPatient);
		}
		assert_noop!(
			ConsentPallet::poke_deposit(RuntimeOrigin::root(), id),
			DispatchError::BadOrigin
		);
		DepositPerItem::set(ITEM_PRICE);
	});
}

#[test]
fn the_footprint_counts_the_ticket_once() {
	// The grant (its ticket inside) and its two index entries; the grantee's key and three
	// grant ids.
	assert_eq!(ConsentPallet::consent_footprint(), Footprint::from_parts(3, 68 + 8 + 3 * 8));
	// The runtime's figures in docs/pallets/consent.md: 32-byte accounts and a 16-byte
	// balance in the ticket.
	let runtime_grant =
		crate::Consent::<polkadot_sdk::sp_runtime::AccountId32, u128>::max_encoded_len();
	assert_eq!(runtime_grant + 32 + 3 * 8, 180);
}

#[test]
fn refuses_an_unknown_grant() {
	run(|| {
		assert_noop!(poke(PATIENT, 0), Error::<Test>::NotFound);
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(poke(PATIENT, id), Error::<Test>::NotFound);
	});
}
