//! Healthchain's own pallets in the real runtime: the demo genesis, the council as the
//! registrar of organizations, guardians acting for patients through proxies, and records
//! read under consent or break-glass emergency access.

use polkadot_sdk::*;

use crate::common::{current_relay_slot, Chain};
use codec::Encode;
use frame_support::{assert_ok, dispatch::GetDispatchInfo, traits::UnfilteredDispatchable};
use healthchain_primitives::{
	AccessControl, AccessDecision, AccessVia, Action, Actions, Capability, CategoryScope,
	DataCategory, EmergencyReason, MemberRole, OrganizationKind, OrganizationRegistry, Purpose,
};
use healthchain_runtime::{
	configs::ProxyType,
	genesis_config_presets::demo::{self, account},
	AccountId, Consent, HealthAuthority, Organizations, Records, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, System, Timestamp, Trials,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::traits::{BlakeTwo256, Dispatchable, Hash};

/// The kind of `who`, if it is an active organization.
fn active_kind(who: &AccountId) -> Option<OrganizationKind> {
	Organizations::standing(who).filter(|s| s.is_active()).map(|s| s.kind)
}

/// The active organization `member` acts for, and its role there.
fn acting_for(member: &AccountId) -> Option<(AccountId, MemberRole)> {
	Organizations::membership(member).filter(|(org, _)| active_kind(org).is_some())
}

/// The development chain, one block in, so that events are recorded.
fn development() -> Chain {
	let mut chain = Chain::from_preset("development");
	chain.execute_block(current_relay_slot(), Vec::new);
	chain
}

fn register_dave_clinic() -> RuntimeCall {
	RuntimeCall::Organizations(pallet_organizations::Call::register {
		account: Dave.to_account_id(),
		kind: OrganizationKind::Clinic,
		name: b"Dave Clinic".to_vec(),
		license: b"CL-1".to_vec(),
		jurisdiction: b"GB".to_vec(),
	})
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn last_collective_result() -> Option<sp_runtime::DispatchResult> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::HealthAuthority(pallet_collective::Event::Executed { result, .. }) => {
			Some(result)
		},
		_ => None,
	})
}

#[test]
fn the_development_genesis_registers_the_demo_organizations() {
	let mut chain = Chain::from_preset("development");
	chain.ext.execute_with(|| {
		use OrganizationKind::*;
		for (key, kind) in [
			(demo::HOSPITAL, Hospital),
			(demo::LABORATORY, Laboratory),
			(demo::SPONSOR, ResearchSponsor),
			(demo::MANUFACTURER, Manufacturer),
			(demo::DISTRIBUTOR, Distributor),
			(demo::PHARMACY, Pharmacy),
			(demo::REGULATOR, Regulator),
		] {
			assert_eq!(active_kind(&account(key)), Some(kind));
		}
		assert_eq!(
			acting_for(&account(demo::CLINICIAN)),
			Some((account(demo::HOSPITAL), MemberRole::Clinician))
		);
		assert_eq!(
			acting_for(&account(demo::INVESTIGATOR)),
			Some((account(demo::SPONSOR), MemberRole::Investigator))
		);
		assert!(Organizations::authorize(&account(demo::REGULATOR), Capability::Regulate).is_ok());
		// Every demo account can pay fees and deposits.
		for (path, key) in demo::ALL {
			assert!(pallet_balances::Pallet::<Runtime>::free_balance(account(key)) > 0, "{path}");
		}
	});

	let mut local = Chain::from_preset("local_testnet");
	local.ext.execute_with(|| {
		assert_eq!(pallet_organizations::Organizations::<Runtime>::iter().count(), 0);
	});
}

