//! `docs/vault-openapi.json` is the description the vault serves, generated from its code.
//! `HEALTHCHAIN_BLESS=1 cargo test -p healthchain-vault --test openapi` writes it anew.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

#[test]
fn the_docs_hold_the_description_the_vault_serves() {
	let generated = format!("{}\n", healthchain_vault::api::openapi_json());
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/vault-openapi.json");
	if std::env::var_os("HEALTHCHAIN_BLESS").is_some() {
		std::fs::write(&path, &generated).unwrap();
	}
	let documented = std::fs::read_to_string(&path).unwrap_or_default();
	assert!(
		documented == generated,
		"docs/vault-openapi.json differs from the API the vault serves: run \
		 HEALTHCHAIN_BLESS=1 cargo test -p healthchain-vault --test openapi, and read the diff"
	);
	let description: serde_json::Value = serde_json::from_str(&generated).unwrap();
	let paths = description["paths"].as_object().unwrap();
	for path in ["/v1/payloads/{hash}", "/v1/releases", "/healthz", "/metrics", "/openapi.json"] {
		assert!(paths.contains_key(path), "{path} is described");
	}
}
