//! What abuse costs: the fee of a full block, the bonds and deposits that stop free storage, and
//! the refusal of calls that carry arbitrary bytes.

use polkadot_sdk::*;

use crate::common::{current_relay_slot, signed, Chain};
use codec::Encode;
use frame_support::{assert_ok, dispatch::DispatchClass};
use healthchain_runtime::{
	configs::{call_filter, RuntimeBlockWeights},
	Balance, Balances, Runtime, RuntimeCall, RuntimeOrigin, SessionKeys, TransactionPayment,
	DEPOSIT_PER_ITEM, HOURS, MILLI_UNIT, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{InvalidTransaction, TransactionSource},
	Weight,
};

fn hlth(amount: Balance) -> String {
	format!("{}.{:06} HLTH", amount / UNIT, amount % UNIT / (UNIT / 1_000_000))
}

#[test]
fn filling_blocks_costs_a_material_fee_in_both_weight_dimensions() {
	let mut chain = Chain::from_preset("development");
	chain.ext.execute_with(|| {
		let normal = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.expect("the normal class has a limit");
		let by_ref_time =
			TransactionPayment::weight_to_fee(Weight::from_parts(normal.ref_time(), 0));
		let by_proof_size =
			TransactionPayment::weight_to_fee(Weight::from_parts(0, normal.proof_size()));
		let hour = by_ref_time.min(by_proof_size) * Balance::from(HOURS);
		println!(
			"a normal-class block full of ref time costs {}, full of proof size {}; an hour of \
			 full blocks at least {}",
			hlth(by_ref_time),
			hlth(by_proof_size),
			hlth(hour)
		);
		// Delaying a revocation or a recall by an hour of full blocks costs hundreds of HLTH,
		// whichever dimension the attacker fills, before the fee multiplier starts to rise.
		assert!(by_ref_time >= UNIT, "{}", hlth(by_ref_time));
		assert!(by_proof_size >= UNIT, "{}", hlth(by_proof_size));
		assert!(hour >= 500 * UNIT, "{}", hlth(hour));
	});

	// An everyday call stays cheap: a transfer costs a few milli-HLTH, length fee included.
	let results = chain.execute_block(current_relay_slot(), Vec::new);
	assert!(results.is_empty());
	chain.ext.execute_with(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: UNIT,
		});
		let xt = signed(transfer, Alice, 0);
		let len = codec::Encode::encoded_size(&xt) as u32;
		let details = TransactionPayment::query_fee_details(xt, len);
		let fee = details.final_fee();
		let inclusion = details.inclusion_fee.expect("a signed transfer pays an inclusion fee");
		println!(
			"a transfer of {len} bytes costs {}: length fee {}, weight fee {}, base fee {}",
			hlth(fee),
			hlth(inclusion.len_fee),
			hlth(inclusion.adjusted_weight_fee),
			hlth(inclusion.base_fee)
		);
		assert!(fee > MILLI_UNIT && fee < 10 * MILLI_UNIT, "{}", hlth(fee));
	});
}

#[test]
fn a_collator_candidacy_and_session_keys_are_not_free() {
	use frame_support::traits::fungible::InspectHold;
	let mut chain = Chain::from_preset("development");
	chain.execute_block(current_relay_slot(), Vec::new);
	chain.ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	chain.ext.execute_with(|| {
		let bond = pallet_collator_selection::CandidacyBond::<Runtime>::get();
		assert!(bond >= 1_000 * UNIT, "{}", hlth(bond));

		// Dave sets session keys, with the proof that he holds them: the deposit is held.
		let dave = Dave.to_account_id();
		let before = Balances::total_balance_on_hold(&dave);
		let generated = SessionKeys::generate(&dave.encode(), None);
		assert_ok!(pallet_session::Pallet::<Runtime>::set_keys(
			RuntimeOrigin::signed(dave.clone()),
			generated.keys,
			generated.proof.encode(),
		));
		let deposit = Balances::total_balance_on_hold(&dave) - before;
		println!("candidacy bond {}, session-key deposit {}", hlth(bond), hlth(deposit));
		assert_eq!(deposit, <Runtime as pallet_session::Config>::KeyDeposit::get());
		assert!(deposit >= 2 * DEPOSIT_PER_ITEM, "{}", hlth(deposit));
		// Purging the keys returns it.
		assert_ok!(pallet_session::Pallet::<Runtime>::purge_keys(RuntimeOrigin::signed(
			dave.clone()
		)));
		assert_eq!(Balances::total_balance_on_hold(&dave), before);
	});
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: b"patient X is HIV+".to_vec() })
}

#[test]
fn remarks_are_refused_to_signed_accounts_wrapped_or_not() {
	let mut chain = Chain::from_preset("development");
	chain.execute_block(current_relay_slot(), Vec::new);
	let filtered: sp_runtime::DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
	chain.ext.execute_with(|| {
		let alice = RuntimeOrigin::signed(Alice.to_account_id());
		let with_event =
			RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1; 64] });
		for call in [remark(), with_event.clone()] {
			let refused = call.dispatch(alice.clone()).expect_err("a signed remark is refused");
			assert_eq!(refused.error, filtered);
		}
		// Root (the sudo key) still may.
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(with_event) });
		assert_ok!(sudo.dispatch(alice.clone()));
	});

	let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch { calls });
	let sudo_remark = || RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(remark()) });
	// What, the call, who signs it, and whether the pool refuses it.
	let wrapped = [
		("a remark", remark(), Alice, true),
		("a remark in a batch", batch(vec![batch(vec![remark()])]), Alice, true),
		(
			"a remark through a proxy",
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: Bob.to_account_id().into(),
				force_proxy_type: None,
				call: Box::new(remark()),
			}),
			Alice,
			true,
		),
		(
			"a remark as another account",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_as {
				who: Bob.to_account_id().into(),
				call: Box::new(remark()),
			}),
			Alice,
			true,
		),
		(
			"a remark as a fallback",
			RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(batch(vec![])),
				fallback: Box::new(remark()),
			}),
			Alice,
			true,
		),
		// Through `sudo`, a remark is Root's only when the sudo key signs: anyone else's would
		// fail with `RequireSudo`, its bytes in the block.
		("a remark by Root", sudo_remark(), Alice, false),
		("a remark through someone else's sudo", sudo_remark(), Bob, true),
		(
			"a transfer in a batch",
			batch(vec![RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: Bob.to_account_id().into(),
				value: UNIT,
			})]),
			Alice,
			false,
		),
	];
	let parent = chain.head.hash();
	chain.ext.execute_with(|| {
		let sudo_key = pallet_sudo::Key::<Runtime>::get();
		for (what, call, signer, refused) in wrapped {
			let is_sudo_key = sudo_key == Some(signer.to_account_id());
			assert_eq!(call_filter::carries_refused_call(&call, is_sudo_key), refused, "{what}");
			let validity = call_filter::validate_transaction(
				TransactionSource::External,
				signed(call, signer, 0),
				parent,
			);
			if refused {
				assert_eq!(validity, Err(InvalidTransaction::Call.into()), "{what}");
			} else {
				assert!(validity.is_ok(), "{what}: {validity:?}");
			}
		}
	});
}