#[test]
fn a_majority_of_the_council_registers_an_organization_through_a_motion() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		let call = register_dave_clinic();
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = BlakeTwo256::hash_of(&call);
		let (alice, bob, charlie) =
			(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());

		// Alice proposes; her aye and Bob's make two of three.
		assert_ok!(HealthAuthority::propose(signed(&alice), 2, Box::new(call), length));
		assert_ok!(HealthAuthority::vote(signed(&alice), hash, 0, true));
		assert_eq!(active_kind(&Dave.to_account_id()), None);
		assert_ok!(HealthAuthority::vote(signed(&bob), hash, 0, true));
		assert_ok!(HealthAuthority::close(signed(&charlie), hash, 0, weight, length));

		assert_eq!(last_collective_result(), Some(Ok(())));
		assert_eq!(active_kind(&Dave.to_account_id()), Some(OrganizationKind::Clinic));
	});
}

/// Runs `call` as a council motion: proposed by the first of `ayes` with a threshold of their
/// number, voted by all of them, and closed; returns what the motion's execution gave.
fn motion(call: RuntimeCall, ayes: &[AccountId]) -> Option<sp_runtime::DispatchResult> {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = BlakeTwo256::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	let proposer = ayes.first().unwrap();
	assert_ok!(HealthAuthority::propose(
		signed(proposer),
		ayes.len() as u32,
		Box::new(call),
		length
	));
	if ayes.len() > 1 {
		for aye in ayes {
			assert_ok!(HealthAuthority::vote(signed(aye), hash, index, true));
		}
		assert_ok!(HealthAuthority::close(signed(proposer), hash, index, weight, length));
	}
	last_collective_result()
}

#[test]
fn two_members_of_four_are_not_a_majority() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		// Defect 8: the registrar was "at least half", so two of four acted.
		let dave = Dave.to_account_id();
		assert_ok!(healthchain_runtime::HealthAuthorityMembership::add_member(
			RuntimeOrigin::root(),
			sp_runtime::MultiAddress::Id(dave.clone())
		));
		let (alice, bob, charlie) =
			(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());
		let eve_clinic = RuntimeCall::Organizations(pallet_organizations::Call::register {
			account: sp_keyring::Sr25519Keyring::Eve.to_account_id(),
			kind: OrganizationKind::Regulator,
			name: b"Fake regulator".to_vec(),
			license: b"R-0".to_vec(),
			jurisdiction: b"GB".to_vec(),
		});
		assert_eq!(
			motion(eve_clinic.clone(), &[alice.clone(), bob.clone()]),
			Some(Err(sp_runtime::DispatchError::BadOrigin))
		);
		assert_eq!(motion(eve_clinic, &[alice, bob, charlie]), Some(Ok(())));
	});
}

#[test]
fn the_council_can_afford_to_deregister_an_organization() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		// Defect 9: deregistering was weighed for 1,000 members, beyond `MaxProposalWeight`,
		// so a motion to deregister could not even be proposed.
		let hospital = account(demo::HOSPITAL);
		let call = RuntimeCall::Organizations(pallet_organizations::Call::deregister {
			organization: hospital.clone(),
		});
		let ayes = [Alice.to_account_id(), Bob.to_account_id()];
		assert_eq!(motion(call, &ayes), Some(Ok(())));
		assert_eq!(
			Organizations::standing(&hospital).map(|s| s.status),
			Some(healthchain_primitives::OrganizationStatus::Deregistered)
		);
		assert!(acting_for(&account(demo::CLINICIAN)).is_none());
	});
}

#[test]
fn one_council_member_alone_cannot_register() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		let call = register_dave_clinic();
		let length = call.encoded_size() as u32;
		// A threshold of one executes at once, with the backing of one member of three.
		assert_ok!(HealthAuthority::propose(
			signed(&Alice.to_account_id()),
			1,
			Box::new(call),
			length
		));
		assert_eq!(last_collective_result(), Some(Err(sp_runtime::DispatchError::BadOrigin)));
		assert_eq!(active_kind(&Dave.to_account_id()), None);
	});
}

#[test]
fn root_is_a_registrar_and_a_signed_account_is_not() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		assert!(register_dave_clinic()
			.dispatch_bypass_filter(signed(&Alice.to_account_id()))
			.is_err());
		assert_ok!(register_dave_clinic().dispatch_bypass_filter(RuntimeOrigin::root()));
		assert!(active_kind(&Dave.to_account_id()).is_some());
	});
}

