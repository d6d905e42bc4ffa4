//! Healthchain as a real parachain: a Westend-local relay chain with two validators, two
//! Healthchain collators, block production and finality, a signed extrinsic, and a live
//! runtime upgrade.
//!
//! It needs the relay binaries and `healthchain-node` on PATH and the upgrade wasm, which
//! `scripts/zombienet.sh test` provides; run on its own it fails and says so. Timings are
//! printed (lines starting `[figure]`), never asserted.

use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context, Result};
use healthchain_zombienet::{
	network_config, para_lifecycle, poll, require_binaries, runtime_version, upgrade_code,
	wait_for_metric, BEST_HEIGHT, FINALIZED_HEIGHT, PARA_ID,
};
use zombienet_sdk::{
	subxt::{
		blocks::ExtrinsicEvents,
		config::Hasher,
		dynamic::{self, Value},
		ext::scale_value::{Composite, ValueDef},
		tx::Payload,
		utils::H256,
		OnlineClient, PolkadotConfig,
	},
	subxt_signer::sr25519::{dev, Keypair},
	NetworkConfigExt, NetworkNode,
};

type Client = OnlineClient<PolkadotConfig>;

const MINUTE: Duration = Duration::from_secs(60);

fn figure(what: &str, took: Duration) {
	println!("[figure] {what}: {:.1} s", took.as_secs_f64());
}

async fn client(node: &NetworkNode) -> Result<Client> {
	node.wait_client_with_timeout(120u64)
		.await
		.with_context(|| format!("no client for {}", node.name()))
}

/// Signs `call` as `signer`, submits it and waits until its block is finalized; fails if the
/// call failed. Gives the finalized block's hash and the call's events.
async fn submit_finalized(
	client: &Client,
	call: &impl Payload,
	signer: &Keypair,
) -> Result<(H256, ExtrinsicEvents<PolkadotConfig>)> {
	let progress = client.tx().sign_and_submit_then_watch_default(call, signer).await?;
	let in_block = tokio::time::timeout(5 * MINUTE, progress.wait_for_finalized())
		.await
		.context("the extrinsic was not finalized within 5 minutes")??;
	let events = in_block.wait_for_success().await?;
	Ok((in_block.block_hash(), events))
}

/// A consent from `patient` to `grantee` to read the patient's non-sensitive records for
/// treatment, from now until revoked.
fn consent_grant(grantee: [u8; 32]) -> impl Payload {
	dynamic::tx(
		"Consent",
		"grant",
		Composite::named([
			("grantee", Value::from_bytes(grantee)),
			(
				"categories",
				Value::named_composite([
					("wildcard", Value::bool(true)),
					("categories", Value::unnamed_composite([])),
				]),
			),
			(
				"actions",
				Value::named_composite([
					("read", Value::bool(true)),
					("write", Value::bool(false)),
				]),
			),
			("purpose", Value::unnamed_variant("Treatment", [])),
			("starts_at", Value::unnamed_variant("None", [])),
			("expires_at", Value::unnamed_variant("None", [])),
		]),
	)
}

/// The `ConsentGranted` event among `events`, as (consent id, patient, grantee).
fn consent_granted(
	events: &ExtrinsicEvents<PolkadotConfig>,
) -> Result<(u128, Value<u32>, Value<u32>)> {
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() != "Consent" || event.variant_name() != "ConsentGranted" {
			continue;
		}
		let fields: Vec<(String, Value<u32>)> = match event.field_values()? {
			Composite::Named(fields) => fields,
			Composite::Unnamed(_) => return Err(anyhow!("ConsentGranted has unnamed fields")),
		};
		let field = |name: &str| {
			fields
				.iter()
				.find(|(field, _)| field == name)
				.map(|(_, value)| value.clone())
				.ok_or_else(|| anyhow!("ConsentGranted has no {name}"))
		};
		let id = field("consent_id")?.as_u128().context("consent_id is not a number")?;
		return Ok((id, field("patient")?, field("grantee")?));
	}
	Err(anyhow!("no ConsentGranted event"))
}

