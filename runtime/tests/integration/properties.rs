//! Properties of who may act, over random sequences of calls in the real runtime. After every
//! step:
//! - no permission flows from an organization that is not active: every access the decision
//!   allows through an organization's grant, or an emergency access, comes from an active one,
//!   and the registry grants no capability to a member or account of an inactive one;
//! - a recall of the lot by its manufacturer (whatever its standing) or by an active regulator
//!   succeeds, or says the lot is already recalled;
//! - flagged emergency accesses whose review is open, and the access-log entries made under
//!   them, are all still there.
//!
//! The sequences come from a seeded generator, so a failure names its seed and replays.

use std::collections::{BTreeMap, BTreeSet};

use polkadot_sdk::*;

use frame_support::storage::{with_transaction, TransactionOutcome};
use healthchain_primitives::{
	AccessControl, AccessDecision, AccessVia, Action, Actions, Capability, DataCategory,
	OrganizationKind, OrganizationRegistry, Purpose,
};
use healthchain_runtime::{
	AccountId, Consent, Organizations, Runtime, RuntimeCall, RuntimeOrigin, Timestamp,
};
use sp_runtime::DispatchError;

use crate::authorization::{
	add_record_call, break_glass_call, clinician, dispatch, error_name, lab_results, nurse,
	org_account, patient, ship_call, stranger, world, GTIN, LOT,
};

/// Sequences per run, and calls per sequence.
const SEQUENCES: u64 = 120;
const STEPS: usize = 40;

/// A small, seeded generator (PCG-style): the same seed gives the same sequence.
struct Rng(u64);

impl Rng {
	fn below(&mut self, n: u64) -> u64 {
		self.0 =
			self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
		(self.0 >> 33) % n.max(1)
	}
	fn pick<T: Clone>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize].clone()
	}
}

const SANCTIONABLE: [OrganizationKind; 6] = [
	OrganizationKind::Hospital,
	OrganizationKind::Manufacturer,
	OrganizationKind::Distributor,
	OrganizationKind::Pharmacy,
	OrganizationKind::Regulator,
	OrganizationKind::Clinic,
];

