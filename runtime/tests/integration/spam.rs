//! What abuse costs: the fee of a full block, the bonds and deposits that stop free storage, and
//! the refusal of calls that carry arbitrary bytes.

use polkadot_sdk::*;

use crate::common::{current_relay_slot, signed, Chain};
use frame_support::{assert_ok, dispatch::DispatchClass};
use healthchain_runtime::{
	configs::{call_filter, RuntimeBlockWeights},
	genesis_config_presets::CANDIDACY_BOND,
	Balance, Runtime, RuntimeCall, RuntimeOrigin, TransactionPayment, DEPOSIT_PER_ITEM, HOURS,
	MILLI_UNIT, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
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
		let fee = TransactionPayment::query_info(xt, len).partial_fee;
		println!("a transfer of {len} bytes costs {}", hlth(fee));
		assert!(fee > MILLI_UNIT / 10 && fee < 10 * MILLI_UNIT, "{}", hlth(fee));
	});
}

#[test]
fn a_collator_candidacy_and_session_keys_are_not_free() {
	let mut chain = Chain::from_preset("development");
	chain.ext.execute_with(|| {
		let bond = pallet_collator_selection::CandidacyBond::<Runtime>::get();
		assert_eq!(bond, CANDIDACY_BOND);
		assert!(bond >= 1_000 * UNIT);
		let key_deposit: Balance = <Runtime as pallet_session::Config>::KeyDeposit::get();
		println!(
			"candidacy bond {}, session-key deposit {}",
			hlth(CANDIDACY_BOND),
			hlth(key_deposit)
		);
		assert!(key_deposit >= 2 * DEPOSIT_PER_ITEM);
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
	let wrapped = [
		("a remark", remark(), true),
		("a remark in a batch", batch(vec![batch(vec![remark()])]), true),
		(
			"a remark through a proxy",
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: Bob.to_account_id().into(),
				force_proxy_type: None,
				call: Box::new(remark()),
			}),
			true,
		),
		(
			"a remark as another account",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo_as {
				who: Bob.to_account_id().into(),
				call: Box::new(remark()),
			}),
			true,
		),
		(
			"a remark as a fallback",
			RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(batch(vec![])),
				fallback: Box::new(remark()),
			}),
			true,
		),
		(
			"a remark by Root",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(remark()) }),
			false,
		),
		(
			"a transfer in a batch",
			batch(vec![RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: Bob.to_account_id().into(),
				value: UNIT,
			})]),
			false,
		),
	];
	let parent = chain.head.hash();
	chain.ext.execute_with(|| {
		for (what, call, refused) in wrapped {
			assert_eq!(call_filter::carries_refused_call(&call), refused, "{what}");
			let validity = call_filter::validate_transaction(
				TransactionSource::External,
				signed(call, Alice, 0),
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
