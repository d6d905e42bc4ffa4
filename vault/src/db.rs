//! What the vault knows besides the payloads themselves, in one SQLite database:
//!
//! - `payloads`: each stored payload's uploader, size, upload time and grace deadline, and
//!   whether its deletion is decided (`erasing`);
//! - `refs`: which live record version references which content hash, mirrored from the
//!   chain (every version, not only those whose payload is here: a record may be added before
//!   its payload is uploaded);
//! - `releases`: the vault's own log of every payload request it answered, released or refused;
//! - `seen_requests`: signatures of recent requests, so that none is accepted twice;
//! - `chain`: which chain the vault follows and the last finalized block it applied.
//!
//! A payload is deleted when no live version references it and either its deletion is
//! decided (the versions that referenced it were erased) or its upload grace has passed.

use std::{
	path::Path,
	sync::{Arc, Mutex},
	time::Duration,
};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use utoipa::ToSchema;

use healthchain_primitives::{views::PayloadChange, views::PayloadReference, RecordId};

pub type Hash = [u8; 32];

#[derive(Debug, thiserror::Error)]
pub enum DbError {
	#[error("the vault's database: {0}")]
	Sqlite(#[from] rusqlite::Error),
	#[error("the vault's database is unusable: a thread holding it panicked")]
	Poisoned,
	#[error("the vault's database task failed: {0}")]
	Task(String),
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS payloads (
	hash BLOB PRIMARY KEY,
	owner BLOB,
	size INTEGER NOT NULL,
	uploaded_at INTEGER NOT NULL,
	grace_until INTEGER NOT NULL,
	erasing INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS payloads_owner ON payloads(owner);
CREATE TABLE IF NOT EXISTS refs (
	record_id INTEGER PRIMARY KEY,
	hash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS refs_hash ON refs(hash);
CREATE TABLE IF NOT EXISTS releases (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	requester BLOB,
	record_id INTEGER,
	hash BLOB,
	patient BLOB,
	released INTEGER NOT NULL,
	reason TEXT,
	denial TEXT,
	ground TEXT
);
CREATE INDEX IF NOT EXISTS releases_patient ON releases(patient, id);
CREATE TABLE IF NOT EXISTS seen_requests (
	signature BLOB PRIMARY KEY,
	expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chain (
	id INTEGER PRIMARY KEY CHECK (id = 0),
	genesis BLOB NOT NULL,
	number INTEGER,
	hash BLOB
);
";

/// How often a thread of its own copies the write-ahead log into the database.
const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(500);

/// The write-ahead log's pages past which a commit checkpoints by itself, should that thread
/// fall behind (SQLite's default is 1,000).
const INLINE_CHECKPOINT_PAGES: i64 = 20_000;

/// The database, shared by the request handlers, the follower and the sweeper. Calls run on
/// tokio's blocking threads, one at a time.
#[derive(Clone)]
pub struct Db {
	conn: Arc<Mutex<Connection>>,
}

impl Db {
	pub fn open(path: &Path) -> Result<Self, DbError> {
		let db = Self::init(Connection::open(path)?)?;
		// A checkpoint syncs the database to disk. SQLite runs one inside the commit that takes
		// the write-ahead log past 1,000 pages, holding the connection, and so every request,
		// while the disk syncs. A thread of its own, on a connection of its own, runs them
		// instead; a commit checkpoints by itself only if that thread falls far behind.
		db.conn.lock().map_err(|_| DbError::Poisoned)?.pragma_update(
			None,
			"wal_autocheckpoint",
			INLINE_CHECKPOINT_PAGES,
		)?;
		let checkpoints = Connection::open(path)?;
		let alive = Arc::downgrade(&db.conn);
		std::thread::Builder::new()
			.name("vault-checkpoints".into())
			.spawn(move || {
				while alive.strong_count() > 0 {
					std::thread::sleep(CHECKPOINT_INTERVAL);
					if let Err(error) =
						checkpoints.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
					{
						tracing::warn!(%error, "a checkpoint of the database failed; the next one retries");
					}
				}
			})
			.map_err(|error| DbError::Task(error.to_string()))?;
		Ok(db)
	}

	pub fn in_memory() -> Result<Self, DbError> {
		Self::init(Connection::open_in_memory()?)
	}

	fn init(conn: Connection) -> Result<Self, DbError> {
		// WAL: readers do not wait for the writer. `synchronous = NORMAL` keeps every commit
		// across a crash of the vault (a power cut may lose the last few).
		conn.pragma_update(None, "journal_mode", "WAL")?;
		conn.pragma_update(None, "synchronous", "NORMAL")?;
		conn.pragma_update(None, "foreign_keys", "ON")?;
		conn.execute_batch(SCHEMA)?;
		Ok(Db { conn: Arc::new(Mutex::new(conn)) })
	}

	/// Runs `f` with the connection on a blocking thread.
	pub async fn call<R, F>(&self, f: F) -> Result<R, DbError>
	where
		R: Send + 'static,
		F: FnOnce(&mut Connection) -> Result<R, rusqlite::Error> + Send + 'static,
	{
		let conn = self.conn.clone();
		tokio::task::spawn_blocking(move || {
			let mut conn = conn.lock().map_err(|_| DbError::Poisoned)?;
			Ok(f(&mut conn)?)
		})
		.await
		.map_err(|error| DbError::Task(error.to_string()))?
	}
}

// ---- Requests --------------------------------------------------------------------------------

/// Remembers a request's signature until `expires_at`. False when it was seen before: a replay.
pub fn remember_request(
	conn: &Connection,
	signature: &[u8; 64],
	expires_at: u64,
) -> rusqlite::Result<bool> {
	// Prepared once: every signed request runs it.
	let inserted = conn
		.prepare_cached(
			"INSERT OR IGNORE INTO seen_requests (signature, expires_at) VALUES (?1, ?2)",
		)?
		.execute(params![&signature[..], expires_at])?;
	Ok(inserted == 1)
}

pub fn forget_expired_requests(conn: &Connection, now: u64) -> rusqlite::Result<usize> {
	conn.execute("DELETE FROM seen_requests WHERE expires_at < ?1", params![now])
}

// ---- Payloads --------------------------------------------------------------------------------

/// A stored payload, as the vault keeps track of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadRow {
	pub owner: Option<[u8; 32]>,
	pub size: u64,
	pub uploaded_at: u64,
	pub grace_until: u64,
	pub erasing: bool,
}

pub fn payload(conn: &Connection, hash: &Hash) -> rusqlite::Result<Option<PayloadRow>> {
	conn.query_row(
		"SELECT owner, size, uploaded_at, grace_until, erasing FROM payloads WHERE hash = ?1",
		params![&hash[..]],
		|row| {
			let owner: Option<Vec<u8>> = row.get(0)?;
			Ok(PayloadRow {
				owner: owner.and_then(|bytes| bytes.try_into().ok()),
				size: row.get(1)?,
				uploaded_at: row.get(2)?,
				grace_until: row.get(3)?,
				erasing: row.get(4)?,
			})
		},
	)
	.optional()
}

/// The bytes `owner`'s uploads take in the store, deletions decided not counted.
pub fn stored_bytes_of(conn: &Connection, owner: &[u8; 32]) -> rusqlite::Result<u64> {
	conn.query_row(
		"SELECT COALESCE(SUM(size), 0) FROM payloads WHERE owner = ?1 AND erasing = 0",
		params![&owner[..]],
		|row| row.get(0),
	)
}

/// Records an upload about to be written: `owner` is charged for it and it may wait for a
/// reference until `grace_until`. Replaces what was known of an earlier copy under the same
/// hash (one whose upload failed, or whose deletion was decided).
pub fn begin_upload(
	conn: &Connection,
	hash: &Hash,
	owner: &[u8; 32],
	size: u64,
	now: u64,
	grace_until: u64,
) -> rusqlite::Result<()> {
	conn.execute(
		"INSERT INTO payloads (hash, owner, size, uploaded_at, grace_until, erasing)
		 VALUES (?1, ?2, ?3, ?4, ?5, 0)
		 ON CONFLICT(hash) DO UPDATE SET owner = ?2, size = ?3, uploaded_at = ?4,
		 grace_until = ?5, erasing = 0",
		params![&hash[..], &owner[..], size, now, grace_until],
	)?;
	Ok(())
}

/// Forgets an upload that was not stored.
pub fn abort_upload(conn: &Connection, hash: &Hash) -> rusqlite::Result<()> {
	conn.execute("DELETE FROM payloads WHERE hash = ?1", params![&hash[..]])?;
	Ok(())
}

/// Whether a live version on chain references `hash`.
pub fn referenced(conn: &Connection, hash: &Hash) -> rusqlite::Result<bool> {
	conn.query_row("SELECT EXISTS(SELECT 1 FROM refs WHERE hash = ?1)", params![&hash[..]], |row| {
		row.get(0)
	})
}

const DUE: &str = "NOT EXISTS (SELECT 1 FROM refs WHERE refs.hash = payloads.hash)
	AND (erasing = 1 OR grace_until <= ?1)";

/// Payloads to delete now: unreferenced, and either erased or past their grace. With each,
/// whether it is an erasure (`true`) or an upload nobody referenced (`false`).
pub fn due_for_deletion(
	conn: &Connection,
	now: u64,
	limit: u32,
) -> rusqlite::Result<Vec<(Hash, bool)>> {
	let mut statement =
		conn.prepare_cached(&format!("SELECT hash, erasing FROM payloads WHERE {DUE} LIMIT ?2"))?;
	let rows = statement.query_map(params![now, limit], |row| {
		let hash: Vec<u8> = row.get(0)?;
		Ok((hash, row.get::<_, bool>(1)?))
	})?;
	let mut due = Vec::new();
	for row in rows {
		let (hash, erasing) = row?;
		if let Ok(hash) = Hash::try_from(hash) {
			due.push((hash, erasing));
		}
	}
	Ok(due)
}

/// Whether the payload under `hash` is still due for deletion.
pub fn is_due(conn: &Connection, hash: &Hash, now: u64) -> rusqlite::Result<bool> {
	conn.query_row(
		&format!("SELECT EXISTS(SELECT 1 FROM payloads WHERE hash = ?2 AND {DUE})"),
		params![now, &hash[..]],
		|row| row.get(0),
	)
}

/// Forgets a deleted payload, if it is still due (no upload or reference came in between).
pub fn forget_deleted(conn: &Connection, hash: &Hash, now: u64) -> rusqlite::Result<bool> {
	let removed = conn.execute(
		&format!("DELETE FROM payloads WHERE hash = ?2 AND {DUE}"),
		params![now, &hash[..]],
	)?;
	Ok(removed == 1)
}

/// How many payloads the vault holds, and their bytes.
pub fn totals(conn: &Connection) -> rusqlite::Result<(u64, u64)> {
	conn.query_row("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM payloads", [], |row| {
		Ok((row.get(0)?, row.get(1)?))
	})
}

// ---- Following the chain ---------------------------------------------------------------------

/// The chain the vault follows: its genesis, and the last finalized block applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainPosition {
	pub genesis: Hash,
	pub applied: Option<(u64, Hash)>,
}

pub fn chain_position(conn: &Connection) -> rusqlite::Result<Option<ChainPosition>> {
	conn.query_row("SELECT genesis, number, hash FROM chain WHERE id = 0", [], |row| {
		let genesis: Vec<u8> = row.get(0)?;
		let number: Option<u64> = row.get(1)?;
		let hash: Option<Vec<u8>> = row.get(2)?;
		Ok(ChainPosition {
			genesis: genesis.try_into().unwrap_or_default(),
			applied: number.zip(hash.and_then(|h| h.try_into().ok())),
		})
	})
	.optional()
}

/// Binds the database to the chain with `genesis`, the first time.
pub fn bind_chain(conn: &Connection, genesis: &Hash) -> rusqlite::Result<()> {
	conn.execute(
		"INSERT OR IGNORE INTO chain (id, genesis) VALUES (0, ?1)",
		params![&genesis[..]],
	)?;
	Ok(())
}

/// Records the last block applied; fails when no chain is bound yet.
fn set_applied(tx: &Transaction, number: u64, hash: &Hash) -> rusqlite::Result<()> {
	match tx.execute(
		"UPDATE chain SET number = ?1, hash = ?2 WHERE id = 0",
		params![number, &hash[..]],
	)? {
		1 => Ok(()),
		_ => Err(rusqlite::Error::QueryReturnedNoRows),
	}
}

/// Applies one finalized block's changes, and records it as applied. A payload whose last
/// reference is erased is marked for deletion. Returns how many were.
pub fn apply_block(
	conn: &mut Connection,
	number: u64,
	hash: &Hash,
	changes: &[PayloadChange],
) -> rusqlite::Result<usize> {
	let tx = conn.transaction()?;
	let mut erased: usize = 0;
	for change in changes {
		match change {
			PayloadChange::Referenced { record_id, content_hash } => {
				tx.execute(
					"INSERT OR REPLACE INTO refs (record_id, hash) VALUES (?1, ?2)",
					params![record_id, &content_hash[..]],
				)?;
			},
			PayloadChange::Erased { record_id } => {
				let hash: Option<Vec<u8>> = tx
					.query_row(
						"DELETE FROM refs WHERE record_id = ?1 RETURNING hash",
						params![record_id],
						|row| row.get(0),
					)
					.optional()?;
				if let Some(hash) = hash {
					erased = erased.saturating_add(mark_if_unreferenced(&tx, &hash)?);
				}
			},
		}
	}
	set_applied(&tx, number, hash)?;
	tx.commit()?;
	Ok(erased)
}

fn mark_if_unreferenced(tx: &Transaction, hash: &[u8]) -> rusqlite::Result<usize> {
	tx.execute(
		"UPDATE payloads SET erasing = 1 WHERE hash = ?1
		 AND NOT EXISTS (SELECT 1 FROM refs WHERE refs.hash = ?1)",
		params![hash],
	)
}

/// Replaces the mirrored references with the chain's own list at finalized block `number`,
/// after the vault was away. A payload that was referenced before and is not any more was
/// erased meanwhile: it is marked for deletion. Returns how many were.
pub fn reconcile(
	conn: &mut Connection,
	number: u64,
	hash: &Hash,
	live: &[PayloadReference],
) -> rusqlite::Result<usize> {
	let tx = conn.transaction()?;
	tx.execute_batch(
		"CREATE TEMP TABLE IF NOT EXISTS was_referenced (hash BLOB PRIMARY KEY);
		 DELETE FROM was_referenced;
		 INSERT OR IGNORE INTO was_referenced SELECT hash FROM refs;
		 DELETE FROM refs;",
	)?;
	{
		let mut insert =
			tx.prepare_cached("INSERT OR REPLACE INTO refs (record_id, hash) VALUES (?1, ?2)")?;
		for reference in live {
			insert.execute(params![reference.record_id, &reference.content_hash[..]])?;
		}
	}
	let erased = tx.execute(
		"UPDATE payloads SET erasing = 1
		 WHERE hash IN (SELECT hash FROM was_referenced)
		 AND NOT EXISTS (SELECT 1 FROM refs WHERE refs.hash = payloads.hash)",
		[],
	)?;
	tx.execute("DELETE FROM was_referenced", [])?;
	set_applied(&tx, number, hash)?;
	tx.commit()?;
	Ok(erased)
}

/// Squares the payload table with what the store holds: objects it did not know of (left by
/// a crash, or put there by hand) are taken in with a fresh grace and no uploader; rows
/// recorded before `started_at` whose object never arrived (an upload cut off) are dropped.
pub fn square_with_store(
	conn: &mut Connection,
	objects: &[(Hash, u64)],
	now: u64,
	grace_until: u64,
	started_at: u64,
) -> rusqlite::Result<(usize, usize)> {
	let tx = conn.transaction()?;
	tx.execute_batch(
		"CREATE TEMP TABLE IF NOT EXISTS in_store (hash BLOB PRIMARY KEY, size INTEGER);
		 DELETE FROM in_store;",
	)?;
	{
		let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO in_store VALUES (?1, ?2)")?;
		for (hash, size) in objects {
			insert.execute(params![&hash[..], size])?;
		}
	}
	let adopted = tx.execute(
		"INSERT INTO payloads (hash, owner, size, uploaded_at, grace_until, erasing)
		 SELECT hash, NULL, size, ?1, ?2, 0 FROM in_store
		 WHERE hash NOT IN (SELECT hash FROM payloads)",
		params![now, grace_until],
	)?;
	let dropped = tx.execute(
		"DELETE FROM payloads WHERE uploaded_at < ?1 AND hash NOT IN (SELECT hash FROM in_store)",
		params![started_at],
	)?;
	tx.execute("DELETE FROM in_store", [])?;
	tx.commit()?;
	Ok((adopted, dropped))
}

// ---- The release log -------------------------------------------------------------------------

/// One answer to a payload request, as the log keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Release {
	pub at: u64,
	pub requester: Option<[u8; 32]>,
	pub record_id: Option<RecordId>,
	pub hash: Option<Hash>,
	pub patient: Option<[u8; 32]>,
	pub released: bool,
	pub reason: Option<String>,
	pub denial: Option<String>,
	/// The chain's ground for a release, as JSON.
	pub ground: Option<String>,
}

pub fn log_release(conn: &Connection, entry: &Release) -> rusqlite::Result<u64> {
	// Prepared once: every payload request runs it.
	let mut insert = conn.prepare_cached(
		"INSERT INTO releases (at, requester, record_id, hash, patient, released, reason, denial, ground)
		 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	)?;
	insert.execute(params![
		entry.at,
		entry.requester.as_ref().map(|a| &a[..]),
		entry.record_id,
		entry.hash.as_ref().map(|h| &h[..]),
		entry.patient.as_ref().map(|a| &a[..]),
		entry.released,
		entry.reason,
		entry.denial,
		entry.ground,
	])?;
	u64::try_from(conn.last_insert_rowid()).map_err(|_| rusqlite::Error::InvalidQuery)
}

/// An entry of a patient's release log, as the API shows it.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseEntry {
	/// Increasing; pass the last one seen as `cursor` for older entries.
	pub id: u64,
	/// When the vault answered, in milliseconds since the Unix epoch.
	pub at: u64,
	/// Who asked (SS58), when the request was signed.
	pub requester: Option<String>,
	pub record_id: Option<u64>,
	/// `0x` and the 64 hex digits of the content hash asked for.
	pub content_hash: Option<String>,
	pub released: bool,
	/// Why it was refused: a refusal's name.
	pub reason: Option<String>,
	/// With `AccessRevoked`, the access decision's reason.
	pub denial: Option<String>,
	/// Why it was released, as the chain said: `{ "patient": null }` or
	/// `{ "loggedAccess": { "seq", "at", "purpose", "via" } }`.
	#[schema(value_type = Option<Object>)]
	pub ground: Option<serde_json::Value>,
}

/// `patient`'s entries, newest first, older than `cursor`, at most `limit`, with the cursor
/// of the next page.
pub fn releases_of(
	conn: &Connection,
	patient: &[u8; 32],
	cursor: Option<u64>,
	limit: u32,
) -> rusqlite::Result<(Vec<ReleaseEntry>, Option<u64>)> {
	let mut statement = conn.prepare_cached(
		"SELECT id, at, requester, record_id, hash, released, reason, denial, ground
		 FROM releases WHERE patient = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
	)?;
	let before = cursor.unwrap_or(i64::MAX as u64);
	let fetch = limit.saturating_add(1);
	let rows = statement.query_map(params![&patient[..], before, fetch], |row| {
		let requester: Option<Vec<u8>> = row.get(2)?;
		let hash: Option<Vec<u8>> = row.get(4)?;
		let ground: Option<String> = row.get(8)?;
		Ok(ReleaseEntry {
			id: row.get(0)?,
			at: row.get(1)?,
			requester: requester
				.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
				.map(|raw| crate::auth::account_text(&raw.into())),
			record_id: row.get(3)?,
			content_hash: hash.map(|bytes| format!("0x{}", hex::encode(bytes))),
			released: row.get(5)?,
			reason: row.get(6)?,
			denial: row.get(7)?,
			ground: ground.and_then(|text| serde_json::from_str(&text).ok()),
		})
	})?;
	let mut entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
	let next = if entries.len() > limit as usize {
		entries.truncate(limit as usize);
		entries.last().map(|entry| entry.id)
	} else {
		None
	};
	Ok((entries, next))
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	fn open() -> Connection {
		let db = Db::in_memory().unwrap();
		Arc::try_unwrap(db.conn).ok().unwrap().into_inner().unwrap()
	}

	const OWNER: [u8; 32] = [7; 32];

	fn referenced_change(record_id: RecordId, n: u8) -> PayloadChange {
		PayloadChange::Referenced { record_id, content_hash: [n; 32] }
	}

	#[test]
	fn checkpoints_run_on_a_thread_of_their_own() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("vault.sqlite");
		let db = Db::open(&path).unwrap();
		let conn = db.conn.lock().unwrap();
		let pages: i64 =
			conn.pragma_query_value(None, "wal_autocheckpoint", |row| row.get(0)).unwrap();
		assert_eq!(pages, INLINE_CHECKPOINT_PAGES);
		let before = std::fs::metadata(&path).unwrap().len();
		for n in 0..200 {
			let entry = Release { at: n, ground: Some("x".repeat(200)), ..Release::default() };
			log_release(&conn, &entry).unwrap();
		}
		drop(conn);
		// Far fewer pages than a commit checkpoints at: only that thread moves them from the
		// log into the database file.
		let deadline = std::time::Instant::now() + Duration::from_secs(30);
		while std::fs::metadata(&path).unwrap().len() <= before {
			assert!(std::time::Instant::now() < deadline, "nothing was checkpointed");
			std::thread::sleep(Duration::from_millis(50));
		}
	}