/// Accounts whose access and capabilities are checked.
fn accessors() -> Vec<AccountId> {
	let mut all = vec![clinician(), nurse(), stranger()];
	all.extend(SANCTIONABLE.map(org_account));
	all
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// One random step: a call from a random origin, a sanction, or time passing. Its outcome is
/// whatever the chain says; only the properties are asserted.
fn step(rng: &mut Rng) -> Result<(), DispatchError> {
	use pallet_consent::Call as C;
	use pallet_drug_lots::Call as D;
	use pallet_organizations::Call as O;
	use pallet_records::Call as R;
	match rng.below(16) {
		0 => dispatch(
			RuntimeCall::Consent(C::grant {
				grantee: org_account(rng.pick(&SANCTIONABLE)),
				categories: lab_results(),
				actions: Actions { read: true, write: rng.below(2) == 0 },
				purpose: Purpose::Treatment,
				starts_at: None,
				expires_at: None,
			}),
			signed(&patient()),
		),
		1 => dispatch(
			RuntimeCall::Consent(C::revoke {
				consent_id: rng.below(pallet_consent::NextConsentId::<Runtime>::get().max(1)),
			}),
			signed(&patient()),
		),
		2 => dispatch(add_record_call(), signed(&patient())),
		3 => {
			let record_id = rng.below(pallet_records::NextRecordId::<Runtime>::get().max(1));
			let who = rng.pick(&accessors());
			dispatch(
				RuntimeCall::Records(R::log_access { record_id, purpose: Purpose::Treatment }),
				signed(&who),
			)
		},
		4 => dispatch(break_glass_call(), signed(&clinician())),
		5 => dispatch(
			RuntimeCall::Records(R::end_emergency_access {
				patient: patient(),
				accessor: clinician(),
			}),
			signed(&patient()),
		),
		6 => {
			let access_id =
				rng.below(pallet_records::NextEmergencyAccessId::<Runtime>::get().max(1));
			let who = if rng.below(2) == 0 {
				patient()
			} else {
				org_account(OrganizationKind::Regulator)
			};
			dispatch(
				RuntimeCall::Records(R::flag_emergency_access {
					patient: patient(),
					access_id,
					note_hash: [3; 32],
				}),
				signed(&who),
			)
		},
		7 => {
			let access_id =
				rng.below(pallet_records::NextEmergencyAccessId::<Runtime>::get().max(1));
			let call = if rng.below(2) == 0 {
				R::close_emergency_review { patient: patient(), access_id }
			} else {
				R::clear_emergency_access { patient: patient(), access_id }
			};
			dispatch(RuntimeCall::Records(call), signed(&org_account(OrganizationKind::Regulator)))
		},
		8 => {
			let organization = org_account(rng.pick(&SANCTIONABLE));
			let call = match rng.below(3) {
				0 => O::suspend {
					organization,
					reason: pallet_organizations::SuspensionReason::UnderInvestigation,
				},
				1 => O::reinstate { organization },
				_ => O::deregister { organization },
			};
			// Deregistration is rare: it ends a sequence's interest in that organization.
			if matches!(call, O::deregister { .. }) && rng.below(4) != 0 {
				return Ok(());
			}
			dispatch(RuntimeCall::Organizations(call), RuntimeOrigin::root())
		},
		9 => dispatch(
			RuntimeCall::Organizations(O::leave {}),
			signed(&rng.pick(&[clinician(), nurse()])),
		),
		10 => {
			let now = Timestamp::get();
			let hours = rng.pick(&[1u64, 12, 25, 24 * 31, 24 * 91]);
			pallet_timestamp::Now::<Runtime>::put(now + hours * 3_600_000);
			Ok(())
		},
		11 => {
			let from = rng.pick(&[
				org_account(OrganizationKind::Distributor),
				org_account(OrganizationKind::Pharmacy),
				org_account(OrganizationKind::Manufacturer),
			]);
			let to = org_account(rng.pick(&SANCTIONABLE));
			dispatch(ship_call(to, rng.below(20) + 1), signed(&from))
		},
		12 => {
			let shipment_id = rng.below(pallet_drug_lots::NextShipmentId::<Runtime>::get().max(1));
			let Some(shipment) = pallet_drug_lots::Shipments::<Runtime>::get(shipment_id) else {
				return Ok(());
			};
			match rng.below(3) {
				0 => dispatch(
					RuntimeCall::DrugLots(D::receive { shipment_id }),
					signed(&shipment.to),
				),
				1 => dispatch(
					RuntimeCall::DrugLots(D::reject {
						shipment_id,
						reason: pallet_drug_lots::RejectReason::Other,
					}),
					signed(&shipment.to),
				),
				_ => dispatch(
					RuntimeCall::DrugLots(D::cancel_shipment { shipment_id }),
					signed(&shipment.from),
				),
			}
		},
		13 => dispatch(
			RuntimeCall::DrugLots(D::report_suspect {
				gtin: GTIN.to_vec(),
				lot_number: LOT.to_vec(),
				reason_hash: [4; 32],
			}),
			signed(&rng.pick(&[org_account(OrganizationKind::Pharmacy), stranger()])),
		),
		14 => dispatch(
			RuntimeCall::DrugLots(D::resolve_suspect {
				gtin: GTIN.to_vec(),
				lot_number: LOT.to_vec(),
				outcome: if rng.below(2) == 0 {
					pallet_drug_lots::SuspectOutcome::Cleared
				} else {
					pallet_drug_lots::SuspectOutcome::Illegitimate
				},
			}),
			signed(&org_account(OrganizationKind::Regulator)),
		),
		_ => dispatch(
			RuntimeCall::DrugLots(D::dispense {
				gtin: GTIN.to_vec(),
				lot_number: LOT.to_vec(),
				quantity: 1,
			}),
			signed(&org_account(OrganizationKind::Pharmacy)),
		),
	}
}

fn is_active(organization: &AccountId) -> bool {
	Organizations::standing(organization).is_some_and(|s| s.is_active())
}

/// No permission flows from an organization that is not active.
fn no_permission_from_inactive_organizations() {
	for accessor in accessors() {
		for capability in Capability::ALL {
			if let Ok(actor) = Organizations::authorize(&accessor, capability) {
				assert!(
					is_active(&actor.organization),
					"{capability:?} from an inactive organization"
				);
			}
		}
		for category in [DataCategory::LabResult, DataCategory::Allergy] {
			let decision = <Consent as AccessControl<AccountId>>::decide(
				&patient(),
				&accessor,
				category,
				Action::Read,
				Purpose::Treatment,
			);
			match decision {
				AccessDecision::Allowed(AccessVia::Consent(id)) => {
					let grant = pallet_consent::Consents::<Runtime>::get(id).expect("a live grant");
					if Organizations::standing(&grant.grantee).is_some() {
						assert!(
							is_active(&grant.grantee),
							"a grant to an inactive organization applied"
						);
					}
				},
				AccessDecision::Allowed(AccessVia::Emergency(id)) => {
					let access = pallet_records::EmergencyAccesses::<Runtime>::get(patient(), id)
						.expect("a kept emergency access");
					assert!(
						is_active(&access.organization),
						"an emergency access of an inactive organization"
					);
					assert_eq!(
						Organizations::membership(&accessor).map(|(org, _)| org),
						Some(access.organization),
						"an emergency access followed its clinician elsewhere"
					);
				},
				AccessDecision::Allowed(AccessVia::Patient) | AccessDecision::Denied(_) => {},
			}
		}
	}
}

/// A recall by the manufacturer or an active regulator goes through on the lot.
fn recall_always_goes_through() {
	let lot_number = LOT.to_vec();
	let mut recallers = vec![org_account(OrganizationKind::Manufacturer)];
	if is_active(&org_account(OrganizationKind::Regulator)) {
		recallers.push(org_account(OrganizationKind::Regulator));
	}
	for who in recallers {
		let outcome: Result<Result<(), DispatchError>, DispatchError> = with_transaction(|| {
			let result = dispatch(
				RuntimeCall::DrugLots(pallet_drug_lots::Call::recall {
					gtin: GTIN.to_vec(),
					lot_number: lot_number.clone(),
					reason_hash: [9; 32],
				}),
				signed(&who),
			);
			TransactionOutcome::Rollback(Ok(result))
		});
		match outcome.expect("rolled back") {
			Ok(()) => {},
			Err(error) => assert_eq!(error_name(error), "DrugLots.AlreadyRecalled"),
		}
	}
}

/// What must never be lost while under review: the flagged accesses whose review is open, and
/// the positions of the log entries made under them.
fn under_review() -> (BTreeSet<u64>, BTreeMap<u64, u64>) {
	let accesses: BTreeSet<u64> =
		pallet_records::EmergencyAccesses::<Runtime>::iter_prefix(patient())
			.filter(|(_, access)| access.under_review())
			.map(|(id, _)| id)
			.collect();
	let entries = pallet_records::AccessLog::<Runtime>::iter_prefix(patient())
		.filter_map(|(seq, entry)| match entry.via {
			AccessVia::Emergency(id) if accesses.contains(&id) => Some((seq, id)),
			_ => None,
		})
		.collect();
	(accesses, entries)
}

#[test]
fn who_may_act_holds_over_random_sequences_of_calls() {
	let mut chain = world();
	chain.ext.execute_with(|| {
		// A first record to read.
		crate::authorization::as_signed(&patient(), add_record_call());
		let mut outcomes = std::collections::BTreeMap::<String, u32>::new();
		for seed in 0..SEQUENCES {
			let _: Result<(), DispatchError> = with_transaction(|| {
				let mut rng = Rng(seed.wrapping_add(1));
				for index in 0..STEPS {
					let (accesses_before, entries_before) = under_review();
					let result = step(&mut rng);
					let key = match result {
						Ok(()) => "ok".to_string(),
						Err(error) => error_name(error),
					};
					*outcomes.entry(key).or_default() += 1;
					let context = format!("seed {seed}, step {index}");
					no_permission_from_inactive_organizations();
					recall_always_goes_through();
					let (accesses_after, _) = under_review();
					// A flagged access is kept; it leaves review only when a regulator closes it.
					for id in &accesses_before {
						let access =
							pallet_records::EmergencyAccesses::<Runtime>::get(patient(), id);
						assert!(access.is_some(), "{context}: flagged access {id} was removed");
					}
					// The log entries of an access still under review are all there.
					for (seq, id) in &entries_before {
						if accesses_after.contains(id) {
							assert!(
								pallet_records::AccessLog::<Runtime>::contains_key(patient(), seq),
								"{context}: log entry {seq} of access {id}, under review, was pruned"
							);
						}
					}
				}
				TransactionOutcome::Rollback(Ok(()))
			});
		}
		println!(
			"[figure] who-may-act properties: {SEQUENCES} sequences of {STEPS} calls; outcomes {outcomes:?}"
		);
		assert!(outcomes.get("ok").copied().unwrap_or(0) > (SEQUENCES as u32 * STEPS as u32) / 5);
	});
}
