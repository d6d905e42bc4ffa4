//! The world every sequence starts from, and the passing of time.

use polkadot_sdk::*;

use arbitrary::Unstructured;
use frame_support::traits::{fungible::Mutate, OnFinalize, OnIdle, OnInitialize};
use healthchain_primitives::{
	Actions, CalendarDate, CategoryScope, DataCategory, EmergencyReason, Locator, MemberRole,
	OrganizationKind, Purpose, SuspensionReason, TrialPhase, TrialStatus, WrappedKey,
};
use healthchain_runtime::{
	configs::ProxyType,
	genesis_config_presets::{demo, get_preset},
	AccountId, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, UNIT,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{traits::Dispatchable, BuildStorage};

/// 2026-12-01 00:00 UTC, when every sequence starts.
pub const START: u64 = 1_796_083_200_000;
pub const HOUR: u64 = 3_600_000;
pub const DAY: u64 = 24 * HOUR;
pub const YEAR: u64 = 365 * DAY;

/// The product and lot of the world's supply chain; the generator offers them as byte strings.
pub const GTIN: &[u8] = b"00012345600012";
pub const OTHER_GTIN: &[u8] = b"10614141000415";
pub const LOT: &[u8] = b"LOT-2026-A";
pub const OTHER_LOT: &[u8] = b"LOT-B";

/// An account derived from the development seed by `path`.
pub fn named(path: &str) -> AccountId {
	AccountId::from(sr25519::Pair::from_string(path, None).expect("a valid derivation").public())
}

/// The world's organizations and people beyond the demo's, by derivation path.
const EXTRAS: [&str; 12] = [
	"//Clinic",
	"//Site",
	"//Nurse",
	"//SiteInvestigator",
	// A suspended laboratory, and a deregistered clinic with a member left behind.
	"//Lapsed",
	"//Defunct",
	"//Former",
	// A second participant of the recruiting trial.
	"//Volunteer",
	// Free to be registered or to join an organization.
	"//Applicant",
	"//Stranger",
	"//Alice",
	"//Bob",
];

/// The cast: the demo's actors, new organizations and members, the council and a stranger.
pub fn cast() -> Vec<AccountId> {
	let mut all: Vec<AccountId> =
		demo::ALL.into_iter().map(|(_, key)| demo::account(key)).collect();
	all.extend(EXTRAS.map(named));
	all
}

/// Who takes part in `pallet`'s calls in the world: the accounts that make them, and the
/// accounts they name. The generator draws most origins from the first and most accounts in
/// arguments from the second; any account of the cast stays possible, for the refusals.
pub fn parts(pallet: &str) -> (Vec<AccountId>, Vec<AccountId>) {
	let (callers, named_in_calls): (&[&str], &[&str]) = match pallet {
		// Root registers. Organizations manage their members, who may leave; the calls name
		// organizations in each standing, members, and an account free to join.
		"Organizations" => (
			&["//Hospital", "//Site", "//Defunct", "//Clinician", "//Nurse", "//Former"],
			&[
				"//Hospital",
				"//Site",
				"//Lapsed",
				"//Defunct",
				"//Clinician",
				"//Nurse",
				"//Former",
				// Registration needs an account that is neither an organization nor a member.
				"//Applicant",
				"//Applicant",
				"//Applicant",
				"//Stranger",
			],
		),
		// Only patients grant, to providers.
		"Consent" => (&["//Patient"], &["//Hospital", "//Clinician", "//Clinic"]),
		"Records" => (
			&["//Patient", "//Clinician", "//Regulator", "//Hospital"],
			&["//Patient", "//Clinician", "//Hospital"],
		),
		// The sponsor runs its trials, investigators take part, and so do patients.
		"Trials" => (
			&["//Sponsor", "//Investigator", "//Patient", "//Volunteer"],
			&["//Investigator", "//SiteInvestigator", "//Patient", "//Volunteer"],
		),
		"DrugLots" => (
			&["//Manufacturer", "//Distributor", "//Pharmacy", "//Regulator"],
			&["//Manufacturer", "//Distributor", "//Pharmacy"],
		),
		// The guardian acts for the patient, through the proxy the world sets up.
		"Proxy" => (&["//Patient", "//Guardian"], &["//Patient", "//Guardian", "//Stranger"]),
		_ => return (cast(), cast()),
	};
	let accounts = |paths: &[&str]| paths.iter().map(|path| named(path)).collect();
	(accounts(callers), accounts(named_in_calls))
}

/// The development preset's genesis, built natively: the preset is a patch on the default
/// configuration, as a chain spec applies it. (The merge is written here because the chain-spec
/// crate's would bring the node's client stack into the fuzzing build.)
fn genesis() -> sp_core::storage::Storage {
	fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}
	let preset = get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into())
		.expect("the development preset exists");
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default serializes");
	merge(&mut config, serde_json::from_slice(&preset).expect("the preset is JSON"));
	serde_json::from_value::<RuntimeGenesisConfig>(config)
		.expect("the patched configuration deserializes")
		.build_storage()
		.expect("the genesis builds")
}

