//! The authorization matrix: every call of Healthchain's five pallets, made by every kind of
//! origin, in the real runtime, against the outcome `runtime/tests/permissions.txt` expects.
//!
//! Each cell starts from the same world (the development genesis, plus an organization of
//! every kind, and a guardian), sets up what the call needs so that its natural caller would
//! succeed, makes the call as one origin, records the outcome and rolls everything back. The
//! `suspended` and `deregistered` columns are the natural caller with its organization
//! suspended or deregistered first (a hospital's clinician when the caller is no
//! organization's).
//!
//! `docs/security.md` renders the file as the permission reference; this test checks that it
//! does. `HEALTHCHAIN_BLESS=1 cargo test -p healthchain-runtime --test integration
//! authorization` rewrites both from the outcomes (then read the diff: every changed cell is a
//! change of who may act).

use std::collections::BTreeMap;

use polkadot_sdk::*;

use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::GetCallName,
};
use healthchain_primitives::{
	Actions, CategoryScope, DataCategory, EmergencyReason, MemberRole, OrganizationKind, Purpose,
	RetractionReason, SubmissionKind, TrialPhase, TrialStatus,
};
use healthchain_runtime::{
	configs::ProxyType,
	genesis_config_presets::demo::{self, account},
	AccountId, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, Timestamp,
};
use sp_runtime::{traits::Dispatchable, DispatchError};

use crate::common::Chain;

/// The file of expected outcomes, and the doc that renders it.
const PERMISSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/permissions.txt");
const SECURITY_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/security.md");
const BEGIN: &str = "<!-- permissions: generated from runtime/tests/permissions.txt -->";
const END: &str = "<!-- permissions: end -->";

/// The kinds of origin every call is made from: the columns of the matrix.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Who {
	Unsigned,
	Root,
	/// Two members of the three of the development council, through a motion.
	Council,
	/// One member of three.
	CouncilMinority,
	/// A funded account with no role.
	Stranger,
	/// The patient the call is about.
	Patient,
	/// The patient's `Guardian` proxy, making the call for the patient.
	Guardian,
	/// An active organization's own account.
	Org(OrganizationKind),
	/// A Clinician of the active hospital.
	Clinician,
	/// A Nurse of the active hospital.
	Nurse,
	/// An Investigator of the active research sponsor.
	Investigator,
	/// An Investigator of the active research site.
	SiteInvestigator,
	/// The call's natural caller, its organization suspended.
	Suspended,
	/// The call's natural caller, its organization deregistered.
	Deregistered,
}

const KINDS: [OrganizationKind; 10] = [
	OrganizationKind::Hospital,
	OrganizationKind::Clinic,
	OrganizationKind::Laboratory,
	OrganizationKind::Pharmacy,
	OrganizationKind::Insurer,
	OrganizationKind::Manufacturer,
	OrganizationKind::Distributor,
	OrganizationKind::Regulator,
	OrganizationKind::ResearchSponsor,
	OrganizationKind::ResearchSite,
];

fn columns() -> Vec<Who> {
	let mut all = vec![
		Who::Unsigned,
		Who::Root,
		Who::Council,
		Who::CouncilMinority,
		Who::Stranger,
		Who::Patient,
		Who::Guardian,
	];
	all.extend(KINDS.map(Who::Org));
	all.extend([
		Who::Clinician,
		Who::Nurse,
		Who::Investigator,
		Who::SiteInvestigator,
		Who::Suspended,
		Who::Deregistered,
	]);
	all
}

impl Who {
	fn label(self) -> &'static str {
		match self {
			Who::Unsigned => "unsigned",
			Who::Root => "root",
			Who::Council => "council",
			Who::CouncilMinority => "council-minority",
			Who::Stranger => "stranger",
			Who::Patient => "patient",
			Who::Guardian => "guardian",
			Who::Org(kind) => match kind {
				OrganizationKind::Hospital => "hospital",
				OrganizationKind::Clinic => "clinic",
				OrganizationKind::Laboratory => "laboratory",
				OrganizationKind::Pharmacy => "pharmacy",
				OrganizationKind::Insurer => "insurer",
				OrganizationKind::Manufacturer => "manufacturer",
				OrganizationKind::Distributor => "distributor",
				OrganizationKind::Regulator => "regulator",
				OrganizationKind::ResearchSponsor => "sponsor",
				OrganizationKind::ResearchSite => "site",
			},
			Who::Clinician => "clinician",
			Who::Nurse => "nurse",
			Who::Investigator => "investigator",
			Who::SiteInvestigator => "site-investigator",
			Who::Suspended => "suspended",
			Who::Deregistered => "deregistered",
		}
	}
}

/// Named accounts of the world: the demo cast, and new ones by derivation.
pub(crate) fn named(path: &'static str) -> AccountId {
	use sp_core::{sr25519, Pair};
	// Derivation is slow in a debug build, and the property test asks for these often.
	thread_local! {
		static NAMED: std::cell::RefCell<BTreeMap<&'static str, AccountId>> = Default::default();
	}
	NAMED.with(|named| {
		named
			.borrow_mut()
			.entry(path)
			.or_insert_with(|| {
				let pair = sr25519::Pair::from_string(path, None).expect("a valid derivation");
				AccountId::from(pair.public())
			})
			.clone()
	})
}

