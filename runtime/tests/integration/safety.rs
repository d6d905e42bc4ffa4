//! Safety calls outrank a flood: a revocation, a recall, a trial's suspension that would succeed
//! rank above every other transaction in the pool, tip or no tip; one that would fail, or that
//! carries other calls, keeps its usual rank.

use polkadot_sdk::*;

use crate::common::{current_relay_slot, sign, tx_extension_with_tip, Chain};
use frame_support::assert_ok;
use healthchain_primitives::{
	Actions, CalendarDate, CategoryScope, DataCategory, Purpose, TrialPhase, TrialStatus,
};
use healthchain_runtime::{
	configs::{
		call_filter,
		safety::{is_safety_call, only_safety_calls, SAFETY_PRIORITY},
		ProxyType,
	},
	genesis_config_presets::demo,
	AccountId, Consent, Runtime, RuntimeCall, RuntimeOrigin, UNIT,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{TransactionPriority, TransactionSource},
};

const GTIN: &[u8] = b"00012345600012";
const LOT: &[u8] = b"LOT-1";

fn pair(path: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(path, None).expect("a valid derivation")
}

fn grant() -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::grant {
		grantee: demo::account(demo::HOSPITAL),
		categories: CategoryScope {
			wildcard: false,
			categories: vec![DataCategory::LabResult].try_into().expect("one category"),
		},
		actions: Actions { read: true, write: false },
		purpose: Purpose::Treatment,
		starts_at: None,
		expires_at: None,
	})
}

fn revoke(consent_id: u64) -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id })
}

fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: demo::account(demo::GUARDIAN).into(),
		value: UNIT,
	})
}

fn batch(calls: Vec<RuntimeCall>) -> RuntimeCall {
	RuntimeCall::Utility(pallet_utility::Call::batch { calls })
}

fn set_status(trial_id: u64, status: TrialStatus) -> RuntimeCall {
	RuntimeCall::Trials(pallet_trials::Call::set_status {
		trial_id,
		status,
		reason_hash: Some([9; 32]),
	})
}

fn lot_call(recall: bool) -> RuntimeCall {
	let (gtin, lot_number) = (GTIN.to_vec(), LOT.to_vec());
	RuntimeCall::DrugLots(if recall {
		pallet_drug_lots::Call::recall { gtin, lot_number, reason_hash: [4; 32] }
	} else {
		pallet_drug_lots::Call::report_suspect { gtin, lot_number, reason_hash: [4; 32] }
	})
}

/// The pool's priority for `call` signed by the demo account at `path`, with `tip`.
fn priority(chain: &mut Chain, path: &str, call: RuntimeCall, tip: u128) -> TransactionPriority {
	let parent = chain.head.hash();
	chain.ext.execute_with(|| {
		let key = pair(path);
		let who = AccountId::from(key.public());
		let nonce = frame_system::Pallet::<Runtime>::account_nonce(&who);
		let tx = sign(call, who, &key, tx_extension_with_tip(nonce, tip));
		call_filter::validate_transaction(TransactionSource::External, tx, parent)
			.expect("a valid transaction")
			.priority
	})
}

#[test]
fn the_safety_calls_are_the_calls_that_stop_harm() {
	let (gtin, lot_number) = (GTIN.to_vec(), LOT.to_vec());
	let someone = demo::account(demo::CLINICIAN);
	let safety = [
		revoke(0),
		RuntimeCall::Records(pallet_records::Call::end_emergency_access {
			patient: someone.clone(),
			accessor: someone.clone(),
		}),
		RuntimeCall::Trials(pallet_trials::Call::withdraw { trial_id: 0 }),
		set_status(0, TrialStatus::Suspended),
		set_status(0, TrialStatus::Terminated),
		lot_call(true),
		lot_call(false),
	];
	for call in &safety {
		assert!(is_safety_call(call), "{call:?}");
		assert!(only_safety_calls(call), "{call:?}");
	}
	let others = [
		grant(),
		transfer(),
		set_status(0, TrialStatus::Recruiting),
		set_status(0, TrialStatus::Completed),
		RuntimeCall::DrugLots(pallet_drug_lots::Call::resolve_suspect {
			gtin,
			lot_number,
			outcome: pallet_drug_lots::SuspectOutcome::Cleared,
		}),
		batch(vec![]),
	];
	for call in &others {
		assert!(!only_safety_calls(call), "{call:?}");
	}
	// Wrapped: safety calls only, at any depth, or nothing.
	let proxied = |call| {
		RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: someone.clone().into(),
			force_proxy_type: None,
			call: Box::new(call),
		})
	};
	assert!(only_safety_calls(&proxied(batch(vec![revoke(0), lot_call(true)]))));
	assert!(!only_safety_calls(&batch(vec![revoke(0), batch(vec![transfer()])])));
	assert!(!only_safety_calls(&proxied(transfer())));
}