/// Dispatches a set-up call, which must succeed.
fn dispatch(origin: RuntimeOrigin, call: RuntimeCall) {
	let described = format!("{call:?}");
	if let Err(e) = call.dispatch(origin) {
		panic!("world set-up: {described} failed: {:?}", crate::error_name(e.error));
	}
}

fn ok(who: &AccountId, call: RuntimeCall) {
	dispatch(RuntimeOrigin::signed(who.clone()), call);
}

pub fn envelope(byte: u8) -> WrappedKey {
	WrappedKey {
		ephemeral_public: [byte; 32],
		nonce: [byte; 12],
		ciphertext: [byte; 32],
		tag: [byte; 16],
	}
}

/// The world: genesis, then a few blocks of set-up, so that sequences start with every kind of
/// item already there.
pub fn build() -> sp_io::TestExternalities {
	// The state lives in the overlay, not in a trie: a debug build iterates a trie tens of times
	// slower, and the invariants iterate every item after each step.
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		for (key, value) in genesis().top {
			sp_io::storage::set(&key, &value);
		}
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(START);
		for who in cast() {
			let _ = pallet_balances::Pallet::<Runtime>::mint_into(&who, 1_000 * UNIT);
		}
		use pallet_drug_lots::Call as D;
		use pallet_organizations::Call as O;
		use pallet_records::Call as R;
		use pallet_trials::Call as T;
		let (hospital, sponsor, manufacturer) = (
			demo::account(demo::HOSPITAL),
			demo::account(demo::SPONSOR),
			demo::account(demo::MANUFACTURER),
		);
		let (patient, clinician) = (demo::account(demo::PATIENT), demo::account(demo::CLINICIAN));
		for (account, kind) in [
			("//Clinic", OrganizationKind::Clinic),
			("//Site", OrganizationKind::ResearchSite),
			("//Lapsed", OrganizationKind::Laboratory),
			("//Defunct", OrganizationKind::Clinic),
		] {
			dispatch(
				RuntimeOrigin::root(),
				RuntimeCall::Organizations(O::register {
					account: named(account),
					kind,
					name: b"Org".to_vec(),
					license: b"L-1".to_vec(),
					jurisdiction: b"GB".to_vec(),
				}),
			);
		}
		ok(
			&hospital,
			RuntimeCall::Organizations(O::add_member {
				member: named("//Nurse"),
				role: MemberRole::Nurse,
			}),
		);
		ok(
			&named("//Site"),
			RuntimeCall::Organizations(O::add_member {
				member: named("//SiteInvestigator"),
				role: MemberRole::Investigator,
			}),
		);
		// The laboratory is suspended; the clinic is deregistered, its member left to reap.
		ok(
			&named("//Defunct"),
			RuntimeCall::Organizations(O::add_member {
				member: named("//Former"),
				role: MemberRole::Nurse,
			}),
		);
		dispatch(
			RuntimeOrigin::root(),
			RuntimeCall::Organizations(O::suspend {
				organization: named("//Lapsed"),
				reason: SuspensionReason::UnderInvestigation,
			}),
		);
		dispatch(
			RuntimeOrigin::root(),
			RuntimeCall::Organizations(O::deregister { organization: named("//Defunct") }),
		);
		// The guardian acts for the patient through a proxy.
		ok(
			&patient,
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: demo::account(demo::GUARDIAN).into(),
				proxy_type: ProxyType::Guardian,
				delay: 0,
			}),
		);
		for who in [&patient, &clinician, &hospital] {
			ok(who, RuntimeCall::Records(R::set_encryption_key { public_key: [7; 32] }));
		}
		// The patient lets the hospital read and write lab results, and adds one; the clinician
		// adds another, and breaks the glass.
		ok(
			&patient,
			RuntimeCall::Consent(pallet_consent::Call::grant {
				grantee: hospital.clone(),
				categories: CategoryScope {
					wildcard: false,
					categories: vec![DataCategory::LabResult].try_into().expect("one category"),
				},
				actions: Actions { read: true, write: true },
				purpose: Purpose::Treatment,
				starts_at: None,
				expires_at: Some(START + 30 * DAY),
			}),
		);
		// And lets the clinic read everything but the sensitive categories, for treatment.
		ok(
			&patient,
			RuntimeCall::Consent(pallet_consent::Call::grant {
				grantee: named("//Clinic"),
				categories: CategoryScope { wildcard: true, categories: Default::default() },
				actions: Actions { read: true, write: false },
				purpose: Purpose::Treatment,
				starts_at: None,
				expires_at: None,
			}),
		);
		for author in [&patient, &clinician] {
			ok(
				author,
				RuntimeCall::Records(R::add_record {
					patient: patient.clone(),
					category: DataCategory::LabResult,
					content_hash: [1; 32],
					locator: Locator::ContentHash,
					patient_key_envelope: envelope(1),
					purpose: Some(Purpose::Treatment),
				}),
			);
		}
		let break_glass = RuntimeCall::Records(R::emergency_access {
			patient: patient.clone(),
			reason: EmergencyReason::PatientUnconscious,
			justification_hash: [2; 32],
		});
		// Access 0 ended and is under a regulator's review; access 1 runs.
		ok(&clinician, break_glass.clone());
		ok(
			&clinician,
			RuntimeCall::Records(R::end_emergency_access {
				patient: patient.clone(),
				accessor: clinician.clone(),
			}),
		);
		ok(
			&demo::account(demo::REGULATOR),
			RuntimeCall::Records(R::flag_emergency_access {
				patient: patient.clone(),
				access_id: 0,
				note_hash: [4; 32],
			}),
		);
		ok(&clinician, break_glass);
		// The patient shares both records' keys with the hospital, under its grant, and the
		// clinician, under the emergency access.
		for record_id in [0, 1] {
			for recipient in [&hospital, &clinician] {
				ok(
					&patient,
					RuntimeCall::Records(R::share_key {
						record_id,
						recipient: recipient.clone(),
						envelope: envelope(2),
					}),
				);
			}
		}
		// A lot held by the distributor and the pharmacy, and shipments to both in transit.
		ok(
			&manufacturer,
			RuntimeCall::DrugLots(D::register_product {
				gtin: GTIN.to_vec(),
				name: b"Aspirin".to_vec(),
			}),
		);
		ok(
			&manufacturer,
			RuntimeCall::DrugLots(D::commission_lot {
				gtin: GTIN.to_vec(),
				lot_number: LOT.to_vec(),
				expiry: CalendarDate { year: 2028, month: 6, day: 30 },
				quantity: 1_000,
				serials_root: None,
			}),
		);
		let ship = |from: &AccountId, to: AccountId, quantity| {
			let id = pallet_drug_lots::NextShipmentId::<Runtime>::get();
			ok(
				from,
				RuntimeCall::DrugLots(D::ship {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					to,
					quantity,
				}),
			);
			id
		};
		let (distributor, pharmacy) =
			(demo::account(demo::DISTRIBUTOR), demo::account(demo::PHARMACY));
		// The shipments in transit come first, so that theirs are the likeliest ids.
		ship(&manufacturer, distributor.clone(), 50);
		ship(&manufacturer, pharmacy.clone(), 20);
		let id = ship(&manufacturer, distributor.clone(), 100);
		ok(&distributor, RuntimeCall::DrugLots(D::receive { shipment_id: id }));
		let id = ship(&distributor, pharmacy.clone(), 10);
		ok(&pharmacy, RuntimeCall::DrugLots(D::receive { shipment_id: id }));
		// A second lot, which the regulator reported suspect.
		ok(
			&manufacturer,
			RuntimeCall::DrugLots(D::commission_lot {
				gtin: GTIN.to_vec(),
				lot_number: OTHER_LOT.to_vec(),
				expiry: CalendarDate { year: 2028, month: 6, day: 30 },
				quantity: 100,
				serials_root: None,
			}),
		);
		ok(
			&demo::account(demo::REGULATOR),
			RuntimeCall::DrugLots(D::report_suspect {
				gtin: GTIN.to_vec(),
				lot_number: OTHER_LOT.to_vec(),
				reason_hash: [5; 32],
			}),
		);
		// Three trials, each with an investigator: 0 recruiting, with the patient and a
		// volunteer enrolled and not yet confirmed; 1 completed, its results due; 2 completed,
		// its results published.
		for trial_id in 0..3 {
			assert_eq!(pallet_trials::NextTrialId::<Runtime>::get(), trial_id);
			ok(
				&sponsor,
				RuntimeCall::Trials(T::register_trial {
					registry_ids: vec![(b"NCT".to_vec(), b"NCT01234567".to_vec())],
					title: b"A trial".to_vec(),
					phase: TrialPhase::Phase2,
					protocol_hash: [1; 32],
					primary_outcomes_hash: [2; 32],
					target_enrollment: 10,
					planned_primary_completion: START + YEAR,
				}),
			);
			ok(
				&sponsor,
				RuntimeCall::Trials(T::add_investigator {
					trial_id,
					investigator: demo::account(demo::INVESTIGATOR),
				}),
			);
			let statuses: &[TrialStatus] = if trial_id == 0 {
				&[TrialStatus::Recruiting]
			} else {
				&[TrialStatus::Recruiting, TrialStatus::ActiveNotRecruiting, TrialStatus::Completed]
			};
			for status in statuses {
				ok(
					&sponsor,
					RuntimeCall::Trials(T::set_status {
						trial_id,
						status: *status,
						reason_hash: None,
					}),
				);
			}
		}
		for who in [&patient, &named("//Volunteer")] {
			ok(who, RuntimeCall::Trials(T::enroll { trial_id: 0, consent_form_hash: [3; 32] }));
		}
		ok(
			&sponsor,
			RuntimeCall::Trials(T::publish_results {
				trial_id: 2,
				results_hash: [6; 32],
				locator: Locator::ContentHash,
			}),
		);
		if let Err(invariant) = crate::invariants::check() {
			panic!("the world breaks an invariant: {invariant}");
		}
	});
	ext
}

/// Lets time pass: some blocks, and from seconds to years, running the pallets' hooks as a
/// block would.
pub fn pass_time(u: &mut Unstructured) -> String {
	let blocks = u.int_in_range(1..=10u32).unwrap_or(1);
	let millis =
		*u.choose(&[6_000, HOUR, DAY, 7 * DAY, 31 * DAY, YEAR, 3 * YEAR]).unwrap_or(&6_000);
	let number = frame_system::Pallet::<Runtime>::block_number() + blocks;
	frame_system::Pallet::<Runtime>::set_block_number(number);
	pallet_timestamp::Now::<Runtime>::mutate(|now| *now += millis);
	frame_system::Pallet::<Runtime>::reset_events();
	type Domain = (
		healthchain_runtime::Organizations,
		healthchain_runtime::Consent,
		healthchain_runtime::Records,
		healthchain_runtime::Trials,
		healthchain_runtime::DrugLots,
	);
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	<Domain as OnInitialize<u32>>::on_initialize(number);
	<Domain as OnIdle<u32>>::on_idle(number, limits.max_block);
	<Domain as OnFinalize<u32>>::on_finalize(number);
	format!("{blocks} blocks and {} s pass", millis / 1_000)
}