pub(crate) fn org_account(kind: OrganizationKind) -> AccountId {
	match kind {
		OrganizationKind::Hospital => account(demo::HOSPITAL),
		OrganizationKind::Laboratory => account(demo::LABORATORY),
		OrganizationKind::Pharmacy => account(demo::PHARMACY),
		OrganizationKind::Manufacturer => account(demo::MANUFACTURER),
		OrganizationKind::Distributor => account(demo::DISTRIBUTOR),
		OrganizationKind::Regulator => account(demo::REGULATOR),
		OrganizationKind::ResearchSponsor => account(demo::SPONSOR),
		OrganizationKind::Clinic => named("//Clinic"),
		OrganizationKind::Insurer => named("//Insurer"),
		OrganizationKind::ResearchSite => named("//Site"),
	}
}

pub(crate) fn patient() -> AccountId {
	account(demo::PATIENT)
}
pub(crate) fn guardian() -> AccountId {
	account(demo::GUARDIAN)
}
pub(crate) fn stranger() -> AccountId {
	named("//Stranger")
}
pub(crate) fn clinician() -> AccountId {
	account(demo::CLINICIAN)
}
pub(crate) fn nurse() -> AccountId {
	named("//Nurse")
}
pub(crate) fn investigator() -> AccountId {
	account(demo::INVESTIGATOR)
}
pub(crate) fn site_investigator() -> AccountId {
	named("//SiteInvestigator")
}

/// The account of an origin that has one.
fn account_of(who: Who) -> Option<AccountId> {
	match who {
		Who::Stranger => Some(stranger()),
		Who::Patient => Some(patient()),
		Who::Guardian => Some(guardian()),
		Who::Org(kind) => Some(org_account(kind)),
		Who::Clinician => Some(clinician()),
		Who::Nurse => Some(nurse()),
		Who::Investigator => Some(investigator()),
		Who::SiteInvestigator => Some(site_investigator()),
		_ => None,
	}
}

/// The organization of an account that is one or acts for one.
fn organization_of(who: &AccountId) -> Option<AccountId> {
	use healthchain_primitives::OrganizationRegistry;
	healthchain_runtime::Organizations::actor(who).map(|actor| actor.organization)
}

fn ok<T: core::fmt::Debug>(
	result: Result<
		T,
		sp_runtime::DispatchErrorWithPostInfo<frame_support::dispatch::PostDispatchInfo>,
	>,
) {
	assert!(result.is_ok(), "set-up failed: {result:?}");
}

pub(crate) fn dispatch(call: RuntimeCall, origin: RuntimeOrigin) -> Result<(), DispatchError> {
	call.dispatch(origin).map(|_| ()).map_err(|e| e.error)
}

pub(crate) fn as_signed(who: &AccountId, call: RuntimeCall) {
	ok(call.dispatch(RuntimeOrigin::signed(who.clone())));
}

pub(crate) fn as_root(call: RuntimeCall) {
	ok(call.dispatch(RuntimeOrigin::root()));
}

fn fund(who: &AccountId) {
	use frame_support::traits::fungible::Mutate;
	let _ = pallet_balances::Pallet::<Runtime>::mint_into(who, 1_000 * healthchain_runtime::UNIT);
}

pub(crate) const GTIN: &[u8] = b"00012345600012";
pub(crate) const LOT: &[u8] = b"LOT-2026-A";
const OTHER_GTIN: &[u8] = b"10614141000415";

/// The world every cell starts from.
pub(crate) fn world() -> Chain {
	let mut chain = Chain::from_preset("development");
	chain.execute_block(crate::common::current_relay_slot(), Vec::new);
	chain.ext.execute_with(|| {
		for who in
			[stranger(), nurse(), site_investigator(), named("//NewOrg"), named("//NewMember")]
		{
			fund(&who);
		}
		use pallet_organizations::Call as O;
		for kind in
			[OrganizationKind::Clinic, OrganizationKind::Insurer, OrganizationKind::ResearchSite]
		{
			fund(&org_account(kind));
			as_root(RuntimeCall::Organizations(O::register {
				account: org_account(kind),
				kind,
				name: b"Org".to_vec(),
				license: b"L-1".to_vec(),
				jurisdiction: b"GB".to_vec(),
			}));
		}
		as_signed(
			&org_account(OrganizationKind::Hospital),
			RuntimeCall::Organizations(O::add_member { member: nurse(), role: MemberRole::Nurse }),
		);
		as_signed(
			&org_account(OrganizationKind::ResearchSite),
			RuntimeCall::Organizations(O::add_member {
				member: site_investigator(),
				role: MemberRole::Investigator,
			}),
		);
		// The patient's guardian, and published keys.
		as_signed(
			&patient(),
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: guardian().into(),
				proxy_type: ProxyType::Guardian,
				delay: 0,
			}),
		);
		for who in [patient(), clinician()] {
			as_signed(
				&who,
				RuntimeCall::Records(pallet_records::Call::set_encryption_key {
					public_key: [7; 32],
				}),
			);
		}
		// A lot held by the distributor (100) and the pharmacy (10).
		let manufacturer = org_account(OrganizationKind::Manufacturer);
		use pallet_drug_lots::Call as D;
		as_signed(
			&manufacturer,
			RuntimeCall::DrugLots(D::register_product {
				gtin: GTIN.to_vec(),
				name: b"Aspirin".to_vec(),
			}),
		);
		as_signed(
			&manufacturer,
			RuntimeCall::DrugLots(D::commission_lot {
				gtin: GTIN.to_vec(),
				lot_number: LOT.to_vec(),
				expiry: healthchain_primitives::CalendarDate { year: 2099, month: 1, day: 1 },
				quantity: 1_000,
				serials_root: None,
			}),
		);
		for (to, quantity) in
			[(OrganizationKind::Distributor, 100), (OrganizationKind::Pharmacy, 10)]
		{
			let id = pallet_drug_lots::NextShipmentId::<Runtime>::get();
			as_signed(&manufacturer, ship_call(org_account(to), quantity));
			as_signed(&org_account(to), RuntimeCall::DrugLots(D::receive { shipment_id: id }));
		}
	});
	chain
}

