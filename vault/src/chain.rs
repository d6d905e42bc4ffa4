//! The vault's view of the chain, through standard JSON-RPC only: `state_call` of the
//! Records runtime API, `state_getStorage` and the `chain_*` methods. Nothing here needs
//! Healthchain's own node, so the vault works against any node that runs the runtime (an
//! omni node, a collator).

use std::time::Duration;

use codec::{Decode, Encode};
use jsonrpsee::{
	core::{
		client::{ClientT, Subscription, SubscriptionClientT},
		params::ArrayParams,
		ClientError,
	},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use polkadot_sdk::{
	sp_core::{crypto::AccountId32, H256},
	sp_crypto_hashing::{blake2_128, twox_128},
};
use serde::{de::DeserializeOwned, Deserialize, Deserializer};
use tokio::sync::Semaphore;

use healthchain_primitives::{
	views::{PayloadChange, PayloadReference, PayloadRelease},
	Hash32, Page, RecordId,
};

pub type AccountId = AccountId32;
pub type BlockHash = H256;

/// The most items a page of `live_payloads` holds (the runtime's `MAX_PAGE_SIZE`).
const PAGE: u32 = healthchain_primitives::MAX_PAGE_SIZE;

#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	#[error("the node cannot be reached: {0}")]
	Unreachable(String),
	/// The node answered with an error, for example because the block's state is pruned.
	#[error("the node refused the call: {0}")]
	Refused(String),
	#[error("the node's answer cannot be read: {0}")]
	Malformed(String),
}

impl From<ClientError> for ChainError {
	fn from(error: ClientError) -> Self {
		match error {
			ClientError::Call(call) => ChainError::Refused(call.message().to_owned()),
			ClientError::ParseError(parse) => ChainError::Malformed(parse.to_string()),
			other => ChainError::Unreachable(other.to_string()),
		}
	}
}

/// A block header, as far as the vault reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct Header {
	#[serde(deserialize_with = "hex_number")]
	pub number: u64,
}

fn hex_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
	let text = String::deserialize(deserializer)?;
	let digits = text.strip_prefix("0x").unwrap_or(&text);
	u64::from_str_radix(digits, 16).map_err(serde::de::Error::custom)
}

/// How many connections to the node carry calls at once; more calls wait for one to be free.
/// With the subscription's own, the vault holds at most one more than this, well within a
/// node's default `--rpc-max-connections` (100).
pub const CONNECTIONS: usize = 16;

/// Connections to a node, opened as needed and again when one drops, each carrying one call at
/// a time. A Substrate node's RPC server leaves Nagle's algorithm on (no `TCP_NODELAY`): an
/// answer sent while its connection's previous one is not yet acknowledged waits for the
/// client's delayed acknowledgement, about 40 ms on Linux. Two calls in flight on one
/// connection, as every release decision makes, cost that each time.
pub struct Chain {
	url: String,
	timeout: Duration,
	idle: std::sync::Mutex<Vec<WsClient>>,
	slots: Semaphore,
	/// The finalized-heads subscription's own connection, kept open while it is followed:
	/// notifications sharing a connection with answers would wait as above.
	subscriber: std::sync::Mutex<Option<WsClient>>,
}

impl Chain {
	pub fn new(url: impl Into<String>, timeout: Duration) -> Self {
		Chain {
			url: url.into(),
			timeout,
			idle: std::sync::Mutex::new(Vec::new()),
			slots: Semaphore::new(CONNECTIONS),
			subscriber: std::sync::Mutex::new(None),
		}
	}

	pub fn url(&self) -> &str {
		&self.url
	}

	async fn connect(&self) -> Result<WsClient, ChainError> {
		WsClientBuilder::default()
			.connection_timeout(self.timeout)
			.request_timeout(self.timeout)
			// A page of live payloads or a block's changes is small, but a chain spec or a
			// large block is not what the vault asks for: keep jsonrpsee's default otherwise.
			.build(&self.url)
			.await
			.map_err(|error| ChainError::Unreachable(error.to_string()))
	}

	/// One call, on a connection no other call is using.
	async fn request<R: DeserializeOwned>(
		&self,
		method: &str,
		params: ArrayParams,
	) -> Result<R, ChainError> {
		// Waiting for a free connection has the same limit as a call.
		let _slot = tokio::time::timeout(self.timeout, self.slots.acquire())
			.await
			.map_err(|_| ChainError::Unreachable("every connection to the node is busy".into()))?
			.map_err(|_| {
				ChainError::Unreachable("the connections to the node are closed".into())
			})?;
		// Holding a slot, there is an idle connection or room for one more.
		let open = {
			let mut idle = self.idle.lock().map_err(|_| poisoned())?;
			std::iter::from_fn(|| idle.pop()).find(WsClient::is_connected)
		};
		let client = match open {
			Some(client) => client,
			None => self.connect().await?,
		};
		let result = client.request(method, params).await;
		if client.is_connected() {
			self.idle.lock().map_err(|_| poisoned())?.push(client);
		}
		Ok(result?)
	}

	/// A runtime API call at `at` (the best block when `None`), its result decoded.
	pub async fn state_call<R: Decode>(
		&self,
		method: &str,
		args: impl Encode,
		at: Option<BlockHash>,
	) -> Result<R, ChainError> {
		let args = format!("0x{}", hex::encode(args.encode()));
		let result: String = self.request("state_call", rpc_params![method, args, at]).await?;
		let bytes = decode_hex(&result)?;
		R::decode(&mut bytes.as_slice()).map_err(|error| {
			ChainError::Malformed(format!(
				"{method} returned what the vault cannot decode: {error}"
			))
		})
	}

