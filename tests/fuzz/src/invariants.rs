//! The invariants checked after every step.

use std::collections::BTreeMap;

use polkadot_sdk::*;

use codec::{Decode, Encode};
use healthchain_runtime::{AccountId, Balance, Runtime, RuntimeHoldReason};

/// The five pallets' hold reasons, in this order.
const PALLETS: [&str; 5] = ["Organizations", "Consent", "Records", "Trials", "DrugLots"];
const REASONS: [RuntimeHoldReason; 5] = [
	RuntimeHoldReason::Organizations(pallet_organizations::HoldReason::MembershipDeposit),
	RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit),
	RuntimeHoldReason::Records(pallet_records::HoldReason::StorageDeposit),
	RuntimeHoldReason::Trials(pallet_trials::HoldReason::StorageDeposit),
	RuntimeHoldReason::DrugLots(pallet_drug_lots::HoldReason::StorageDeposit),
];

/// Every invariant, or the first that does not hold.
pub fn check() -> Result<(), String> {
	type TryState = fn() -> Result<(), sp_runtime::TryRuntimeError>;
	let pallets: [(&str, TryState); 5] = [
		("Organizations", pallet_organizations::Pallet::<Runtime>::do_try_state),
		("Consent", pallet_consent::Pallet::<Runtime>::do_try_state),
		("Records", pallet_records::Pallet::<Runtime>::do_try_state),
		("Trials", pallet_trials::Pallet::<Runtime>::do_try_state),
		("DrugLots", pallet_drug_lots::Pallet::<Runtime>::do_try_state),
	];
	for (name, try_state) in pallets {
		try_state().map_err(|e| format!("{name}::try_state: {e:?}"))?;
	}
	holds()
}

/// The amount a deposit ticket holds. A `HoldConsideration` encodes as the amount it holds.
fn amount(ticket: &impl Encode) -> Balance {
	Balance::decode(&mut ticket.encode().as_slice()).unwrap_or(Balance::MAX)
}

/// The deposits each pallet's items hold, by pallet (its index in `PALLETS`) and payer.
fn deposits() -> BTreeMap<(usize, AccountId), Balance> {
	let [membership, consent, records, trials, lots] = [0, 1, 2, 3, 4];
	let mut expected = BTreeMap::<(usize, AccountId), Balance>::new();
	let mut add = |reason: usize, who: &AccountId, ticket: Balance| {
		*expected.entry((reason, who.clone())).or_default() += ticket;
	};
	for (_, m) in pallet_organizations::Members::<Runtime>::iter() {
		add(membership, &m.organization, amount(&m.deposit));
	}
	for (_, c) in pallet_consent::Consents::<Runtime>::iter() {
		add(consent, &c.patient, amount(&c.deposit));
	}
	for (who, key) in pallet_records::EncryptionKeys::<Runtime>::iter() {
		add(records, &who, amount(&key.deposit));
	}
	for (_, r) in pallet_records::Records::<Runtime>::iter() {
		add(records, &r.author, amount(&r.deposit));
		if let Some(shared) = &r.shared_deposit {
			add(records, &r.patient, amount(shared));
		}
	}
	for (_, _, access) in pallet_records::EmergencyAccesses::<Runtime>::iter() {
		add(records, &access.accessor, amount(&access.deposit));
	}
	for (_, trial) in pallet_trials::Trials::<Runtime>::iter() {
		add(trials, &trial.sponsor, amount(&trial.deposit));
	}
	for (_, participant, p) in pallet_trials::Enrollments::<Runtime>::iter() {
		add(trials, &participant, amount(&p.deposit));
	}
	for (_, _, s) in pallet_trials::Submissions::<Runtime>::iter() {
		add(trials, &s.investigator, amount(&s.deposit));
	}
	for (trial_id, results) in pallet_trials::Results::<Runtime>::iter() {
		// Results without their trial would hold from no one: flagged as the zero account.
		let sponsor = pallet_trials::Trials::<Runtime>::get(trial_id)
			.map(|t| t.sponsor)
			.unwrap_or_else(|| AccountId::new([0; 32]));
		add(trials, &sponsor, amount(&results.deposit));
	}
	for (_, product) in pallet_drug_lots::Products::<Runtime>::iter() {
		add(lots, &product.manufacturer, amount(&product.deposit));
	}
	for (_, lot) in pallet_drug_lots::Lots::<Runtime>::iter() {
		add(lots, &lot.manufacturer, amount(&lot.deposit));
	}
	expected.retain(|_, amount| *amount > 0);
	expected
}

/// Each account's hold under each of the five pallets' reasons equals what their items hold
/// from it; and every account's holds fit in its reserved balance.
fn holds() -> Result<(), String> {
	let mut actual = BTreeMap::new();
	for (who, holds) in pallet_balances::Holds::<Runtime>::iter() {
		let total: Balance = holds.iter().map(|hold| hold.amount).sum();
		let reserved = frame_system::Account::<Runtime>::get(&who).data.reserved;
		if total > reserved {
			return Err(format!("{who} holds {total} but has {reserved} reserved"));
		}
		for hold in holds.iter().filter(|hold| hold.amount > 0) {
			if let Some(pallet) = REASONS.iter().position(|reason| *reason == hold.id) {
				actual.insert((pallet, who.clone()), hold.amount);
			}
		}
	}
	let expected = deposits();
	if actual != expected {
		let keys: std::collections::BTreeSet<_> = expected.keys().chain(actual.keys()).collect();
		let differences: Vec<_> = keys
			.into_iter()
			.filter(|key| expected.get(key) != actual.get(key))
			.map(|key| {
				format!(
					"{} deposits of {}: items hold {:?}, balance holds {:?}",
					PALLETS[key.0],
					key.1,
					expected.get(key),
					actual.get(key)
				)
			})
			.collect();
		return Err(format!("held balances disagree with deposits: {}", differences.join("; ")));
	}
	Ok(())
}