pub(crate) fn ship_call(to: AccountId, quantity: u64) -> RuntimeCall {
	RuntimeCall::DrugLots(pallet_drug_lots::Call::ship {
		gtin: GTIN.to_vec(),
		lot_number: LOT.to_vec(),
		to,
		quantity,
	})
}

pub(crate) fn lab_results() -> CategoryScope {
	CategoryScope { wildcard: false, categories: vec![DataCategory::LabResult].try_into().unwrap() }
}

/// The patient grants the hospital `actions` on lab results for treatment; returns the id.
pub(crate) fn grant_hospital(actions: Actions) -> u64 {
	let id = pallet_consent::NextConsentId::<Runtime>::get();
	as_signed(
		&patient(),
		RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: org_account(OrganizationKind::Hospital),
			categories: lab_results(),
			actions,
			purpose: Purpose::Treatment,
			starts_at: None,
			expires_at: None,
		}),
	);
	id
}

/// The patient adds a lab result about themselves; returns its id.
pub(crate) fn add_record() -> u64 {
	let id = pallet_records::NextRecordId::<Runtime>::get();
	as_signed(&patient(), add_record_call());
	id
}

pub(crate) fn add_record_call() -> RuntimeCall {
	RuntimeCall::Records(pallet_records::Call::add_record {
		patient: patient(),
		category: DataCategory::LabResult,
		content_hash: [1; 32],
		locator: healthchain_primitives::Locator::ContentHash,
		patient_key_envelope: healthchain_primitives::WrappedKey {
			ephemeral_public: [1; 32],
			nonce: [1; 12],
			ciphertext: [1; 32],
			tag: [1; 16],
		},
		purpose: None,
	})
}

/// The clinician breaks the glass to the patient's data; returns the access's id.
pub(crate) fn break_glass() -> u64 {
	let id = pallet_records::NextEmergencyAccessId::<Runtime>::get();
	as_signed(&clinician(), break_glass_call());
	id
}

pub(crate) fn break_glass_call() -> RuntimeCall {
	RuntimeCall::Records(pallet_records::Call::emergency_access {
		patient: patient(),
		reason: EmergencyReason::PatientUnconscious,
		justification_hash: [2; 32],
	})
}

/// The sponsor registers a trial; returns its id.
pub(crate) fn register_trial() -> u64 {
	let id = pallet_trials::NextTrialId::<Runtime>::get();
	as_signed(&org_account(OrganizationKind::ResearchSponsor), register_trial_call());
	id
}

fn register_trial_call() -> RuntimeCall {
	RuntimeCall::Trials(pallet_trials::Call::register_trial {
		registry_ids: vec![(b"NCT".to_vec(), b"NCT01234567".to_vec())],
		title: b"A trial".to_vec(),
		phase: TrialPhase::Phase2,
		protocol_hash: [1; 32],
		primary_outcomes_hash: [2; 32],
		target_enrollment: 10,
		planned_primary_completion: Timestamp::get() + 1_000_000_000,
	})
}

fn set_trial_status(id: u64, status: TrialStatus) {
	as_signed(
		&org_account(OrganizationKind::ResearchSponsor),
		RuntimeCall::Trials(pallet_trials::Call::set_status {
			trial_id: id,
			status,
			reason_hash: Some([3; 32]),
		}),
	);
}

fn add_investigator(id: u64) {
	as_signed(
		&org_account(OrganizationKind::ResearchSponsor),
		RuntimeCall::Trials(pallet_trials::Call::add_investigator {
			trial_id: id,
			investigator: investigator(),
		}),
	);
}

fn publish_results(id: u64) {
	as_signed(
		&org_account(OrganizationKind::ResearchSponsor),
		RuntimeCall::Trials(pallet_trials::Call::publish_results {
			trial_id: id,
			results_hash: [4; 32],
			locator: healthchain_primitives::Locator::ContentHash,
		}),
	);
}

/// The distributor ships 5 to the pharmacy; returns the shipment's id.
fn ship_to_pharmacy() -> u64 {
	let id = pallet_drug_lots::NextShipmentId::<Runtime>::get();
	as_signed(
		&org_account(OrganizationKind::Distributor),
		ship_call(org_account(OrganizationKind::Pharmacy), 5),
	);
	id
}

/// One row of the matrix: a call, its natural caller, and how to set it up.
struct Scenario {
	call: &'static str,
	/// Whose organization the `suspended` and `deregistered` columns sanction: the natural
	/// caller, or `None` when it has none (then a hospital's clinician makes the call).
	actor: Option<fn() -> AccountId>,
	/// Sets up the world for the call and returns it.
	build: fn() -> RuntimeCall,
}