	#[test]
	fn a_request_is_accepted_once() {
		let conn = open();
		assert!(remember_request(&conn, &[1; 64], 100).unwrap());
		assert!(!remember_request(&conn, &[1; 64], 100).unwrap());
		assert!(remember_request(&conn, &[2; 64], 50).unwrap());
		assert_eq!(forget_expired_requests(&conn, 60).unwrap(), 1);
		assert!(remember_request(&conn, &[2; 64], 200).unwrap());
	}

	#[test]
	fn quotas_count_what_an_owner_keeps() {
		let conn = open();
		begin_upload(&conn, &[1; 32], &OWNER, 10, 0, 100).unwrap();
		begin_upload(&conn, &[2; 32], &OWNER, 5, 0, 100).unwrap();
		begin_upload(&conn, &[3; 32], &[8; 32], 1_000, 0, 100).unwrap();
		assert_eq!(stored_bytes_of(&conn, &OWNER).unwrap(), 15);
		abort_upload(&conn, &[2; 32]).unwrap();
		assert_eq!(stored_bytes_of(&conn, &OWNER).unwrap(), 10);
		assert_eq!(totals(&conn).unwrap(), (2, 1_010));
	}

	#[test]
	fn an_unreferenced_upload_is_due_after_its_grace_and_a_referenced_one_never() {
		let mut conn = open();
		begin_upload(&conn, &[1; 32], &OWNER, 10, 0, 100).unwrap();
		begin_upload(&conn, &[2; 32], &OWNER, 10, 0, 100).unwrap();
		apply_block(&mut conn, 1, &[0; 32], &[referenced_change(5, 2)]).unwrap_err();
		bind_chain(&conn, &[9; 32]).unwrap();
		apply_block(&mut conn, 1, &[0; 32], &[referenced_change(5, 2)]).unwrap();
		assert!(due_for_deletion(&conn, 99, 10).unwrap().is_empty());
		assert_eq!(due_for_deletion(&conn, 100, 10).unwrap(), vec![([1; 32], false)]);
		assert!(forget_deleted(&conn, &[1; 32], 100).unwrap());
		// A reference that came before its payload counts as soon as the payload arrives.
		apply_block(&mut conn, 2, &[0; 32], &[referenced_change(6, 3)]).unwrap();
		begin_upload(&conn, &[3; 32], &OWNER, 10, 200, 300).unwrap();
		assert!(due_for_deletion(&conn, 1_000, 10).unwrap().is_empty());
		assert_eq!(
			chain_position(&conn).unwrap(),
			Some(ChainPosition { genesis: [9; 32], applied: Some((2, [0; 32])) })
		);
	}