#[test]
fn a_safety_call_that_would_succeed_outranks_any_other_transaction() {
	let mut chain = Chain::from_preset("development");
	chain.execute_block(current_relay_slot(), Vec::new);
	let (patient, guardian) = (demo::account(demo::PATIENT), demo::account(demo::GUARDIAN));
	let (manufacturer, sponsor) = (demo::account(demo::MANUFACTURER), demo::account(demo::SPONSOR));
	let signed = |who: &AccountId| RuntimeOrigin::signed(who.clone());
	let (consent_id, trial_id) = chain.ext.execute_with(|| {
		assert_ok!(grant().dispatch(signed(&patient)));
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&patient),
			guardian.clone().into(),
			ProxyType::Guardian,
			0
		));
		assert_ok!(RuntimeCall::DrugLots(pallet_drug_lots::Call::register_product {
			gtin: GTIN.to_vec(),
			name: b"Aspirin".to_vec(),
		})
		.dispatch(signed(&manufacturer)));
		assert_ok!(RuntimeCall::DrugLots(pallet_drug_lots::Call::commission_lot {
			gtin: GTIN.to_vec(),
			lot_number: LOT.to_vec(),
			expiry: CalendarDate { year: 2030, month: 1, day: 31 },
			quantity: 100,
			serials_root: None,
		})
		.dispatch(signed(&manufacturer)));
		let trial_id = pallet_trials::NextTrialId::<Runtime>::get();
		assert_ok!(RuntimeCall::Trials(pallet_trials::Call::register_trial {
			registry_ids: vec![(b"NCT".to_vec(), b"NCT01234567".to_vec())],
			title: b"A trial".to_vec(),
			phase: TrialPhase::Phase2,
			protocol_hash: [1; 32],
			primary_outcomes_hash: [2; 32],
			target_enrollment: 10,
			planned_primary_completion: pallet_timestamp::Now::<Runtime>::get()
				+ 365 * 24 * 3_600_000,
		})
		.dispatch(signed(&sponsor)));
		(Consent::consents_by_patient(&patient, None, 1).items[0].id, trial_id)
	});

	let transfer_priority = priority(&mut chain, "//Patient", transfer(), 0);
	// A tip of 100 HLTH buys a high rank, but not above a safety call.
	let tipped_priority = priority(&mut chain, "//Patient", transfer(), 100 * UNIT);
	assert!(tipped_priority > transfer_priority);
	assert!(tipped_priority < SAFETY_PRIORITY, "{tipped_priority}");

	let guardian_revokes = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
		real: patient.clone().into(),
		force_proxy_type: None,
		call: Box::new(revoke(consent_id)),
	});
	let force_batch = RuntimeCall::Utility(pallet_utility::Call::force_batch {
		calls: vec![revoke(consent_id), revoke(consent_id + 1)],
	});
	// What, who signs it, the transaction, and whether it ranks first.
	let cases = [
		("the patient revokes its grant", "//Patient", revoke(consent_id), true),
		("the patient's guardian revokes it through a proxy", "//Guardian", guardian_revokes, true),
		("the manufacturer recalls its lot", "//Manufacturer", lot_call(true), true),
		("the manufacturer reports its lot suspect", "//Manufacturer", lot_call(false), true),
		(
			"the sponsor suspends its trial",
			"//Sponsor",
			set_status(trial_id, TrialStatus::Suspended),
			true,
		),
		(
			"the sponsor terminates its trial",
			"//Sponsor",
			set_status(trial_id, TrialStatus::Terminated),
			true,
		),
		// Would fail: the usual rank, and the named error at dispatch.
		("the hospital revokes the patient's grant", "//Hospital", revoke(consent_id), false),
		("the patient revokes a grant that does not exist", "//Patient", revoke(99), false),
		("the pharmacy recalls a lot it never held", "//Pharmacy", lot_call(true), false),
		(
			"the patient withdraws from a trial it is not in",
			"//Patient",
			RuntimeCall::Trials(pallet_trials::Call::withdraw { trial_id }),
			false,
		),
		(
			"a batch whose second revocation would fail",
			"//Patient",
			batch(vec![revoke(consent_id), revoke(consent_id + 1)]),
			false,
		),
		("a force_batch whose second revocation would fail", "//Patient", force_batch, false),
		(
			"the guardian's proxy call for someone it does not act for",
			"//Guardian",
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: manufacturer.clone().into(),
				force_proxy_type: None,
				call: Box::new(lot_call(true)),
			}),
			false,
		),
		// Not safety calls, or carrying others.
		(
			"the sponsor opens recruitment",
			"//Sponsor",
			set_status(trial_id, TrialStatus::Recruiting),
			false,
		),
		(
			"a revocation batched with a transfer",
			"//Patient",
			batch(vec![revoke(consent_id), transfer()]),
			false,
		),
	];
	for (what, signer, call, first) in cases {
		let rank = priority(&mut chain, signer, call, 0);
		if first {
			assert!(rank >= SAFETY_PRIORITY && rank > tipped_priority, "{what}: {rank}");
		} else {
			assert!(rank < SAFETY_PRIORITY, "{what}: {rank}");
		}
	}

	// Validation ran each call and kept nothing.
	chain.ext.execute_with(|| {
		assert!(pallet_consent::Consents::<Runtime>::get(consent_id).is_some());
		let key = pallet_drug_lots::Pallet::<Runtime>::lot_key(GTIN, LOT).expect("a valid key");
		let lot = pallet_drug_lots::Lots::<Runtime>::get(key).expect("the lot");
		assert_eq!(lot.status, healthchain_primitives::LotStatus::Active);
		let trial = pallet_trials::Trials::<Runtime>::get(trial_id).expect("the trial");
		assert_eq!(trial.status, TrialStatus::Registered);
	});
}
