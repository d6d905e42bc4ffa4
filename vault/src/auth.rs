//! Who is asking: every request is signed by a Substrate account (sr25519).
//!
//! The signed text binds the request's method, path, query, body and time:
//!
//! ```text
//! healthchain-vault-request-v1
//! PUT
//! /v1/payloads/0x…
//! record=7
//! 0x<blake2b-256 of the body>
//! 1767225600000
//! ```
//!
//! Lines are separated by `\n`; the query is the raw query string (empty when there is none);
//! the timestamp is milliseconds since the Unix epoch. The signature is over these bytes, or
//! over them wrapped in `<Bytes>`…`</Bytes>`, which is what browser wallets (the polkadot.js
//! extension, Talisman, SubWallet) sign when asked to sign raw bytes.

use axum::http::HeaderMap;
use polkadot_sdk::{
	sp_core::{
		crypto::{AccountId32, Ss58Codec},
		sr25519, Pair,
	},
	sp_crypto_hashing::blake2_256,
};

use crate::Refusal;

pub const ACCOUNT_HEADER: &str = "x-healthchain-account";
pub const TIMESTAMP_HEADER: &str = "x-healthchain-timestamp";
pub const SIGNATURE_HEADER: &str = "x-healthchain-signature";

/// The first line of every signed text: names the use, so that a signature made for the
/// vault is never valid for anything else.
pub const DOMAIN: &str = "healthchain-vault-request-v1";

/// The blake2b-256 hash of a body, as the signed text carries it. For an upload it is the
/// content hash the payload is stored under.
pub fn body_hash(body: &[u8]) -> [u8; 32] {
	blake2_256(body)
}

/// The text a request's signature covers.
pub fn signed_text(
	method: &str,
	path: &str,
	query: &str,
	body_hash: &[u8; 32],
	timestamp: u64,
) -> String {
	format!("{DOMAIN}\n{method}\n{path}\n{query}\n0x{}\n{timestamp}", hex::encode(body_hash))
}

/// What a request says of its signer, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
	pub account: AccountId32,
	pub timestamp: u64,
	pub signature: [u8; 64],
}

impl Claim {
	/// Reads the three headers; `MissingSignature` when none is there, `MalformedRequest`
	/// when one is missing or unreadable.
	pub fn from_headers(headers: &HeaderMap) -> Result<Self, Refusal> {
		let get = |name| headers.get(name).and_then(|value| value.to_str().ok());
		let (account, timestamp, signature) =
			match (get(ACCOUNT_HEADER), get(TIMESTAMP_HEADER), get(SIGNATURE_HEADER)) {
				(None, None, None) => return Err(Refusal::MissingSignature),
				(Some(a), Some(t), Some(s)) => (a, t, s),
				_ => return Err(Refusal::MalformedRequest),
			};
		Ok(Claim {
			account: parse_account(account).ok_or(Refusal::MalformedRequest)?,
			timestamp: timestamp.parse().map_err(|_| Refusal::MalformedRequest)?,
			signature: parse_hex(signature).ok_or(Refusal::MalformedRequest)?,
		})
	}

	/// Whether the signature is the account's, over `text` or over `text` wrapped as browser
	/// wallets wrap raw bytes.
	pub fn signs(&self, text: &str) -> bool {
		let public = sr25519::Public::from_raw(self.account.clone().into());
		let signature = sr25519::Signature::from_raw(self.signature);
		sr25519::Pair::verify(&signature, text.as_bytes(), &public)
			|| sr25519::Pair::verify(&signature, format!("<Bytes>{text}</Bytes>"), &public)
	}

	/// Whether the request's time is within `max_age_ms` of `now_ms`, either way.
	pub fn is_fresh(&self, now_ms: u64, max_age_ms: u64) -> bool {
		now_ms.abs_diff(self.timestamp) <= max_age_ms
	}
}

/// An account in SS58 (any network prefix) or as `0x` and 64 hex digits.
pub fn parse_account(text: &str) -> Option<AccountId32> {
	if text.starts_with("0x") {
		return parse_hex::<32>(text).map(AccountId32::new);
	}
	AccountId32::from_ss58check_with_version(text).ok().map(|(account, _)| account)
}

/// `0x` and exactly `2 * N` hex digits.
pub fn parse_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
	let digits = text.strip_prefix("0x")?;
	let mut bytes = [0u8; N];
	hex::decode_to_slice(digits, &mut bytes).ok()?;
	Some(bytes)
}