	#[test]
	fn erasing_the_last_reference_decides_the_deletion_at_once() {
		let mut conn = open();
		bind_chain(&conn, &[9; 32]).unwrap();
		begin_upload(&conn, &[1; 32], &OWNER, 10, 0, 1_000).unwrap();
		// Two versions share the payload.
		apply_block(&mut conn, 1, &[1; 32], &[referenced_change(1, 1), referenced_change(2, 1)])
			.unwrap();
		let erased = apply_block(&mut conn, 2, &[2; 32], &[PayloadChange::Erased { record_id: 2 }]);
		assert_eq!(erased.unwrap(), 0);
		assert!(due_for_deletion(&conn, 0, 10).unwrap().is_empty());
		let erased = apply_block(&mut conn, 3, &[3; 32], &[PayloadChange::Erased { record_id: 1 }]);
		assert_eq!(erased.unwrap(), 1);
		// Within its grace, and still due: erasure does not wait.
		assert_eq!(due_for_deletion(&conn, 0, 10).unwrap(), vec![([1; 32], true)]);
		// An upload of the same bytes in between takes the payload back.
		begin_upload(&conn, &[1; 32], &OWNER, 10, 5, 1_000).unwrap();
		assert!(!forget_deleted(&conn, &[1; 32], 5).unwrap());
		assert!(payload(&conn, &[1; 32]).unwrap().is_some());
	}