fn scenarios() -> Vec<Scenario> {
	use pallet_consent::Call as C;
	use pallet_drug_lots::Call as D;
	use pallet_organizations::Call as O;
	use pallet_records::Call as R;
	use pallet_trials::Call as T;
	let hospital = || org_account(OrganizationKind::Hospital);
	let sponsor = || org_account(OrganizationKind::ResearchSponsor);
	let the_clinician = clinician as fn() -> AccountId;
	let the_nurse = nurse as fn() -> AccountId;
	let the_investigator = investigator as fn() -> AccountId;
	let manufacturer = || org_account(OrganizationKind::Manufacturer);
	let distributor = || org_account(OrganizationKind::Distributor);
	let pharmacy = || org_account(OrganizationKind::Pharmacy);
	let regulator = || org_account(OrganizationKind::Regulator);
	vec![
		// Organizations.
		Scenario {
			call: "Organizations.register",
			actor: None,
			build: || {
				RuntimeCall::Organizations(O::register {
					account: named("//NewOrg"),
					kind: OrganizationKind::Clinic,
					name: b"New clinic".to_vec(),
					license: b"CL-9".to_vec(),
					jurisdiction: b"GB".to_vec(),
				})
			},
		},
		Scenario {
			call: "Organizations.update_details",
			actor: None,
			build: || {
				RuntimeCall::Organizations(O::update_details {
					organization: org_account(OrganizationKind::Hospital),
					name: Some(b"Renamed".to_vec()),
					license: None,
					jurisdiction: None,
				})
			},
		},
		Scenario {
			call: "Organizations.suspend",
			actor: None,
			build: || {
				RuntimeCall::Organizations(O::suspend {
					organization: org_account(OrganizationKind::Laboratory),
					reason: pallet_organizations::SuspensionReason::UnderInvestigation,
				})
			},
		},
		Scenario {
			call: "Organizations.reinstate",
			actor: None,
			build: || {
				as_root(RuntimeCall::Organizations(O::suspend {
					organization: org_account(OrganizationKind::Laboratory),
					reason: pallet_organizations::SuspensionReason::UnderInvestigation,
				}));
				RuntimeCall::Organizations(O::reinstate {
					organization: org_account(OrganizationKind::Laboratory),
				})
			},
		},
		Scenario {
			call: "Organizations.deregister",
			actor: None,
			build: || {
				RuntimeCall::Organizations(O::deregister {
					organization: org_account(OrganizationKind::Laboratory),
				})
			},
		},
		Scenario {
			call: "Organizations.add_member",
			actor: Some(hospital),
			build: || {
				RuntimeCall::Organizations(O::add_member {
					member: named("//NewMember"),
					role: MemberRole::Staff,
				})
			},
		},
		Scenario {
			call: "Organizations.remove_member",
			actor: Some(hospital),
			build: || RuntimeCall::Organizations(O::remove_member { member: nurse() }),
		},
		Scenario {
			call: "Organizations.leave",
			actor: Some(the_nurse),
			build: || RuntimeCall::Organizations(O::leave {}),
		},
		Scenario {
			call: "Organizations.reap_member",
			actor: None,
			build: || {
				as_root(RuntimeCall::Organizations(O::deregister {
					organization: org_account(OrganizationKind::ResearchSite),
				}));
				RuntimeCall::Organizations(O::reap_member { member: site_investigator() })
			},
		},
		Scenario {
			call: "Organizations.poke_deposit",
			actor: Some(hospital),
			build: || RuntimeCall::Organizations(O::poke_deposit { member: nurse() }),
		},
		// Consent.
		Scenario {
			call: "Consent.grant",
			actor: None,
			build: || {
				RuntimeCall::Consent(C::grant {
					grantee: org_account(OrganizationKind::Hospital),
					categories: lab_results(),
					actions: Actions { read: true, write: false },
					purpose: Purpose::Treatment,
					starts_at: None,
					expires_at: None,
				})
			},
		},
		Scenario {
			call: "Consent.revoke",
			actor: None,
			build: || {
				let id = grant_hospital(Actions { read: true, write: false });
				RuntimeCall::Consent(C::revoke { consent_id: id })
			},
		},
		Scenario {
			call: "Consent.poke_deposit",
			actor: None,
			build: || {
				let id = grant_hospital(Actions { read: true, write: false });
				RuntimeCall::Consent(C::poke_deposit { consent_id: id })
			},
		},
		// Records.
		Scenario {
			call: "Records.set_encryption_key",
			actor: None,
			build: || RuntimeCall::Records(R::set_encryption_key { public_key: [8; 32] }),
		},
		Scenario {
			call: "Records.remove_encryption_key",
			actor: None,
			build: || RuntimeCall::Records(R::remove_encryption_key {}),
		},
		Scenario {
			call: "Records.add_record",
			actor: Some(the_clinician),
			build: || {
				grant_hospital(Actions { read: false, write: true });
				add_record_call()
			},
		},
		Scenario {
			call: "Records.amend_record",
			actor: None,
			build: || {
				let id = add_record();
				RuntimeCall::Records(R::amend_record {
					record_id: id,
					content_hash: [2; 32],
					locator: healthchain_primitives::Locator::ContentHash,
					patient_key_envelope: healthchain_primitives::WrappedKey {
						ephemeral_public: [2; 32],
						nonce: [2; 12],
						ciphertext: [2; 32],
						tag: [2; 16],
					},
					purpose: None,
				})
			},
		},
		Scenario {
			call: "Records.retract_record",
			actor: None,
			build: || {
				let id = add_record();
				RuntimeCall::Records(R::retract_record {
					record_id: id,
					reason: RetractionReason::WrongData,
				})
			},
		},
		Scenario {
			call: "Records.erase_record",
			actor: None,
			build: || RuntimeCall::Records(R::erase_record { record_id: add_record() }),
		},
		Scenario {
			call: "Records.share_key",
			actor: None,
			build: || {
				let id = add_record();
				grant_hospital(Actions { read: true, write: false });
				RuntimeCall::Records(R::share_key {
					record_id: id,
					recipient: clinician(),
					envelope: healthchain_primitives::WrappedKey {
						ephemeral_public: [3; 32],
						nonce: [3; 12],
						ciphertext: [3; 32],
						tag: [3; 16],
					},
				})
			},
		},
		Scenario {
			call: "Records.remove_key",
			actor: None,
			build: || {
				let id = add_record();
				grant_hospital(Actions { read: true, write: false });
				as_signed(
					&patient(),
					RuntimeCall::Records(R::share_key {
						record_id: id,
						recipient: clinician(),
						envelope: healthchain_primitives::WrappedKey {
							ephemeral_public: [3; 32],
							nonce: [3; 12],
							ciphertext: [3; 32],
							tag: [3; 16],
						},
					}),
				);
				RuntimeCall::Records(R::remove_key { record_id: id, recipient: clinician() })
			},
		},
		Scenario {
			call: "Records.log_access",
			actor: Some(the_clinician),
			build: || {
				let id = add_record();
				grant_hospital(Actions { read: true, write: false });
				RuntimeCall::Records(R::log_access { record_id: id, purpose: Purpose::Treatment })
			},
		},
		Scenario {
			call: "Records.emergency_access",
			actor: Some(the_clinician),
			build: break_glass_call,
		},
		Scenario {
			call: "Records.end_emergency_access",
			actor: Some(the_clinician),
			build: || {
				break_glass();
				RuntimeCall::Records(R::end_emergency_access {
					patient: patient(),
					accessor: clinician(),
				})
			},
		},
		Scenario {
			call: "Records.flag_emergency_access",
			actor: Some(regulator),
			build: || {
				let id = break_glass();
				RuntimeCall::Records(R::flag_emergency_access {
					patient: patient(),
					access_id: id,
					note_hash: [5; 32],
				})
			},
		},
		Scenario {
			call: "Records.close_emergency_review",
			actor: Some(regulator),
			build: || {
				let id = break_glass();
				as_signed(
					&patient(),
					RuntimeCall::Records(R::flag_emergency_access {
						patient: patient(),
						access_id: id,
						note_hash: [5; 32],
					}),
				);
				RuntimeCall::Records(R::close_emergency_review {
					patient: patient(),
					access_id: id,
				})
			},
		},
		Scenario {
			call: "Records.clear_emergency_access",
			actor: None,
			build: || {
				let id = break_glass();
				as_signed(
					&patient(),
					RuntimeCall::Records(R::end_emergency_access {
						patient: patient(),
						accessor: clinician(),
					}),
				);
				let later = Timestamp::get() + 31 * 24 * 60 * 60 * 1000;
				pallet_timestamp::Now::<Runtime>::put(later);
				RuntimeCall::Records(R::clear_emergency_access {
					patient: patient(),
					access_id: id,
				})
			},
		},
		Scenario {
			call: "Records.poke_deposit",
			actor: None,
			build: || {
				let id = add_record();
				RuntimeCall::Records(R::poke_deposit {
					item: pallet_records::DepositItem::Version(id),
				})
			},
		},
		// Trials.
		Scenario {
			call: "Trials.register_trial",
			actor: Some(sponsor),
			build: register_trial_call,
		},
		Scenario {
			call: "Trials.amend_protocol",
			actor: Some(sponsor),
			build: || {
				RuntimeCall::Trials(T::amend_protocol {
					trial_id: register_trial(),
					protocol_hash: [6; 32],
					reason_hash: [7; 32],
				})
			},
		},
		Scenario {
			call: "Trials.set_status",
			actor: Some(sponsor),
			build: || {
				RuntimeCall::Trials(T::set_status {
					trial_id: register_trial(),
					status: TrialStatus::Recruiting,
					reason_hash: None,
				})
			},
		},
		Scenario {
			call: "Trials.add_investigator",
			actor: Some(sponsor),
			build: || {
				RuntimeCall::Trials(T::add_investigator {
					trial_id: register_trial(),
					investigator: investigator(),
				})
			},
		},
		Scenario {
			call: "Trials.remove_investigator",
			actor: Some(sponsor),
			build: || {
				let id = register_trial();
				add_investigator(id);
				RuntimeCall::Trials(T::remove_investigator {
					trial_id: id,
					investigator: investigator(),
				})
			},
		},
		Scenario {
			call: "Trials.enroll",
			actor: None,
			build: || {
				let id = register_trial();
				set_trial_status(id, TrialStatus::Recruiting);
				RuntimeCall::Trials(T::enroll { trial_id: id, consent_form_hash: [8; 32] })
			},
		},
		Scenario {
			call: "Trials.withdraw",
			actor: None,
			build: || {
				let id = register_trial();
				set_trial_status(id, TrialStatus::Recruiting);
				as_signed(
					&patient(),
					RuntimeCall::Trials(T::enroll { trial_id: id, consent_form_hash: [8; 32] }),
				);
				RuntimeCall::Trials(T::withdraw { trial_id: id })
			},
		},
		Scenario {
			call: "Trials.submit_data",
			actor: Some(the_investigator),
			build: || {
				let id = register_trial();
				add_investigator(id);
				set_trial_status(id, TrialStatus::Recruiting);
				RuntimeCall::Trials(T::submit_data {
					trial_id: id,
					kind: SubmissionKind::Interim,
					data_hash: [9; 32],
					locator: healthchain_primitives::Locator::ContentHash,
				})
			},
		},
		Scenario {
			call: "Trials.publish_results",
			actor: Some(sponsor),
			build: || {
				let id = register_trial();
				set_trial_status(id, TrialStatus::Terminated);
				RuntimeCall::Trials(T::publish_results {
					trial_id: id,
					results_hash: [4; 32],
					locator: healthchain_primitives::Locator::ContentHash,
				})
			},
		},
		Scenario {
			call: "Trials.amend_results",
			actor: Some(sponsor),
			build: || {
				let id = register_trial();
				set_trial_status(id, TrialStatus::Terminated);
				publish_results(id);
				RuntimeCall::Trials(T::amend_results {
					trial_id: id,
					results_hash: [5; 32],
					locator: healthchain_primitives::Locator::ContentHash,
				})
			},
		},
		Scenario {
			call: "Trials.confirm_enrollment",
			actor: Some(the_investigator),
			build: || {
				let id = register_trial();
				add_investigator(id);
				set_trial_status(id, TrialStatus::Recruiting);
				as_signed(
					&patient(),
					RuntimeCall::Trials(T::enroll { trial_id: id, consent_form_hash: [8; 32] }),
				);
				RuntimeCall::Trials(T::confirm_enrollment { trial_id: id, participant: patient() })
			},
		},
		Scenario {
			call: "Trials.decline_enrollment",
			actor: Some(the_investigator),
			build: || {
				let id = register_trial();
				add_investigator(id);
				set_trial_status(id, TrialStatus::Recruiting);
				as_signed(
					&patient(),
					RuntimeCall::Trials(T::enroll { trial_id: id, consent_form_hash: [8; 32] }),
				);
				RuntimeCall::Trials(T::decline_enrollment { trial_id: id, participant: patient() })
			},
		},
		Scenario {
			call: "Trials.set_target_enrollment",
			actor: Some(sponsor),
			build: || {
				let id = register_trial();
				RuntimeCall::Trials(T::set_target_enrollment { trial_id: id, target: 500 })
			},
		},
		Scenario {
			call: "Trials.poke_deposit",
			actor: Some(sponsor),
			build: || {
				RuntimeCall::Trials(T::poke_deposit {
					item: pallet_trials::DepositItem::Trial(register_trial()),
				})
			},
		},
		// DrugLots.
		Scenario {
			call: "DrugLots.register_product",
			actor: Some(manufacturer),
			build: || {
				RuntimeCall::DrugLots(D::register_product {
					gtin: OTHER_GTIN.to_vec(),
					name: b"Other".to_vec(),
				})
			},
		},
		Scenario {
			call: "DrugLots.commission_lot",
			actor: Some(manufacturer),
			build: || {
				RuntimeCall::DrugLots(D::commission_lot {
					gtin: GTIN.to_vec(),
					lot_number: b"LOT-2026-B".to_vec(),
					expiry: healthchain_primitives::CalendarDate { year: 2099, month: 1, day: 1 },
					quantity: 10,
					serials_root: None,
				})
			},
		},
		Scenario {
			call: "DrugLots.ship",
			actor: Some(distributor),
			build: || ship_call(org_account(OrganizationKind::Pharmacy), 5),
		},
		Scenario {
			call: "DrugLots.receive",
			actor: Some(pharmacy),
			build: || RuntimeCall::DrugLots(D::receive { shipment_id: ship_to_pharmacy() }),
		},
		Scenario {
			call: "DrugLots.reject",
			actor: Some(pharmacy),
			build: || {
				RuntimeCall::DrugLots(D::reject {
					shipment_id: ship_to_pharmacy(),
					reason: pallet_drug_lots::RejectReason::Damaged,
				})
			},
		},
		Scenario {
			call: "DrugLots.dispense",
			actor: Some(pharmacy),
			build: || {
				RuntimeCall::DrugLots(D::dispense {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					quantity: 1,
				})
			},
		},
		Scenario {
			call: "DrugLots.destroy",
			actor: Some(distributor),
			build: || {
				RuntimeCall::DrugLots(D::destroy {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					quantity: 1,
					reason: pallet_drug_lots::DestroyReason::Damaged,
				})
			},
		},
		Scenario {
			call: "DrugLots.recall",
			actor: Some(manufacturer),
			build: || {
				RuntimeCall::DrugLots(D::recall {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					reason_hash: [1; 32],
				})
			},
		},
		Scenario {
			call: "DrugLots.report_suspect",
			actor: Some(pharmacy),
			build: || {
				RuntimeCall::DrugLots(D::report_suspect {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					reason_hash: [1; 32],
				})
			},
		},
		Scenario {
			call: "DrugLots.resolve_suspect",
			actor: Some(regulator),
			build: || {
				as_signed(
					&org_account(OrganizationKind::Pharmacy),
					RuntimeCall::DrugLots(D::report_suspect {
						gtin: GTIN.to_vec(),
						lot_number: LOT.to_vec(),
						reason_hash: [1; 32],
					}),
				);
				RuntimeCall::DrugLots(D::resolve_suspect {
					gtin: GTIN.to_vec(),
					lot_number: LOT.to_vec(),
					outcome: pallet_drug_lots::SuspectOutcome::Cleared,
				})
			},
		},
		Scenario {
			call: "DrugLots.cancel_shipment",
			actor: Some(distributor),
			build: || RuntimeCall::DrugLots(D::cancel_shipment { shipment_id: ship_to_pharmacy() }),
		},
		Scenario {
			call: "DrugLots.poke_deposit",
			actor: Some(manufacturer),
			build: || {
				RuntimeCall::DrugLots(D::poke_deposit {
					item: pallet_drug_lots::DepositItem::Lot((
						healthchain_primitives::Gtin::parse(GTIN).unwrap(),
						LOT.to_vec().try_into().unwrap(),
					)),
				})
			},
		},
	]
}

