//! Following the chain's finalized blocks, and deleting what must go.
//!
//! The follower applies each finalized block's payload changes (`RecordsApi::payload_changes`)
//! to the vault's mirror of references, in order. When it cannot (at start, after a gap it
//! cannot replay, or when the node has pruned the blocks it missed) it reconciles: it reads
//! every live version's content hash at the finalized block (`RecordsApi::live_payloads`)
//! and replaces the mirror. Either way a payload whose last reference was erased is marked,
//! and the sweeper deletes it from the store.

use std::{sync::Arc, time::Duration};

use tokio::sync::watch;

use crate::{
	chain::{BlockHash, ChainError},
	db::{self, DbError},
	vault::{now_ms, FinalizedHead, Vault},
};

/// How many finalized blocks the follower replays one by one; a longer gap is reconciled.
const MAX_REPLAY: u64 = 256;

/// How many payloads one sweep deletes at most; the next sweep takes the rest.
const SWEEP_BATCH: u32 = 256;

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
	#[error(transparent)]
	Chain(#[from] ChainError),
	#[error(transparent)]
	Db(#[from] DbError),
	#[error(transparent)]
	Store(#[from] crate::store::StoreError),
	/// The node is not on the chain the database was built from. Nothing the vault knows
	/// holds there, and acting on it could delete payloads: the vault stops.
	#[error("{0}")]
	WrongChain(String),
}

/// Follows the chain until `shutdown`, reconnecting after every failure.
pub async fn follow(vault: Arc<Vault>, mut shutdown: watch::Receiver<bool>) {
	let mut started = false;
	loop {
		let outcome = tokio::select! {
			outcome = follow_once(&vault, &mut started) => outcome,
			_ = shutdown.changed() => return,
		};
		vault.set_head(None);
		match outcome {
			Err(FollowError::WrongChain(reason)) => {
				vault.fail(reason);
				return;
			},
			Err(error) => {
				tracing::warn!(%error, "following stopped; the vault fails closed until it resumes")
			},
			Ok(()) => {},
		}
		tokio::select! {
			_ = tokio::time::sleep(Duration::from_secs(1)) => {},
			_ = shutdown.changed() => return,
		}
	}
}

async fn follow_once(vault: &Vault, started: &mut bool) -> Result<(), FollowError> {
	let chain = &vault.chain;
	let genesis = chain.genesis_hash().await?;
	check_genesis(vault, genesis).await?;
	let mut heads = chain.finalized_heads().await?;
	let finalized = chain.finalized_hash().await?;
	let number = chain.header(finalized).await?.number;
	if *started {
		sync(vault, number, false).await?;
	} else {
		// At start, reconcile whatever the gap, and square the database with the store.
		sync(vault, number, true).await?;
		square_with_store(vault).await?;
		*started = true;
		tracing::info!(finalized = number, "following the chain");
	}
	while let Some(header) = futures::StreamExt::next(&mut heads).await {
		let header = header.map_err(|error| ChainError::Malformed(error.to_string()))?;
		sync(vault, header.number, false).await?;
	}
	Err(ChainError::Unreachable("the node ended the finalized-heads subscription".into()).into())
}

async fn check_genesis(vault: &Vault, genesis: BlockHash) -> Result<(), FollowError> {
	let genesis = genesis.0;
	let position = vault.db.call(|conn| db::chain_position(conn)).await?;
	match position {
		Some(position) if position.genesis != genesis => Err(FollowError::WrongChain(format!(
			"the node at {} runs the chain with genesis 0x{}, but this vault's database belongs to the chain with genesis 0x{}",
			vault.chain.url(),
			hex::encode(genesis),
			hex::encode(position.genesis)
		))),
		Some(_) => Ok(()),
		None => Ok(vault.db.call(move |conn| db::bind_chain(conn, &genesis)).await?),
	}
}

/// Brings the mirror up to finalized block `target`: block by block from the last one applied,
/// or by a reconciliation when `reconcile` is asked, the gap is long, or the node can no
/// longer replay it.
async fn sync(vault: &Vault, target: u64, reconcile: bool) -> Result<(), FollowError> {
	let chain = &vault.chain;
	let applied =
		vault.db.call(|conn| db::chain_position(conn)).await?.and_then(|position| position.applied);
	if let Some((number, hash)) = applied {
		if number > target {
			// The node is behind what the vault applied (it is still importing): wait.
			return Ok(());
		}
		// A finalized block never leaves the chain: if ours did, the node is on another chain.
		if chain.block_hash(number).await? != Some(BlockHash::from(hash)) {
			return Err(FollowError::WrongChain(format!(
				"block #{number} that this vault applied as finalized is not on the chain of {}",
				chain.url()
			)));
		}
	}
	let replay_from = match applied {
		Some((number, _)) if !reconcile && target.saturating_sub(number) <= MAX_REPLAY => {
			Some(number.saturating_add(1))
		},
		_ => None,
	};
	let mut erased: usize = 0;
	let mut replayed = true;
	if let Some(from) = replay_from {
		for number in from..=target {
			match replay(vault, number).await {
				Ok(count) => erased = erased.saturating_add(count),
				Err(FollowError::Chain(ChainError::Refused(reason))) => {
					tracing::info!(number, %reason, "cannot replay a finalized block; reconciling");
					replayed = false;
					break;
				},
				Err(error) => return Err(error),
			}
		}
	}
	let hash = chain
		.block_hash(target)
		.await?
		.ok_or_else(|| ChainError::Refused(format!("no finalized block #{target}")))?;
	if replay_from.is_none() || !replayed {
		let live = chain.all_live_payloads(hash).await?;
		let references = live.len();
		let raw = hash.0;
		let reconciled =
			vault.db.call(move |conn| db::reconcile(conn, target, &raw, &live)).await?;
		erased = erased.saturating_add(reconciled);
		tracing::info!(finalized = target, references, erased, "reconciled with the chain");
	}
	if erased > 0 {
		vault.sweep.notify_one();
	}
	let timestamp = chain.timestamp(hash).await?;
	vault.set_head(Some(FinalizedHead { number: target, hash, timestamp }));
	Ok(())
}

/// Applies finalized block `number`'s payload changes; returns how many payloads lost their
/// last reference.
async fn replay(vault: &Vault, number: u64) -> Result<usize, FollowError> {
	let hash = vault
		.chain
		.block_hash(number)
		.await?
		.ok_or_else(|| ChainError::Refused(format!("no block #{number}")))?;
	let changes = vault.chain.payload_changes(hash).await?;
	let raw = hash.0;
	Ok(vault.db.call(move |conn| db::apply_block(conn, number, &raw, &changes)).await?)
}

/// Takes in objects of the store the database does not know, and drops rows whose object
/// never arrived.
async fn square_with_store(vault: &Vault) -> Result<(), FollowError> {
	let objects = vault.store.list().await?;
	let now = now_ms();
	let grace_until = now.saturating_add(crate::vault::millis(vault.config.upload_grace));
	let started_at = vault.started_at;
	let (adopted, dropped) = vault
		.db
		.call(move |conn| db::square_with_store(conn, &objects, now, grace_until, started_at))
		.await?;
	if adopted > 0 || dropped > 0 {
		tracing::info!(adopted, dropped, "squared the database with the store");
	}
	Ok(())
}

/// Deletes due payloads whenever woken, and every `sweep_interval`, until `shutdown`.
pub async fn sweep_loop(vault: Arc<Vault>, mut shutdown: watch::Receiver<bool>) {
	loop {
		match sweep(&vault).await {
			Ok(0) => {},
			Ok(deleted) => tracing::info!(deleted, "deleted payloads"),
			Err(error) => tracing::warn!(%error, "a sweep failed; the next one retries"),
		}
		tokio::select! {
			_ = vault.sweep.notified() => {},
			_ = tokio::time::sleep(vault.config.sweep_interval) => {},
			_ = shutdown.changed() => return,
		}
	}
}

/// Deletes, from the store then from the database, every payload no live version references
/// whose deletion is decided or whose grace has passed. Returns how many it deleted.
pub async fn sweep(vault: &Vault) -> Result<usize, SweepError> {
	let now = now_ms();
	let due = vault.db.call(move |conn| db::due_for_deletion(conn, now, SWEEP_BATCH)).await?;
	let mut deleted: usize = 0;
	for (hash, erased) in due {
		let _stripe = vault.stripe(&hash).lock().await;
		if delete_if_due(vault, hash, now, erased).await? {
			deleted = deleted.saturating_add(1);
		}
	}
	let (payloads, bytes) = vault
		.db
		.call(move |conn| {
			db::forget_expired_requests(conn, now)?;
			db::totals(conn)
		})
		.await?;
	vault.metrics.payloads.set(i64::try_from(payloads).unwrap_or(i64::MAX));
	vault.metrics.stored_bytes.set(i64::try_from(bytes).unwrap_or(i64::MAX));
	Ok(deleted)
}

/// Deletes the payload under `hash` if it is still due, from the store then from the
/// database (a crash in between deletes it again at the next sweep), and counts it as
/// `erased` or not. The caller holds the hash's stripe. True when it was deleted.
pub async fn delete_if_due(
	vault: &Vault,
	hash: db::Hash,
	now: u64,
	erased: bool,
) -> Result<bool, SweepError> {
	// An upload of the same bytes may have taken it back meanwhile.
	if !vault.db.call(move |conn| db::is_due(conn, &hash, now)).await? {
		return Ok(false);
	}
	vault.store.delete(&hash).await?;
	let forgotten = vault.db.call(move |conn| db::forget_deleted(conn, &hash, now)).await?;
	if forgotten {
		let why = if erased { "erased" } else { "unreferenced" };
		vault.metrics.deletions.with_label_values(&[why]).inc();
	}
	Ok(forgotten)
}

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
	#[error(transparent)]
	Db(#[from] DbError),
	#[error(transparent)]
	Store(#[from] crate::store::StoreError),
}
