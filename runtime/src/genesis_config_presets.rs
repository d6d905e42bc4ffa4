//! Genesis presets: `development` (the `--dev` chain) and `local_testnet`.
//!
//! Both prefund the well-known dev accounts (Alice to Ferdie and their `//stash` accounts),
//! make Alice the sudo key and put Alice, Bob and Charlie on the `HealthAuthority` council.
//! `development` has Alice as its only collator; `local_testnet` has Alice and Bob.
//!
//! `development` also registers a demo set of organizations, each under a dev account named
//! after its role (`//Hospital`, `//Clinician`, ...; see [`demo`]), and prefunds them, so that a
//! newcomer can act as any of them from polkadot.js. `docs/demo-accounts.md` lists them.

use alloc::{vec, vec::Vec};

use polkadot_sdk::{staging_xcm as xcm, *};

use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

use crate::{
	AccountId, AuraId, Balance, BalancesConfig, CollatorSelectionConfig,
	HealthAuthorityMembershipConfig, OrganizationsConfig, ParachainInfoConfig, PolkadotXcmConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, UNIT,
};
use pallet_organizations::{GenesisOrganization, MemberRole, OrganizationKind};

/// The parachain id the presets use. Zombienet and the local relay chain register it.
pub const PARACHAIN_ID: u32 = 2000;

/// What every prefunded dev account holds at genesis.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The bond of a collator candidate: filling the candidate list with accounts that never author
/// ties up 100,000 HLTH (`MaxCandidates` is 100) until they are removed, at the first session
/// change at least 12 hours after registering (6 after last authoring), bonds returned.
/// `set_candidacy_bond` (Root or the relay chain's staking admin) changes it.
pub const CANDIDACY_BOND: Balance = 1_000 * UNIT;

/// The keys a collator uses for Aura.
fn session_keys(aura: AuraId) -> SessionKeys {
	SessionKeys { aura }
}

fn collator(keyring: Sr25519Keyring) -> (AccountId, AuraId) {
	(keyring.to_account_id(), keyring.public().into())
}

/// The demo actors of the `development` preset: dev accounts derived from the well-known dev
/// seed by a hard derivation named after the role, as `//Hospital`. Their keys are written out
/// because deriving keys needs code the runtime does not carry; a test checks them.
pub mod demo {
	use super::*;
	use hex_literal::hex;

	/// `//Hospital`: Healthchain General Hospital.
	pub const HOSPITAL: [u8; 32] =
		hex!("1695bf83e2b75bd8c6ef49ce526603f2c3518bccf94c6f90804073273a13373f");
	/// `//Clinician`: a clinician of the hospital.
	pub const CLINICIAN: [u8; 32] =
		hex!("c2e231bbe2b1d73b0e28df3ec8e33c2f07ec1bcdc06522b3ed976fb935dbc126");
	/// `//Laboratory`: Healthchain Diagnostics.
	pub const LABORATORY: [u8; 32] =
		hex!("b86935bcf5d2eea535658b7a7b845f9fb6c3b529d91eb3d1466107d3641af653");
	/// `//Sponsor`: Healthchain Research, a research sponsor.
	pub const SPONSOR: [u8; 32] =
		hex!("825273125d92ccaa0475792bec43bd0dfbfd65a4720815414458b54770b04b2c");
	/// `//Investigator`: an investigator of the research sponsor.
	pub const INVESTIGATOR: [u8; 32] =
		hex!("3c4088b5a0bcfbd488d6a5cf58976f6bc792e048b9311e64038e7464cb20546f");
	/// `//Manufacturer`: Healthchain Pharmaceuticals.
	pub const MANUFACTURER: [u8; 32] =
		hex!("a4f657b82271c02e5cc7e90b9d70f254fbb140afa586375b17a1a9dfa1c83373");
	/// `//Distributor`: Healthchain Distribution.
	pub const DISTRIBUTOR: [u8; 32] =
		hex!("2c25c7d35f351642b0bd6a7c2dde5569523c88cdbe17e6e4ef37452200fa8b1f");
	/// `//Pharmacy`: Healthchain Community Pharmacy.
	pub const PHARMACY: [u8; 32] =
		hex!("04badd1aa5885139e44bf59f2e6dfa48a329135ed1d33506084e2fa5af1d6944");
	/// `//Regulator`: the Healthchain Medicines Regulator.
	pub const REGULATOR: [u8; 32] =
		hex!("c8deda87de3680643d220b32679a646c56e5fd15c14100cb81555de939ea1f3d");
	/// `//Patient`: a patient.
	pub const PATIENT: [u8; 32] =
		hex!("52c4b8eff43e334ce17f21450e73d20ced5d827a352420a4dc4aca94279eb112");
	/// `//Guardian`: a guardian who may act for a patient through a proxy.
	pub const GUARDIAN: [u8; 32] =
		hex!("425514f650308c252b79fa70609d4ac8e90426f059f2b04eb34f1a8e47e15922");

