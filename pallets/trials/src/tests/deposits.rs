//! Deposits re-priced by `poke_deposit`, each by the account it is held from.

use super::*;
use codec::Encode;
use polkadot_sdk::frame_support::dispatch::{DispatchResultWithPostInfo, Pays};

/// A completed trial with Alice's enrollment, a submission of the site's investigator and
/// published results: every kind of deposited item.
fn every_item() -> TrialId {
	let id = recruiting();
	assert_ok!(add_investigator(id, SITE_INVESTIGATOR));
	assert_ok!(enroll(ALICE, id));
	assert_ok!(submit(SITE_INVESTIGATOR, id, SubmissionKind::Interim));
	assert_ok!(set_status(id, TrialStatus::ActiveNotRecruiting));
	assert_ok!(set_status(id, TrialStatus::Completed));
	assert_ok!(TrialsPallet::publish_results(
		RuntimeOrigin::signed(SPONSOR),
		id,
		hash(7),
		Locator::ContentHash
	));
	id
}

/// Each item of `every_item`, with the account its deposit is held from and its footprint.
fn items(id: TrialId) -> [(DepositItem<u64>, u64, Footprint); 4] {
	[
		(DepositItem::Trial(id), SPONSOR, TrialsPallet::trial_footprint()),
		(DepositItem::Enrollment(id, ALICE), ALICE, TrialsPallet::enrollment_footprint()),
		(DepositItem::Submission(id, 0), SITE_INVESTIGATOR, TrialsPallet::submission_footprint()),
		(DepositItem::Results(id), SPONSOR, TrialsPallet::results_footprint(1)),
	]
}

/// The stored item, encoded, ticket included.
fn stored(item: &DepositItem<u64>) -> Option<Vec<u8>> {
	match item {
		DepositItem::Trial(id) => Trials::<Test>::get(id).map(|t| t.encode()),
		DepositItem::Enrollment(id, who) => Enrollments::<Test>::get(id, who).map(|e| e.encode()),
		DepositItem::Submission(id, seq) => Submissions::<Test>::get(id, seq).map(|s| s.encode()),
		DepositItem::Results(id) => Results::<Test>::get(id).map(|r| r.encode()),
	}
}

fn poke(who: u64, item: DepositItem<u64>) -> DispatchResultWithPostInfo {
	TrialsPallet::poke_deposit(RuntimeOrigin::signed(who), item)
}

#[test]
fn a_poke_at_an_unchanged_price_pays_its_fee_and_changes_nothing() {
	run(|| {
		let id = every_item();
		for (item, who, _) in items(id) {
			let (before, held_before) = (stored(&item), held(who));
			let info = poke(who, item.clone()).expect("the depositor pokes");
			assert_eq!(info.pays_fee, Pays::Yes);
			assert_eq!((stored(&item), held(who)), (before, held_before));
			assert_ne!(last_event(), event(Event::DepositPoked { who, item }));
		}
	});
}

#[test]
fn a_poke_after_a_price_rise_holds_the_difference_for_free() {
	run(|| {
		let id = every_item();
		DepositPerByte::set(BYTE_PRICE + 1);
		for (item, who, footprint) in items(id) {
			let (before, held_before) = (stored(&item), held(who));
			let info = poke(who, item.clone()).expect("the depositor pokes");
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(held(who), held_before + footprint.size);
			assert_ne!(stored(&item), before);
			assert_eq!(last_event(), event(Event::DepositPoked { who, item }));
		}
		// `run` checks that every account now holds its deposits at the new price.
	});
}

#[test]
fn a_poke_after_a_price_fall_releases_the_difference() {
	run(|| {
		let id = every_item();
		DepositPerItem::set(ITEM_PRICE - 4);
		for (item, who, footprint) in items(id) {
			let held_before = held(who);
			let info = poke(who, item.clone()).expect("the depositor pokes");
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(held(who), held_before - 4 * footprint.count);
			assert_eq!(last_event(), event(Event::DepositPoked { who, item }));
		}
	});
}

#[test]
fn only_the_depositor_pokes_a_deposit() {
	run(|| {
		let id = every_item();
		for who in [OTHER_SPONSOR, ALICE, SITE_INVESTIGATOR] {
			assert_noop!(poke(who, DepositItem::Trial(id)), Error::<Test>::NotTrialSponsor);
			assert_noop!(poke(who, DepositItem::Results(id)), Error::<Test>::NotTrialSponsor);
		}
		for who in [BOB, SPONSOR, SITE_INVESTIGATOR] {
			assert_noop!(
				poke(who, DepositItem::Enrollment(id, ALICE)),
				Error::<Test>::NotDepositor
			);
		}
		for who in [HOSPITAL_INVESTIGATOR, SPONSOR, ALICE] {
			assert_noop!(poke(who, DepositItem::Submission(id, 0)), Error::<Test>::NotDepositor);
		}
	});
}

#[test]
fn poking_an_unknown_item_fails() {
	run(|| {
		let id = every_item();
		let unpublished = register();
		for (who, item) in [
			(SPONSOR, DepositItem::Trial(99)),
			(BOB, DepositItem::Enrollment(id, BOB)),
			(ALICE, DepositItem::Enrollment(99, ALICE)),
			(SITE_INVESTIGATOR, DepositItem::Submission(id, 1)),
			(SPONSOR, DepositItem::Results(unpublished)),
			(SPONSOR, DepositItem::Results(99)),
		] {
			assert_noop!(poke(who, item), Error::<Test>::NotFound);
		}
	});
}

#[test]
fn a_depositor_pokes_whatever_its_standing() {
	run(|| {
		let id = every_item();
		assert_ok!(TrialsPallet::remove_investigator(
			RuntimeOrigin::signed(SPONSOR),
			id,
			SITE_INVESTIGATOR
		));
		assert_ok!(pallet_organizations::Pallet::<Test>::suspend(
			RuntimeOrigin::root(),
			SPONSOR,
			pallet_organizations::SuspensionReason::UnderInvestigation
		));
		assert_ok!(poke(SPONSOR, DepositItem::Trial(id)));
		assert_ok!(pallet_organizations::Pallet::<Test>::deregister(
			RuntimeOrigin::root(),
			SPONSOR
		));
		DepositPerByte::set(BYTE_PRICE + 1);
		for (item, who, _) in items(id) {
			let info = poke(who, item).expect("the depositor pokes");
			assert_eq!(info.pays_fee, Pays::No);
		}
	});
}