/// The 32 bytes of an `AccountId32` value as decoded from an event.
fn account_bytes(value: &Value<u32>) -> Result<Vec<u8>> {
	// `AccountId32([u8; 32])`: a composite holding one composite of 32 numbers.
	let mut value = value;
	while let ValueDef::Composite(Composite::Unnamed(inner)) = &value.value {
		if inner.len() == 1 {
			value = &inner[0];
			continue;
		}
		return inner
			.iter()
			.map(|byte| byte.as_u128().and_then(|b| u8::try_from(b).ok()))
			.collect::<Option<Vec<u8>>>()
			.context("an account byte is not a byte");
	}
	Err(anyhow!("not an account id: {value:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn healthchain_runs_as_a_parachain_and_upgrades_live() -> Result<()> {
	require_binaries()?;
	let upgrade_wasm = upgrade_code()?;

	let started = Instant::now();
	let network = network_config()?.spawn_native().await?;
	figure("network spawned", started.elapsed());
	println!("zombienet logs and chain data: {}", network.base_dir().unwrap_or("?"));

	// The relay chain registers the parachain from genesis.
	let alice = network.get_node("alice")?;
	let relay = client(alice).await?;
	let lifecycle =
		poll("parachain 2000 to be registered", 5 * MINUTE, Duration::from_secs(3), || {
			let relay = relay.clone();
			async move {
				Ok(para_lifecycle(&relay, PARA_ID).await?.filter(|state| state == "Parachain"))
			}
		})
		.await?;
	println!("parachain {PARA_ID} is a {lifecycle} on the relay chain");

	// Both collators follow the chain and finality comes from the relay chain.
	let charlie = network.get_node("charlie")?;
	let dave = network.get_node("dave")?;
	wait_for_metric(charlie, BEST_HEIGHT, 1.0, 10 * MINUTE).await?;
	figure("first parachain block (from the start)", started.elapsed());
	for collator in [charlie, dave] {
		wait_for_metric(collator, FINALIZED_HEIGHT, 10.0, 15 * MINUTE).await?;
	}
	figure("parachain finalized height 10 on both collators (from the start)", started.elapsed());

	// A signed Consent.grant through a collator's RPC, included and finalized.
	let para = client(dave).await?;
	let (patient, grantee) = (dev::bob(), dev::eve());
	let submitted = Instant::now();
	let (block, events) =
		submit_finalized(&para, &consent_grant(grantee.public_key().0), &patient).await?;
	figure("Consent.grant included and finalized", submitted.elapsed());
	let (consent_id, event_patient, event_grantee) = consent_granted(&events)?;
	ensure!(account_bytes(&event_patient)? == patient.public_key().0, "wrong patient in the event");
	ensure!(account_bytes(&event_grantee)? == grantee.public_key().0, "wrong grantee in the event");
	let stored = para
		.storage()
		.at(block)
		.fetch(&dynamic::storage("Consent", "Consents", vec![Value::u128(consent_id)]))
		.await?;
	ensure!(stored.is_some(), "consent {consent_id} is not in the finalized block's state");
	println!("consent {consent_id} granted in finalized block {block:?}");

	// A runtime upgrade: Alice (sudo) authorizes the new code's hash, then anyone applies it.
	// The relay chain checks the new validation code before the parachain switches to it.
	let before = runtime_version(charlie).await?;
	let code_hash = para.hasher().hash(&upgrade_wasm);
	let upgrade_started = Instant::now();
	let authorize = dynamic::tx(
		"Sudo",
		"sudo",
		Composite::named([(
			"call",
			dynamic::tx(
				"System",
				"authorize_upgrade",
				Composite::named([("code_hash", Value::from_bytes(code_hash.0))]),
			)
			.into_value(),
		)]),
	);
	let (_, events) = submit_finalized(&para, &authorize, &dev::alice()).await?;
	ensure!(
		events
			.iter()
			.flatten()
			.any(|e| e.pallet_name() == "System" && e.variant_name() == "UpgradeAuthorized"),
		"authorize_upgrade emitted no UpgradeAuthorized"
	);
	let apply = dynamic::tx(
		"System",
		"apply_authorized_upgrade",
		Composite::named([("code", Value::from_bytes(&upgrade_wasm))]),
	);
	submit_finalized(&para, &apply, &dev::ferdie()).await?;
	let old_spec = before.spec_version;
	let after = poll(
		"the new runtime to go live",
		15 * MINUTE,
		Duration::from_secs(3),
		move || async move {
			let now = runtime_version(charlie).await?;
			Ok((now.spec_version != old_spec).then_some(now))
		},
	)
	.await?;
	figure("runtime upgrade live (from authorize_upgrade)", upgrade_started.elapsed());
	ensure!(
		after.spec_version == before.spec_version + 1,
		"spec_version went from {} to {}",
		before.spec_version,
		after.spec_version
	);
	// Nothing but the spec version differs between the two builds.
	ensure!(after.transaction_version == before.transaction_version, "transaction_version changed");
	for (field, value) in &before.other {
		let new = after.other.get(field);
		ensure!(new == Some(value), "the upgrade changed {field}: {value} -> {new:?}");
	}
	println!(
		"runtime upgraded live: spec_version {} -> {}",
		before.spec_version, after.spec_version
	);

	// The upgraded chain still produces and finalizes blocks and takes signed extrinsics.
	let new_spec = after.spec_version;
	poll("dave to run the new runtime", 2 * MINUTE, Duration::from_secs(2), move || async move {
		Ok((runtime_version(dave).await?.spec_version == new_spec).then_some(()))
	})
	.await?;
	let para = client(charlie).await?;
	let (_, events) =
		submit_finalized(&para, &consent_grant(dev::charlie().public_key().0), &patient).await?;
	consent_granted(&events)?;
	figure("whole test", started.elapsed());

	network.destroy().await?;
	Ok(())
}
