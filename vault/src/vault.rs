//! The vault's operations: who is asking, storing an upload, and the release decision.

use std::{
	sync::Mutex,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use axum::http::{HeaderMap, Method, Uri};
use bytes::Bytes;
use futures::{stream::BoxStream, Stream};
use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Notify, Semaphore};
use utoipa::ToSchema;

use healthchain_primitives::{
	views::{ReleaseGround, ReleaseVerdict},
	RecordId,
};

use crate::{
	auth::{self, Claim},
	chain::{AccountId, BlockHash, Chain},
	config::Config,
	db::{self, Db, Hash},
	follower::{self, SweepError},
	metrics::Metrics,
	store::{Store, UploadError},
	Refusal,
};

/// Locks taken by an upload and by the deletion of a payload with the same hash, so that
/// neither sees the other half done.
const STRIPES: usize = 64;
const STRIPE_MASK: usize = STRIPES - 1;

/// The latest finalized block the vault has applied, with the chain's time in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FinalizedHead {
	pub number: u64,
	pub hash: BlockHash,
	pub timestamp: u64,
}

/// What an upload did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadReceipt {
	/// `0x` and the 64 hex digits of the content hash.
	pub content_hash: String,
	pub size: u64,
	/// False when the vault already held these bytes: nothing was written.
	pub stored: bool,
	/// Whether a live record on chain references the payload yet.
	pub referenced: bool,
	/// Until when, in milliseconds since the Unix epoch, the payload is kept without a
	/// reference.
	pub grace_until: u64,
}

/// A payload the chain allows to release, ready to stream.
pub struct Released {
	pub ground: ReleaseGround,
	pub size: u64,
	pub body: BoxStream<'static, Result<Bytes, object_store::Error>>,
}

pub struct Vault {
	pub config: Config,
	pub chain: Chain,
	pub store: Store,
	pub db: Db,
	pub metrics: Metrics,
	head: watch::Sender<Option<FinalizedHead>>,
	stripes: [tokio::sync::Mutex<()>; STRIPES],
	upload_slots: Semaphore,
	/// Wakes the sweeper, after an erasure.
	pub sweep: Notify,
	/// Set when the vault must stop: it is pointed at another chain than its database's.
	fatal: Mutex<Option<String>>,
	pub stop: Notify,
	/// When this process started: an upload recorded before then is not under way.
	pub started_at: u64,
}

/// Milliseconds since the Unix epoch, by the vault's clock.
pub fn now_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or_default()
}

