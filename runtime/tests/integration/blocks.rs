//! Whole blocks on the `development` genesis: inherents, a signed transfer, fees, events.

use polkadot_sdk::*;

use crate::common::{current_relay_slot, signed, signed_as, Chain};
use healthchain_runtime::{
	Balances, Runtime, RuntimeCall, RuntimeEvent, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::transaction_validity::InvalidTransaction;

fn transfer(to: sp_keyring::Sr25519Keyring, amount: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: to.to_account_id().into(),
		value: amount,
	})
}

#[test]
fn empty_blocks_build_on_each_other() {
	let mut chain = Chain::from_preset("development");
	let slot = current_relay_slot();
	for n in 0..3 {
		assert!(chain.execute_block(slot + n, Vec::new).is_empty());
	}
	assert_eq!(chain.head.number, 3);
	chain.ext.execute_with(|| {
		assert_eq!(
			pallet_timestamp::Now::<Runtime>::get(),
			(slot + 2) * healthchain_runtime::SLOT_DURATION
		);
	});
}

#[test]
fn a_block_with_a_signed_transfer_moves_funds_and_charges_a_fee() {
	let mut chain = Chain::from_preset("development");
	let amount = 5 * UNIT;
	let (alice_before, bob_before) = chain.ext.execute_with(|| {
		(Balances::free_balance(Alice.to_account_id()), Balances::free_balance(Bob.to_account_id()))
	});

	let results =
		chain.execute_block(current_relay_slot(), || vec![signed(transfer(Bob, amount), Alice, 0)]);
	assert_eq!(results.len(), 1);
	assert!(matches!(results[0], Ok(Ok(()))), "{:?}", results[0]);

	chain.ext.execute_with(|| {
		assert_eq!(Balances::free_balance(Bob.to_account_id()), bob_before + amount);

		let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
		assert!(events.contains(&RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: Alice.to_account_id(),
			to: Bob.to_account_id(),
			amount,
		})));
		let fee = events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						who, actual_fee, ..
					},
				) if *who == Alice.to_account_id() => Some(*actual_fee),
				_ => None,
			})
			.expect("the transfer paid a fee");
		assert!(fee > 0);
		assert_eq!(Balances::free_balance(Alice.to_account_id()), alice_before - amount - fee);
		assert_eq!(System::account_nonce(Alice.to_account_id()), 1);
	});
}

#[test]
fn a_replayed_transfer_is_refused() {
	let mut chain = Chain::from_preset("development");
	let slot = current_relay_slot();
	chain.execute_block(slot, || vec![signed(transfer(Bob, UNIT), Alice, 0)]);
	let results = chain.execute_block(slot + 1, || vec![signed(transfer(Bob, UNIT), Alice, 0)]);
	assert_eq!(
		results[0],
		Err(sp_runtime::transaction_validity::TransactionValidityError::Invalid(
			InvalidTransaction::Stale
		))
	);
}

#[test]
fn a_transfer_signed_by_someone_else_is_refused() {
	let mut chain = Chain::from_preset("development");
	// Alice's transaction carrying Charlie's signature.
	let results = chain.execute_block(current_relay_slot(), || {
		vec![signed_as(transfer(Bob, UNIT), Alice, Charlie, 0)]
	});
	assert_eq!(
		results[0],
		Err(sp_runtime::transaction_validity::TransactionValidityError::Invalid(
			InvalidTransaction::BadProof
		))
	);
	chain.ext.execute_with(|| assert_eq!(System::account_nonce(Alice.to_account_id()), 0));
}

#[test]
fn transfer_keep_alive_refuses_to_kill_the_sender() {
	let mut chain = Chain::from_preset("development");
	let everything = chain.ext.execute_with(|| Balances::free_balance(Charlie.to_account_id()));
	let results = chain.execute_block(current_relay_slot(), || {
		vec![signed(transfer(Bob, everything), Charlie, 0)]
	});
	// The extrinsic is included (and pays its fee) but the transfer fails.
	assert!(matches!(results[0], Ok(Err(_))), "{:?}", results[0]);
	chain.ext.execute_with(|| {
		assert!(Balances::free_balance(Charlie.to_account_id()) >= EXISTENTIAL_DEPOSIT);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. })
		)));
	});
}