#[test]
fn a_guardian_proxy_grants_for_the_patient_but_cannot_transfer() {
	let mut chain = development();
	chain.ext.execute_with(|| {
		let patient = account(demo::PATIENT);
		let guardian = account(demo::GUARDIAN);
		let hospital = account(demo::HOSPITAL);
		let clinician = account(demo::CLINICIAN);
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&patient),
			guardian.clone().into(),
			ProxyType::Guardian,
			0
		));

		let grant = RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: hospital.clone(),
			categories: CategoryScope {
				wildcard: false,
				categories: vec![DataCategory::LabResult].try_into().unwrap(),
			},
			actions: Actions { read: true, write: false },
			purpose: Purpose::Treatment,
			starts_at: None,
			expires_at: None,
		});
		let via_proxy = |call: RuntimeCall| {
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: patient.clone().into(),
				force_proxy_type: None,
				call: Box::new(call),
			})
			.dispatch(signed(&guardian))
		};
		assert_ok!(via_proxy(grant));
		assert_eq!(last_proxy_result(), Some(Ok(())));
		let grants = Consent::consents_by_patient(&patient, None, 10).items;
		assert_eq!(grants.len(), 1);
		assert_eq!(grants[0].patient, patient);
		assert_eq!(
			<Consent as AccessControl<AccountId>>::decide(
				&patient,
				&clinician,
				DataCategory::LabResult,
				Action::Read,
				Purpose::Treatment
			),
			AccessDecision::Allowed(AccessVia::Consent(grants[0].id))
		);

		let before = pallet_balances::Pallet::<Runtime>::free_balance(&guardian);
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: guardian.clone().into(),
			value: 1_000,
		});
		assert_ok!(via_proxy(transfer));
		assert_eq!(
			last_proxy_result(),
			Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()))
		);
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&guardian), before);
	});
}

#[test]
fn proxies_can_do_no_more_than_their_type_says() {
	// Defect 10: `Guardian` allowed every Records call and `Utility::as_derivative`, and
	// `NonTransfer` allowed `Sudo`.
	let mut chain = development();
	chain.ext.execute_with(|| {
		let patient = account(demo::PATIENT);
		let guardian = account(demo::GUARDIAN);
		let alice = AccountId::from(Alice.public());
		let bob = AccountId::from(Bob.public());
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&patient),
			guardian.clone().into(),
			ProxyType::Guardian,
			0
		));
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&alice),
			bob.clone().into(),
			ProxyType::NonTransfer,
			0
		));
		let via = |proxy: &AccountId, real: &AccountId, call: RuntimeCall| {
			assert_ok!(RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: real.clone().into(),
				force_proxy_type: None,
				call: Box::new(call),
			})
			.dispatch(signed(proxy)));
			last_proxy_result().expect("the proxy call ran")
		};
		let filtered = Err(frame_system::Error::<Runtime>::CallFiltered.into());
		// Harmless calls that succeed for any signed account: an empty batch, and removing
		// proxies one does not have.
		let noop = || RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![] });
		let not_guardian = || RuntimeCall::Proxy(pallet_proxy::Call::remove_proxies {});
		let transfer = || {
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: bob.clone().into(),
				value: 1_000,
			})
		};

		// The sudo key's NonTransfer proxy cannot use the key.
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(noop()) });
		assert_eq!(via(&bob, &alice, sudo), filtered);
		assert_eq!(via(&bob, &alice, noop()), Ok(()));
		assert_eq!(via(&bob, &alice, transfer()), filtered);

		// A guardian makes exactly the patient-side calls, batched or not, and nothing else.
		let derivative = RuntimeCall::Utility(pallet_utility::Call::as_derivative {
			index: 0,
			call: Box::new(noop()),
		});
		assert_eq!(via(&guardian, &patient, derivative), filtered);
		assert_eq!(via(&guardian, &patient, not_guardian()), filtered);
		assert_eq!(
			via(
				&guardian,
				&patient,
				RuntimeCall::Records(pallet_records::Call::remove_encryption_key {})
			),
			filtered
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![transfer(), not_guardian()],
		});
		assert_eq!(via(&guardian, &patient, batch), filtered);
	});
}