/// The name of a dispatch error: `Pallet.Error` for a pallet's, the variant otherwise.
pub(crate) fn error_name(error: DispatchError) -> String {
	match error {
		// Decoded from the index and bytes, so that an error read back from an event (which
		// loses its message) is named too.
		DispatchError::Module(_) => {
			match healthchain_runtime::RuntimeError::from_dispatch_error(error) {
				// A pallet error's `Debug` is its name alone; the reason is its value.
				Some(healthchain_runtime::RuntimeError::Records(
					pallet_records::Error::AccessDenied(reason),
				)) => format!("Records.AccessDenied({reason:?})"),
				Some(error) => {
					let name = format!("{error:?}");
					match name.split_once('(') {
						Some((pallet, rest)) => format!("{pallet}.{}", &rest[..rest.len() - 1]),
						None => name,
					}
				},
				None => format!("{error:?}"),
			}
		},
		DispatchError::BadOrigin => "BadOrigin".into(),
		DispatchError::Token(token) => format!("Token.{token:?}"),
		other => format!("{other:?}"),
	}
}

/// Makes `call` as `who`, after `build` set the world up, and says what came of it.
fn outcome(scenario: &Scenario, who: Who) -> String {
	let result: Result<String, DispatchError> =
		with_transaction(|| {
			let call = (scenario.build)();
			let sanctioned = || scenario.actor.map_or_else(clinician, |actor| actor());
			let result = match who {
			Who::Unsigned => dispatch(call, RuntimeOrigin::none()),
			Who::Root => dispatch(call, RuntimeOrigin::root()),
			Who::Council => dispatch(
				call,
				pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(2, 3)
					.into(),
			),
			Who::CouncilMinority => dispatch(
				call,
				pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(1, 3)
					.into(),
			),
			Who::Guardian => {
				let proxy = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
					real: patient().into(),
					force_proxy_type: None,
					call: Box::new(call),
				});
				match dispatch(proxy, RuntimeOrigin::signed(guardian())) {
					Err(error) => Err(error),
					Ok(()) => System::events()
						.into_iter()
						.rev()
						.find_map(|record| match record.event {
							RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => {
								Some(result)
							},
							_ => None,
						})
						.unwrap_or(Err(DispatchError::Other("no ProxyExecuted"))),
				}
			},
			Who::Suspended | Who::Deregistered => {
				let caller = sanctioned();
				let organization = organization_of(&caller).expect("the caller acts for one");
				let sanction = if who == Who::Suspended {
					pallet_organizations::Call::suspend {
						organization,
						reason: pallet_organizations::SuspensionReason::UnderInvestigation,
					}
				} else {
					pallet_organizations::Call::deregister { organization }
				};
				as_root(RuntimeCall::Organizations(sanction));
				dispatch(call, RuntimeOrigin::signed(caller))
			},
			signed => {
				let account = account_of(signed).expect("a signed origin");
				dispatch(call, RuntimeOrigin::signed(account))
			},
		};
			TransactionOutcome::Rollback(Ok(match result {
				Ok(()) => "ok".to_string(),
				Err(error) => error_name(error),
			}))
		});
	result.expect("rolled back")
}