	/// A storage value at `at` (the best block when `None`).
	pub async fn storage(
		&self,
		key: &[u8],
		at: Option<BlockHash>,
	) -> Result<Option<Vec<u8>>, ChainError> {
		let key = format!("0x{}", hex::encode(key));
		let value: Option<String> = self.request("state_getStorage", rpc_params![key, at]).await?;
		value.map(|hex| decode_hex(&hex)).transpose()
	}

	/// Whether `account` exists on chain (has an entry in `System::Account`), at the best block.
	pub async fn account_exists(&self, account: &AccountId) -> Result<bool, ChainError> {
		Ok(self.storage(&system_account_key(account), None).await?.is_some())
	}

	/// The chain's time at `at`: `pallet_timestamp`'s milliseconds.
	pub async fn timestamp(&self, at: BlockHash) -> Result<u64, ChainError> {
		let value = self
			.storage(&timestamp_now_key(), Some(at))
			.await?
			.ok_or_else(|| ChainError::Malformed("the block has no timestamp".into()))?;
		u64::decode(&mut value.as_slice())
			.map_err(|error| ChainError::Malformed(format!("a timestamp: {error}")))
	}

	pub async fn genesis_hash(&self) -> Result<BlockHash, ChainError> {
		self.block_hash(0)
			.await?
			.ok_or_else(|| ChainError::Malformed("the node has no genesis block".into()))
	}

	/// The hash of block `number` of the best chain, if there is one.
	pub async fn block_hash(&self, number: u64) -> Result<Option<BlockHash>, ChainError> {
		self.request("chain_getBlockHash", rpc_params![number]).await
	}

	pub async fn finalized_hash(&self) -> Result<BlockHash, ChainError> {
		self.request("chain_getFinalizedHead", rpc_params![]).await
	}

	pub async fn header(&self, hash: BlockHash) -> Result<Header, ChainError> {
		let header: Option<Header> = self.request("chain_getHeader", rpc_params![hash]).await?;
		header.ok_or_else(|| ChainError::Refused(format!("no header for {hash:?}")))
	}

	/// New finalized heads, as the node finalizes them.
	pub async fn finalized_heads(&self) -> Result<Subscription<Header>, ChainError> {
		let client = self.connect().await?;
		let heads = client
			.subscribe(
				"chain_subscribeFinalizedHeads",
				rpc_params![],
				"chain_unsubscribeFinalizedHeads",
			)
			.await?;
		// The subscription lasts as long as its client; an earlier one's connection closes.
		*self.subscriber.lock().map_err(|_| poisoned())? = Some(client);
		Ok(heads)
	}

	/// The chain's release rule (`RecordsApi::payload_release`) at `at`.
	pub async fn payload_release(
		&self,
		record_id: RecordId,
		requester: &AccountId,
		content_hash: Hash32,
		window_ms: u64,
		at: Option<BlockHash>,
	) -> Result<PayloadRelease<AccountId>, ChainError> {
		self.state_call(
			"RecordsApi_payload_release",
			(record_id, requester, content_hash, window_ms),
			at,
		)
		.await
	}

	/// What block `at` did to the payloads records reference.
	pub async fn payload_changes(&self, at: BlockHash) -> Result<Vec<PayloadChange>, ChainError> {
		self.state_call("RecordsApi_payload_changes", (), Some(at)).await
	}

	/// Every live version and its content hash at `at`, page after page.
	pub async fn all_live_payloads(
		&self,
		at: BlockHash,
	) -> Result<Vec<PayloadReference>, ChainError> {
		let mut references = Vec::new();
		let mut cursor: Option<RecordId> = None;
		loop {
			let page: Page<PayloadReference, RecordId> =
				self.state_call("RecordsApi_live_payloads", (cursor, PAGE), Some(at)).await?;
			references.extend(page.items);
			match page.next {
				Some(next) => cursor = Some(next),
				None => return Ok(references),
			}
		}
	}
}

fn poisoned() -> ChainError {
	ChainError::Unreachable("a thread holding the connections panicked".into())
}

fn decode_hex(text: &str) -> Result<Vec<u8>, ChainError> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	hex::decode(digits).map_err(|error| ChainError::Malformed(format!("hex: {error}")))
}

/// `System::Account`'s key for `account` (`Blake2_128Concat`).
fn system_account_key(account: &AccountId) -> Vec<u8> {
	let raw: &[u8] = account.as_ref();
	[&twox_128(b"System")[..], &twox_128(b"Account")[..], &blake2_128(raw)[..], raw].concat()
}

/// `Timestamp::Now`'s key.
fn timestamp_now_key() -> Vec<u8> {
	[twox_128(b"Timestamp"), twox_128(b"Now")].concat()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn storage_keys_are_the_pallets_own() {
		// The well-known key of `Timestamp::Now`.
		assert_eq!(
			hex::encode(timestamp_now_key()),
			"f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb"
		);
		let key = system_account_key(&AccountId::new([1; 32]));
		assert_eq!(key.len(), 16 + 16 + 16 + 32);
		assert!(hex::encode(&key)
			.starts_with("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"));
	}

	#[test]
	fn header_numbers_are_hex() {
		let header: Header =
			serde_json::from_str(r#"{"number":"0x1a","parentHash":"0x00"}"#).unwrap();
		assert_eq!(header.number, 26);
	}
}