fn last_proxy_result() -> Option<sp_runtime::DispatchResult> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
		_ => None,
	})
}

#[test]
fn a_guardian_proxy_manages_the_patients_records() {
	use frame_support::traits::fungible::InspectHold;
	use healthchain_runtime::{configs::RecordsHoldReason, deposit};
	let mut chain = development();
	chain.ext.execute_with(|| {
		let patient = account(demo::PATIENT);
		let guardian = account(demo::GUARDIAN);
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&patient),
			guardian.clone().into(),
			ProxyType::Guardian,
			0
		));
		let via_proxy = |call: RuntimeCall| {
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: patient.clone().into(),
				force_proxy_type: None,
				call: Box::new(call),
			})
			.dispatch(signed(&guardian))
		};
		// The encryption key is the patient's alone: a guardian can neither set nor replace it.
		let set_key = || {
			RuntimeCall::Records(pallet_records::Call::set_encryption_key { public_key: [3; 32] })
		};
		assert_ok!(via_proxy(set_key()));
		assert_eq!(
			last_proxy_result(),
			Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()))
		);
		assert_ok!(set_key().dispatch(signed(&patient)));
		assert_ok!(via_proxy(RuntimeCall::Records(pallet_records::Call::add_record {
			patient: patient.clone(),
			category: DataCategory::Immunization,
			content_hash: [1; 32],
			locator: healthchain_primitives::Locator::ContentHash,
			patient_key_envelope: healthchain_primitives::WrappedKey {
				ephemeral_public: [7; 32],
				nonce: [7; 12],
				ciphertext: [7; 32],
				tag: [7; 16]
			},
			purpose: None,
		})));
		assert_eq!(last_proxy_result(), Some(Ok(())));
		let records = Records::records_by_patient(&patient, None, None, 10).items;
		assert_eq!(records.len(), 1);
		// The record is the patient's, written as the patient, paid by the patient: the
		// deposits docs/pallets/records.md gives, for the key (1 item, 80 bytes) and the
		// version (2 items, 372 bytes).
		assert_eq!((&records[0].patient, &records[0].author), (&patient, &patient));
		let held = <pallet_balances::Pallet<Runtime> as InspectHold<AccountId>>::balance_on_hold(
			&RecordsHoldReason::get(),
			&patient,
		);
		assert_eq!(held, deposit(1, 80) + deposit(2, 372));
		assert_eq!(deposit(1, 80) + deposit(2, 372), 200_080_000_000 + 400_372_000_000);
	});
}

#[test]
fn a_demo_clinician_breaks_the_glass_for_a_day() {
	use frame_support::traits::fungible::InspectHold;
	use healthchain_runtime::{configs::RecordsHoldReason, deposit};
	let mut chain = development();
	chain.ext.execute_with(|| {
		let patient = account(demo::PATIENT);
		let clinician = account(demo::CLINICIAN);
		let read_allergies = || {
			<Consent as AccessControl<AccountId>>::decide(
				&patient,
				&clinician,
				DataCategory::Allergy,
				Action::Read,
				Purpose::Treatment,
			)
		};
		assert!(!read_allergies().is_allowed());
		assert_ok!(Records::emergency_access(
			signed(&clinician),
			patient.clone(),
			EmergencyReason::PatientUnconscious,
			[9; 32]
		));
		let access = Records::emergency_accesses(&patient, None, 100).items.pop().unwrap();
		assert_eq!(read_allergies(), AccessDecision::Allowed(AccessVia::Emergency(access.id)));
		assert_eq!(access.organization, account(demo::HOSPITAL));
		assert_eq!(access.expires_at - access.started_at, 24 * 60 * 60 * 1000);
		assert_eq!(access.started_at, Timestamp::get());
		// The clinician holds the deposit docs/pallets/records.md gives: 2 items, 332 bytes.
		let held = <pallet_balances::Pallet<Runtime> as InspectHold<AccountId>>::balance_on_hold(
			&RecordsHoldReason::get(),
			&clinician,
		);
		assert_eq!(held, deposit(2, 332));
		assert_eq!(deposit(2, 332), 400_332_000_000);
		// The regulator of the demo flags it for review; the patient ends it.
		assert_ok!(Records::flag_emergency_access(
			signed(&account(demo::REGULATOR)),
			patient.clone(),
			access.id,
			[5; 32]
		));
		assert_ok!(Records::end_emergency_access(
			signed(&patient),
			patient.clone(),
			clinician.clone()
		));
		assert!(!read_allergies().is_allowed());
	});
}