/// One line of the permissions file: `Pallet.call: who=outcome ...; others outcome`.
fn format_line(call: &str, outcomes: &BTreeMap<Who, String>) -> String {
	let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
	for outcome in outcomes.values() {
		*counts.entry(outcome.as_str()).or_default() += 1;
	}
	let others = counts
		.iter()
		.filter(|(outcome, _)| **outcome != "ok")
		.max_by_key(|(_, count)| **count)
		.map(|(outcome, _)| *outcome);
	let cells: Vec<String> = columns()
		.into_iter()
		.filter(|who| Some(outcomes[who].as_str()) != others)
		.map(|who| format!("{}={}", who.label(), outcomes[&who]))
		.collect();
	match others {
		Some(others) => format!("{call}: {}; others {others}", cells.join(" ")),
		None => format!("{call}: {}", cells.join(" ")),
	}
}

fn parse_line(line: &str) -> (String, BTreeMap<Who, String>) {
	let (call, rest) = line.split_once(':').expect("`call: ...`");
	let (cells, others) = match rest.split_once(';') {
		Some((cells, others)) => {
			(cells, Some(others.trim().strip_prefix("others ").expect("`others X`").to_string()))
		},
		None => (rest, None),
	};
	let labels: BTreeMap<&str, Who> = columns().into_iter().map(|who| (who.label(), who)).collect();
	let mut outcomes = BTreeMap::new();
	for cell in cells.split_whitespace() {
		let (label, outcome) = cell.split_once('=').expect("`who=outcome`");
		let who = *labels.get(label).unwrap_or_else(|| panic!("unknown origin `{label}`"));
		outcomes.insert(who, outcome.to_string());
	}
	for who in columns() {
		outcomes.entry(who).or_insert_with(|| {
			others.clone().unwrap_or_else(|| panic!("{call}: no outcome for {who:?}"))
		});
	}
	(call.trim().to_string(), outcomes)
}