	/// Every demo account, with the derivation path it comes from.
	pub const ALL: [(&str, [u8; 32]); 11] = [
		("//Hospital", HOSPITAL),
		("//Clinician", CLINICIAN),
		("//Laboratory", LABORATORY),
		("//Sponsor", SPONSOR),
		("//Investigator", INVESTIGATOR),
		("//Manufacturer", MANUFACTURER),
		("//Distributor", DISTRIBUTOR),
		("//Pharmacy", PHARMACY),
		("//Regulator", REGULATOR),
		("//Patient", PATIENT),
		("//Guardian", GUARDIAN),
	];

	pub fn account(key: [u8; 32]) -> AccountId {
		AccountId::new(key)
	}

	fn organization(
		key: [u8; 32],
		kind: OrganizationKind,
		name: &str,
		license: &str,
		members: Vec<(AccountId, MemberRole)>,
	) -> GenesisOrganization<AccountId> {
		GenesisOrganization {
			account: account(key),
			kind,
			name: name.into(),
			license: license.into(),
			jurisdiction: "GB".into(),
			members,
		}
	}

	/// The organizations of the demo, with their members.
	pub fn organizations() -> Vec<GenesisOrganization<AccountId>> {
		use OrganizationKind::*;
		vec![
			organization(
				HOSPITAL,
				Hospital,
				"Healthchain General Hospital",
				"HOSP-GB-0001",
				vec![(account(CLINICIAN), MemberRole::Clinician)],
			),
			organization(LABORATORY, Laboratory, "Healthchain Diagnostics", "LAB-GB-0001", vec![]),
			organization(
				SPONSOR,
				ResearchSponsor,
				"Healthchain Research",
				"SPON-GB-0001",
				vec![(account(INVESTIGATOR), MemberRole::Investigator)],
			),
			organization(
				MANUFACTURER,
				Manufacturer,
				"Healthchain Pharmaceuticals",
				"MIA-GB-0001",
				vec![],
			),
			organization(
				DISTRIBUTOR,
				Distributor,
				"Healthchain Distribution",
				"WDA-GB-0001",
				vec![],
			),
			organization(
				PHARMACY,
				Pharmacy,
				"Healthchain Community Pharmacy",
				"PH-GB-0001",
				vec![],
			),
			organization(
				REGULATOR,
				Regulator,
				"Healthchain Medicines Regulator",
				"REG-GB-0001",
				vec![],
			),
		]
	}
}

fn genesis(
	collators: Vec<(AccountId, AuraId)>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	root: AccountId,
	id: ParaId,
	organizations: Vec<GenesisOrganization<AccountId>>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(account, _)| account.clone()).collect(),
			candidacy_bond: CANDIDACY_BOND,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, session_keys(aura)))
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(xcm::prelude::XCM_VERSION) },
		sudo: SudoConfig { key: Some(root) },
		health_authority_membership: HealthAuthorityMembershipConfig {
			members: frame_support::BoundedVec::truncate_from(council),
		},
		organizations: OrganizationsConfig { organizations },
	})
}

fn council() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::Bob.to_account_id(),
		Sr25519Keyring::Charlie.to_account_id(),
	]
}

fn local_testnet_genesis() -> Value {
	genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		council(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
		vec![],
	)
}

fn development_genesis() -> Value {
	genesis(
		vec![collator(Sr25519Keyring::Alice)],
		Sr25519Keyring::well_known()
			.map(|k| k.to_account_id())
			.chain(demo::ALL.into_iter().map(|(_, key)| demo::account(key)))
			.collect(),
		council(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
		demo::organizations(),
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