	#[test]
	fn a_reconciliation_erases_what_lost_its_references_while_away() {
		let mut conn = open();
		bind_chain(&conn, &[9; 32]).unwrap();
		for n in 1..=3 {
			begin_upload(&conn, &[n; 32], &OWNER, 10, 0, 1_000).unwrap();
		}
		apply_block(&mut conn, 1, &[1; 32], &[referenced_change(1, 1), referenced_change(2, 2)])
			.unwrap();
		// While away: record 2 was erased, record 3 added for payload 3.
		let live = vec![
			PayloadReference { record_id: 1, content_hash: [1; 32] },
			PayloadReference { record_id: 3, content_hash: [3; 32] },
		];
		assert_eq!(reconcile(&mut conn, 9, &[9; 32], &live).unwrap(), 1);
		assert_eq!(due_for_deletion(&conn, 0, 10).unwrap(), vec![([2; 32], true)]);
		assert!(referenced(&conn, &[3; 32]).unwrap());
		assert_eq!(chain_position(&conn).unwrap().unwrap().applied, Some((9, [9; 32])));
	}

	#[test]
	fn the_store_is_the_truth_of_which_payloads_exist() {
		let mut conn = open();
		begin_upload(&conn, &[1; 32], &OWNER, 10, 0, 100).unwrap();
		begin_upload(&conn, &[2; 32], &OWNER, 10, 0, 100).unwrap();
		// An upload recorded after the start may still be under way: it stays.
		begin_upload(&conn, &[3; 32], &OWNER, 10, 60, 160).unwrap();
		let (adopted, dropped) =
			square_with_store(&mut conn, &[([1; 32], 10), ([4; 32], 44)], 50, 150, 55).unwrap();
		assert_eq!((adopted, dropped), (1, 1));
		assert!(payload(&conn, &[3; 32]).unwrap().is_some());
		assert_eq!(
			payload(&conn, &[4; 32]).unwrap(),
			Some(PayloadRow {
				owner: None,
				size: 44,
				uploaded_at: 50,
				grace_until: 150,
				erasing: false
			})
		);
		assert!(payload(&conn, &[2; 32]).unwrap().is_none());
	}

	#[test]
	fn a_patient_reads_their_releases_newest_first_a_page_at_a_time() {
		let conn = open();
		let patient = [5; 32];
		for n in 0..5u64 {
			let entry = Release {
				at: n,
				patient: Some(if n == 2 { [6; 32] } else { patient }),
				released: n % 2 == 0,
				record_id: Some(n),
				..Release::default()
			};
			log_release(&conn, &entry).unwrap();
		}
		let (page, next) = releases_of(&conn, &patient, None, 2).unwrap();
		assert_eq!(page.iter().map(|e| e.record_id).collect::<Vec<_>>(), vec![Some(4), Some(3)]);
		let (page, next) = releases_of(&conn, &patient, next, 2).unwrap();
		assert_eq!(page.iter().map(|e| e.record_id).collect::<Vec<_>>(), vec![Some(1), Some(0)]);
		assert_eq!(next, None);
	}
}