/// The permission reference of `docs/security.md`, one table per pallet.
fn render_doc(rows: &[(String, BTreeMap<Who, String>)]) -> String {
	let mut doc = String::new();
	let mut pallet = "";
	for (call, outcomes) in rows {
		let (this_pallet, function) = call.split_once('.').expect("Pallet.call");
		if this_pallet != pallet {
			pallet = this_pallet;
			doc.push_str(&format!(
				"\n#### {pallet}\n\n| Call | Allowed | Refused |\n| --- | --- | --- |\n"
			));
		}
		let allowed: Vec<&str> =
			columns().into_iter().filter(|who| outcomes[who] == "ok").map(Who::label).collect();
		let mut refusals: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
		for who in columns() {
			if outcomes[&who] != "ok" {
				refusals.entry(outcomes[&who].as_str()).or_default().push(who.label());
			}
		}
		let refused: Vec<String> = refusals
			.into_iter()
			.map(|(error, whos)| format!("`{error}`: {}", whos.join(", ")))
			.collect();
		let allowed = if allowed.is_empty() { "nobody".to_string() } else { allowed.join(", ") };
		doc.push_str(&format!("| `{function}` | {allowed} | {} |\n", refused.join("; ")));
	}
	doc
}

#[test]
fn every_call_from_every_origin_has_the_expected_outcome() {
	let scenarios = scenarios();

	// Every call of the five pallets has a row, and every row is a call.
	let mut calls: Vec<String> = Vec::new();
	for (pallet, names) in [
		("Organizations", pallet_organizations::Call::<Runtime>::get_call_names()),
		("Consent", pallet_consent::Call::<Runtime>::get_call_names()),
		("Records", pallet_records::Call::<Runtime>::get_call_names()),
		("Trials", pallet_trials::Call::<Runtime>::get_call_names()),
		("DrugLots", pallet_drug_lots::Call::<Runtime>::get_call_names()),
	] {
		calls.extend(names.iter().map(|name| format!("{pallet}.{name}")));
	}
	let covered: Vec<String> = scenarios.iter().map(|s| s.call.to_string()).collect();
	assert_eq!(covered, calls, "every call, in the pallets' order, has exactly one scenario");

	let mut chain = world();
	let actual: Vec<(String, BTreeMap<Who, String>)> = chain.ext.execute_with(|| {
		scenarios
			.iter()
			.map(|scenario| {
				let outcomes =
					columns().into_iter().map(|who| (who, outcome(scenario, who))).collect();
				(scenario.call.to_string(), outcomes)
			})
			.collect()
	});
	// The natural caller of each call succeeds: the scenario is set up right.
	for (call, outcomes) in &actual {
		assert!(outcomes.values().any(|o| o == "ok"), "{call}: nobody may make it: {outcomes:?}");
	}

	let header = "# Who may make each call of Healthchain's pallets, checked by\n\
		# runtime/tests/integration/authorization.rs. One line per call:\n\
		# `Pallet.call: origin=outcome ...; others outcome`, where an outcome is `ok` or the\n\
		# error the call fails with. docs/security.md explains the origins.\n";
	let lines: Vec<String> = actual.iter().map(|(call, o)| format_line(call, o)).collect();
	let file = format!("{header}{}\n", lines.join("\n"));
	let doc_section = format!("{BEGIN}\n{}{END}", render_doc(&actual));

	if std::env::var_os("HEALTHCHAIN_BLESS").is_some() {
		std::fs::write(PERMISSIONS, &file).unwrap();
		let doc = std::fs::read_to_string(SECURITY_DOC).unwrap();
		let (before, rest) = doc.split_once(BEGIN).expect("the doc has the begin marker");
		let (_, after) = rest.split_once(END).expect("the doc has the end marker");
		std::fs::write(SECURITY_DOC, format!("{before}{doc_section}{after}")).unwrap();
		return;
	}

	let expected_file =
		std::fs::read_to_string(PERMISSIONS).expect("runtime/tests/permissions.txt");
	let expected: Vec<(String, BTreeMap<Who, String>)> = expected_file
		.lines()
		.filter(|line| !line.starts_with('#') && !line.trim().is_empty())
		.map(parse_line)
		.collect();
	let mut mismatches = Vec::new();
	for ((call, outcomes), (expected_call, expected_outcomes)) in actual.iter().zip(&expected) {
		assert_eq!(call, expected_call, "the file lists the calls in the pallets' order");
		for who in columns() {
			if outcomes[&who] != expected_outcomes[&who] {
				mismatches.push(format!(
					"{call} as {}: expected {}, got {}",
					who.label(),
					expected_outcomes[&who],
					outcomes[&who]
				));
			}
		}
	}
	assert_eq!(actual.len(), expected.len(), "one line per call");
	assert!(
		mismatches.is_empty(),
		"{} cells differ:\n{}\n(the outcomes as a file:\n{file})",
		mismatches.len(),
		mismatches.join("\n")
	);
	let doc = std::fs::read_to_string(SECURITY_DOC).expect("docs/security.md");
	assert!(
		doc.contains(&doc_section),
		"docs/security.md does not render runtime/tests/permissions.txt; run the test with \
		 HEALTHCHAIN_BLESS=1 to regenerate it"
	);
}