#[test]
fn a_guardian_enrolls_the_patient_in_a_trial_of_the_demo_sponsor() {
	use healthchain_primitives::{TrialPhase, TrialStatus};
	let mut chain = development();
	chain.ext.execute_with(|| {
		let sponsor = account(demo::SPONSOR);
		let patient = account(demo::PATIENT);
		let guardian = account(demo::GUARDIAN);
		assert_ok!(Trials::register_trial(
			signed(&sponsor),
			vec![(b"NCT".to_vec(), b"NCT01234567".to_vec())],
			b"A demo trial".to_vec(),
			TrialPhase::Phase2,
			[1; 32],
			[2; 32],
			10,
			Timestamp::get() + 1_000_000,
		));
		// The registration's deposit, as docs/pallets/trials.md gives it: 34 items, 3,387
		// bytes, 6.803387 HLTH.
		let held =
			<pallet_balances::Pallet<Runtime> as frame_support::traits::fungible::InspectHold<
				AccountId,
			>>::balance_on_hold(&healthchain_runtime::configs::TrialsHoldReason::get(), &sponsor);
		assert_eq!(held, healthchain_runtime::deposit(34, 3387));
		assert_eq!(held, 6_803_387_000_000);
		assert_ok!(Trials::add_investigator(signed(&sponsor), 0, account(demo::INVESTIGATOR)));
		assert_ok!(Trials::set_status(signed(&sponsor), 0, TrialStatus::Recruiting, None));
		assert_ok!(pallet_proxy::Pallet::<Runtime>::add_proxy(
			signed(&patient),
			guardian.clone().into(),
			ProxyType::Guardian,
			0
		));
		let enroll = RuntimeCall::Trials(pallet_trials::Call::enroll {
			trial_id: 0,
			consent_form_hash: [5; 32],
		});
		assert_ok!(RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: patient.clone().into(),
			force_proxy_type: None,
			call: Box::new(enroll),
		})
		.dispatch(signed(&guardian)));
		assert_eq!(last_proxy_result(), Some(Ok(())));
		assert!(Trials::enrollment(0, &patient).is_some());
		// A guardian may not run the trial.
		let status = RuntimeCall::Trials(pallet_trials::Call::set_status {
			trial_id: 0,
			status: TrialStatus::ActiveNotRecruiting,
			reason_hash: None,
		});
		assert_ok!(RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: patient.into(),
			force_proxy_type: None,
			call: Box::new(status),
		})
		.dispatch(signed(&guardian)));
		assert_eq!(
			last_proxy_result(),
			Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()))
		);
	});
}