/// An account as the vault writes it: SS58 with the generic Substrate prefix (42).
pub fn account_text(account: &AccountId32) -> String {
	account.to_ss58check()
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::http::HeaderValue;

	fn alice() -> sr25519::Pair {
		sr25519::Pair::from_string("//Alice", None).unwrap()
	}

	fn signed(pair: &sr25519::Pair, text: &str) -> Claim {
		Claim {
			account: AccountId32::from(pair.public()),
			timestamp: 1_000,
			signature: pair.sign(text.as_bytes()).0,
		}
	}

	#[test]
	fn the_signed_text_binds_every_part_of_the_request() {
		let hash = body_hash(b"");
		let text = signed_text("GET", "/v1/payloads/0xab", "record=7", &hash, 1_000);
		assert_eq!(
			text,
			format!(
				"healthchain-vault-request-v1\nGET\n/v1/payloads/0xab\nrecord=7\n0x{}\n1000",
				hex::encode(hash)
			)
		);
		let claim = signed(&alice(), &text);
		assert!(claim.signs(&text));
		for other in [
			signed_text("PUT", "/v1/payloads/0xab", "record=7", &hash, 1_000),
			signed_text("GET", "/v1/payloads/0xac", "record=7", &hash, 1_000),
			signed_text("GET", "/v1/payloads/0xab", "record=8", &hash, 1_000),
			signed_text("GET", "/v1/payloads/0xab", "record=7", &body_hash(b"x"), 1_000),
			signed_text("GET", "/v1/payloads/0xab", "record=7", &hash, 1_001),
		] {
			assert!(!claim.signs(&other), "{other}");
		}
	}

	#[test]
	fn a_browser_wallets_wrapped_signature_is_accepted() {
		let text = signed_text("GET", "/v1/releases", "", &body_hash(b""), 5);
		let wrapped = signed(&alice(), &format!("<Bytes>{text}</Bytes>"));
		assert!(wrapped.signs(&text));
		// Another account's key does not verify.
		let bob = sr25519::Pair::from_string("//Bob", None).unwrap();
		let forged = Claim { account: AccountId32::from(bob.public()), ..wrapped };
		assert!(!forged.signs(&text));
	}

	#[test]
	fn headers_are_read_or_refused_by_name() {
		let mut headers = HeaderMap::new();
		assert_eq!(Claim::from_headers(&headers), Err(Refusal::MissingSignature));
		let alice = alice();
		let address = AccountId32::from(alice.public()).to_ss58check();
		headers.insert(ACCOUNT_HEADER, HeaderValue::from_str(&address).unwrap());
		assert_eq!(Claim::from_headers(&headers), Err(Refusal::MalformedRequest));
		headers.insert(TIMESTAMP_HEADER, HeaderValue::from_static("1700000000000"));
		headers.insert(
			SIGNATURE_HEADER,
			HeaderValue::from_str(&format!("0x{}", hex::encode([7u8; 64]))).unwrap(),
		);
		let claim = Claim::from_headers(&headers).unwrap();
		assert_eq!(claim.account, AccountId32::from(alice.public()));
		assert_eq!((claim.timestamp, claim.signature), (1_700_000_000_000, [7u8; 64]));
		headers.insert(SIGNATURE_HEADER, HeaderValue::from_static("0x1234"));
		assert_eq!(Claim::from_headers(&headers), Err(Refusal::MalformedRequest));
	}

	#[test]
	fn freshness_counts_both_ways() {
		let claim =
			Claim { account: AccountId32::new([1; 32]), timestamp: 10_000, signature: [0; 64] };
		assert!(claim.is_fresh(10_000 + 60_000, 60_000));
		assert!(claim.is_fresh(10_000 - 5_000, 60_000));
		assert!(!claim.is_fresh(10_000 + 60_001, 60_000));
	}

	#[test]
	fn accounts_are_read_in_ss58_or_hex() {
		let account = AccountId32::new([9; 32]);
		assert_eq!(parse_account(&account.to_ss58check()), Some(account.clone()));
		assert_eq!(parse_account(&format!("0x{}", hex::encode([9u8; 32]))), Some(account));
		assert_eq!(parse_account("0x09"), None);
		assert_eq!(parse_account("not an account"), None);
	}
}