pub fn millis(duration: Duration) -> u64 {
	u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl Vault {
	pub fn new(config: Config, db: Db, store: Store) -> Result<Self, prometheus::Error> {
		Ok(Vault {
			chain: Chain::new(config.chain.clone(), config.chain_timeout),
			upload_slots: Semaphore::new(config.upload_slots.max(1)),
			config,
			store,
			db,
			metrics: Metrics::new()?,
			head: watch::channel(None).0,
			stripes: std::array::from_fn(|_| tokio::sync::Mutex::new(())),
			sweep: Notify::new(),
			fatal: Mutex::new(None),
			stop: Notify::new(),
			started_at: now_ms(),
		})
	}

	pub fn stripe(&self, hash: &Hash) -> &tokio::sync::Mutex<()> {
		let [first, ..] = *hash;
		// Masked to the array's length.
		#[allow(clippy::indexing_slicing)]
		&self.stripes[usize::from(first) & STRIPE_MASK]
	}

	// ---- The chain -----------------------------------------------------------------------

	/// Called by the follower: the finalized block applied last, or `None` while the chain
	/// is out of reach.
	pub fn set_head(&self, head: Option<FinalizedHead>) {
		self.metrics.chain_up.set(i64::from(head.is_some()));
		if let Some(head) = head {
			self.metrics.finalized.set(i64::try_from(head.number).unwrap_or(i64::MAX));
		}
		self.head.send_replace(head);
	}

	pub fn head(&self) -> Option<FinalizedHead> {
		*self.head.borrow()
	}

	/// The finalized head, if the chain is in reach and not behind the vault's clock by more
	/// than `max_chain_lag`; otherwise the vault fails closed.
	pub fn fresh_head(&self) -> Result<FinalizedHead, Refusal> {
		let head = self.head().ok_or(Refusal::ChainUnavailable)?;
		let lag = now_ms().saturating_sub(head.timestamp);
		if lag > millis(self.config.max_chain_lag) {
			return Err(Refusal::ChainUnavailable);
		}
		Ok(head)
	}

	/// Stops the vault for good, with `reason`.
	pub fn fail(&self, reason: String) {
		tracing::error!(%reason, "the vault stops");
		if let Ok(mut fatal) = self.fatal.lock() {
			*fatal = Some(reason);
		}
		self.stop.notify_one();
	}

	pub fn failure(&self) -> Option<String> {
		self.fatal.lock().ok().and_then(|fatal| fatal.clone())
	}

	// ---- Who is asking -------------------------------------------------------------------

	/// The account that signed this request, once: the signature must cover the method, the
	/// path, the query, `body_hash` and a timestamp within `request_max_age` of the vault's
	/// clock, and must not have been seen before.
	pub async fn authenticate(
		&self,
		method: &Method,
		uri: &Uri,
		headers: &HeaderMap,
		body_hash: &Hash,
	) -> Result<AccountId, Refusal> {
		let claim = Claim::from_headers(headers)?;
		let text = auth::signed_text(
			method.as_str(),
			uri.path(),
			uri.query().unwrap_or(""),
			body_hash,
			claim.timestamp,
		);
		if !claim.signs(&text) {
			return Err(Refusal::BadSignature);
		}
		let max_age = millis(self.config.request_max_age);
		if !claim.is_fresh(now_ms(), max_age) {
			return Err(Refusal::StaleRequest);
		}
		let signature = claim.signature;
		// Remembered for as long as the request could pass as fresh.
		let forget_at = claim.timestamp.saturating_add(max_age);
		let first = self
			.db
			.call(move |conn| db::remember_request(conn, &signature, forget_at))
			.await
			.map_err(internal)?;
		if !first {
			return Err(Refusal::ReplayedRequest);
		}
		Ok(claim.account)
	}

	// ---- Uploads -------------------------------------------------------------------------

	/// Stores `body` under `hash` for `owner`: an account on chain, within its quota and the
	/// size limit. The bytes must hash to `hash`.
	pub async fn upload<E: std::fmt::Display>(
		&self,
		owner: &AccountId,
		hash: Hash,
		declared_len: Option<u64>,
		body: impl Stream<Item = Result<Bytes, E>> + Send,
	) -> Result<UploadReceipt, Refusal> {
		let size = declared_len.ok_or(Refusal::LengthRequired)?;
		if size > self.config.max_payload {
			return Err(Refusal::PayloadTooLarge);
		}
		match self.chain.account_exists(owner).await {
			Ok(true) => {},
			Ok(false) => return Err(Refusal::UnknownAccount),
			Err(error) => {
				tracing::warn!(%error, "cannot check an uploader on chain");
				return Err(Refusal::ChainUnavailable);
			},
		}
		let _slot = self.upload_slots.acquire().await.map_err(|_| Refusal::Internal)?;
		let _stripe = self.stripe(&hash).lock().await;
		let owner_raw: [u8; 32] = owner.clone().into();
		let now = now_ms();
		let grace_until = now.saturating_add(millis(self.config.upload_grace));

		let (mut known, used, referenced) = self
			.db
			.call(move |conn| {
				Ok((
					db::payload(conn, &hash)?,
					db::stored_bytes_of(conn, &owner_raw)?,
					db::referenced(conn, &hash)?,
				))
			})
			.await
			.map_err(internal)?;
		let receipt = |stored, size, grace_until| UploadReceipt {
			content_hash: format!("0x{}", hex::encode(hash)),
			size,
			stored,
			referenced,
			grace_until,
		};
		if let Some(row) = known.as_ref().filter(|row| !row.erasing) {
			if self.store.contains(&hash).await.map_err(store_unavailable)? {
				return Ok(receipt(false, row.size, row.grace_until));
			}
		}
		// An erasure decided but not yet swept is finished first. Otherwise this upload would
		// take the erased copy over, and, refused or cut off, leave it with no deletion decided.
		let erasing = known.as_ref().is_some_and(|row| row.erasing);
		if erasing && follower::delete_if_due(self, hash, now, true).await.map_err(sweep_failed)? {
			known = None;
		}
		// What this owner already has under this hash (an upload that broke off) is replaced.
		let replaced = known.filter(|row| row.owner == Some(owner_raw)).map_or(0, |row| row.size);
		if used.saturating_sub(replaced).saturating_add(size) > self.config.quota {
			return Err(Refusal::QuotaExceeded);
		}
		self.db
			.call(move |conn| db::begin_upload(conn, &hash, &owner_raw, size, now, grace_until))
			.await
			.map_err(internal)?;
		match self.store.put_verified(&hash, size, body).await {
			Ok(()) => {
				self.metrics.uploads.inc();
				self.metrics.upload_bytes.inc_by(size);
				Ok(receipt(true, size, grace_until))
			},
			Err(error) => {
				let _ = self.db.call(move |conn| db::abort_upload(conn, &hash)).await;
				Err(match error {
					UploadError::HashMismatch => Refusal::HashMismatch,
					UploadError::TooLong | UploadError::Body(_) => Refusal::MalformedRequest,
					UploadError::Store(error) => store_unavailable(error),
				})
			},
		}
	}

	// ---- Releases ------------------------------------------------------------------------

	/// Asks the chain whether `requester` may have `record_id`'s payload under `hash`, and
	/// opens it if so. Every answer, released or refused, goes into the release log first: a
	/// payload whose release cannot be logged is not released.
	pub async fn release(
		&self,
		requester: &AccountId,
		record_id: RecordId,
		hash: Hash,
	) -> Result<Released, Refusal> {
		let started = Instant::now();
		let decision = self.decide(requester, record_id, hash).await;
		self.metrics.decision_seconds.observe(started.elapsed().as_secs_f64());
		let (patient, outcome) = match decision {
			Ok((patient, ground)) => (patient, self.open(hash, ground).await),
			Err((patient, refusal)) => (patient, Err(refusal)),
		};
		let entry = db::Release {
			at: now_ms(),
			requester: Some(requester.clone().into()),
			record_id: Some(record_id),
			hash: Some(hash),
			patient: patient.map(Into::into),
			released: outcome.is_ok(),
			reason: outcome.as_ref().err().map(|refusal| refusal.name().to_owned()),
			denial: outcome.as_ref().err().and_then(Refusal::denial).map(str::to_owned),
			ground: outcome
				.as_ref()
				.ok()
				.and_then(|released| serde_json::to_string(&released.ground).ok()),
		};
		self.log(entry).await?;
		outcome
	}

	/// Notes a payload request refused before its signer was known. It goes to the service's
	/// log and metrics, not to the database: nobody is accountable for it, no patient's log
	/// would show it, and anyone could fill the database with such requests.
	pub fn note_unauthenticated(&self, record_id: Option<RecordId>, refusal: Refusal) {
		self.metrics.releases.with_label_values(&["refused", refusal.name()]).inc();
		tracing::info!(record = ?record_id, reason = refusal.name(), "refused an unsigned or badly signed payload request");
	}

	async fn log(&self, entry: db::Release) -> Result<(), Refusal> {
		let outcome = if entry.released { "released" } else { "refused" };
		let reason = entry.reason.clone().unwrap_or_default();
		self.metrics.releases.with_label_values(&[outcome, &reason]).inc();
		tracing::info!(
			record = ?entry.record_id,
			outcome,
			reason = %reason,
			ground = entry.ground.as_deref().unwrap_or(""),
			"answered a payload request"
		);
		self.db.call(move |conn| db::log_release(conn, &entry)).await.map_err(internal)?;
		Ok(())
	}

	/// The chain's answer, at the finalized block and at the best one: the log must be
	/// final, and a revocation in a block not yet final already counts. The finalized block is
	/// the node's latest, asked now: a client that saw its `log_access` finalized on that node
	/// is not refused for a block the follower has yet to apply.
	async fn decide(
		&self,
		requester: &AccountId,
		record_id: RecordId,
		hash: Hash,
	) -> Result<(Option<AccountId>, ReleaseGround), (Option<AccountId>, Refusal)> {
		self.fresh_head().map_err(|refusal| (None, refusal))?;
		let unavailable = |error: crate::chain::ChainError| {
			tracing::warn!(%error, "the chain did not answer a release decision");
			(None, Refusal::ChainUnavailable)
		};
		let chain = &self.chain;
		let finalized_hash = chain.finalized_hash().await.map_err(unavailable)?;
		let window = millis(self.config.access_window);
		let (finalized, best) = tokio::join!(
			chain.payload_release(record_id, requester, hash, window, Some(finalized_hash)),
			chain.payload_release(record_id, requester, hash, window, None),
		);
		let (finalized, best) = match (finalized, best) {
			(Ok(finalized), Ok(best)) => (finalized, best),
			(Err(error), _) | (_, Err(error)) => return Err(unavailable(error)),
		};
		let patient = finalized.patient.or(best.patient);
		match (finalized.verdict, best.verdict) {
			(ReleaseVerdict::Refuse(refusal), _) | (_, ReleaseVerdict::Refuse(refusal)) => {
				Err((patient, refusal.into()))
			},
			(ReleaseVerdict::Release(ground), ReleaseVerdict::Release(_)) => Ok((patient, ground)),
		}
	}

	async fn open(&self, hash: Hash, ground: ReleaseGround) -> Result<Released, Refusal> {
		match self.store.get(&hash).await.map_err(store_unavailable)? {
			Some((size, body)) => Ok(Released { ground, size, body }),
			None => Err(Refusal::PayloadNotFound),
		}
	}

	/// `patient`'s release log, newest first.
	pub async fn releases(
		&self,
		patient: &AccountId,
		cursor: Option<u64>,
		limit: u32,
	) -> Result<(Vec<db::ReleaseEntry>, Option<u64>), Refusal> {
		let patient: [u8; 32] = patient.clone().into();
		self.db
			.call(move |conn| db::releases_of(conn, &patient, cursor, limit))
			.await
			.map_err(internal)
	}
}

fn internal(error: db::DbError) -> Refusal {
	tracing::error!(%error, "database failure");
	Refusal::Internal
}

fn sweep_failed(error: SweepError) -> Refusal {
	match error {
		SweepError::Db(error) => internal(error),
		SweepError::Store(error) => store_unavailable(error),
	}
}

fn store_unavailable(error: crate::store::StoreError) -> Refusal {
	tracing::error!(%error, "object store failure");
	Refusal::StoreUnavailable
}