#[test]
fn every_call_fits_in_a_block_in_its_worst_case() {
	use frame_support::{dispatch::DispatchClass, traits::Get};
	use pallet_consent::WeightInfo as _;
	use pallet_drug_lots::WeightInfo as _;
	use pallet_organizations::WeightInfo as _;
	use pallet_records::WeightInfo as _;
	use pallet_trials::WeightInfo as _;
	type LotWeights = pallet_drug_lots::weights::SubstrateWeight<Runtime>;
	type TrialWeights = pallet_trials::weights::SubstrateWeight<Runtime>;
	type OrganizationWeights = pallet_organizations::weights::SubstrateWeight<Runtime>;
	type ConsentWeights = pallet_consent::weights::SubstrateWeight<Runtime>;
	type RecordWeights = pallet_records::weights::SubstrateWeight<Runtime>;
	type Versions = <Runtime as pallet_records::Config>::MaxVersionsPerRecord;
	type Name = <Runtime as pallet_organizations::Config>::MaxNameLength;
	type License = <Runtime as pallet_organizations::Config>::MaxLicenseLength;

	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let max_extrinsic = limits.get(DispatchClass::Normal).max_extrinsic.unwrap();
	let (name, license) = (Name::get(), License::get());
	for (call, weight) in [
		("register", OrganizationWeights::register(name, license)),
		("update_details", OrganizationWeights::update_details(name, license)),
		("suspend", OrganizationWeights::suspend()),
		("reinstate", OrganizationWeights::reinstate()),
		("deregister", OrganizationWeights::deregister()),
		("reap_member", OrganizationWeights::reap_member()),
		("add_member", OrganizationWeights::add_member()),
		("remove_member", OrganizationWeights::remove_member()),
		("leave", OrganizationWeights::leave()),
		("Organizations.poke_deposit", OrganizationWeights::poke_deposit()),
		("grant", ConsentWeights::grant()),
		("revoke", ConsentWeights::revoke()),
		("prune_expired", ConsentWeights::prune_expired(pallet_consent::MAX_PRUNE_SCAN)),
		("Consent.poke_deposit", ConsentWeights::poke_deposit()),
		("set_encryption_key", RecordWeights::set_encryption_key()),
		("remove_encryption_key", RecordWeights::remove_encryption_key()),
		("add_record", RecordWeights::add_record()),
		("amend_record", RecordWeights::amend_record()),
		("retract_record", RecordWeights::retract_record()),
		("erase_record", RecordWeights::erase_record(Versions::get())),
		("share_key", RecordWeights::share_key()),
		("remove_key", RecordWeights::remove_key()),
		("log_access", RecordWeights::log_access()),
		("emergency_access", RecordWeights::emergency_access()),
		("end_emergency_access", RecordWeights::end_emergency_access()),
		("flag_emergency_access", RecordWeights::flag_emergency_access()),
		("close_emergency_review", RecordWeights::close_emergency_review()),
		("clear_emergency_access", RecordWeights::clear_emergency_access()),
		("Records.poke_deposit", RecordWeights::poke_deposit()),
		("register_trial", TrialWeights::register_trial()),
		("amend_protocol", TrialWeights::amend_protocol()),
		("set_status", TrialWeights::set_status()),
		("add_investigator", TrialWeights::add_investigator()),
		("remove_investigator", TrialWeights::remove_investigator()),
		("enroll", TrialWeights::enroll()),
		("withdraw", TrialWeights::withdraw()),
		("confirm_enrollment", TrialWeights::confirm_enrollment()),
		("decline_enrollment", TrialWeights::decline_enrollment()),
		("set_target_enrollment", TrialWeights::set_target_enrollment()),
		("submit_data", TrialWeights::submit_data()),
		("publish_results", TrialWeights::publish_results()),
		("amend_results", TrialWeights::amend_results()),
		("Trials.poke_deposit", TrialWeights::poke_deposit()),
		("register_product", LotWeights::register_product()),
		("commission_lot", LotWeights::commission_lot()),
		("ship", LotWeights::ship()),
		("receive", LotWeights::receive()),
		("reject", LotWeights::reject()),
		("cancel_shipment", LotWeights::cancel_shipment()),
		("dispense", LotWeights::dispense()),
		("destroy", LotWeights::destroy()),
		("recall", LotWeights::recall()),
		("report_suspect", LotWeights::report_suspect()),
		("resolve_suspect", LotWeights::resolve_suspect()),
		("DrugLots.poke_deposit", LotWeights::poke_deposit()),
	] {
		assert!(weight.all_lte(max_extrinsic), "{call}: {weight:?} exceeds {max_extrinsic:?}");
	}
}
