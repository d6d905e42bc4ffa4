//! The payload store against a local directory and against a real S3-compatible server
//! (`s3s-fs` from crates.io, which `scripts/setup.sh` installs and this test starts), checked
//! through the store's own files.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures::{stream, StreamExt, TryStreamExt};
use healthchain_vault::{
	auth::body_hash,
	store::{Store, UploadError, PART_SIZE, READ_CHUNK},
};

fn chunks(
	bytes: &[u8],
	size: usize,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Send {
	let chunks: Vec<_> = bytes.chunks(size).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
	stream::iter(chunks)
}

async fn read(store: &Store, hash: &[u8; 32]) -> Option<Vec<u8>> {
	let (size, body) = store.get(hash).await.unwrap()?;
	let bytes: Vec<Bytes> = body.try_collect().await.unwrap();
	let bytes = bytes.concat();
	assert_eq!(bytes.len() as u64, size);
	Some(bytes)
}

/// Bytes that are not all alike, so that a misplaced part would show.
fn payload(len: usize, seed: u8) -> Vec<u8> {
	(0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

/// What every store must do. `file_of` is where the store keeps a payload on disk.
async fn behaves_as_a_payload_store(store: Store, file_of: impl Fn(&[u8; 32]) -> PathBuf) {
	// A small payload, in one write.
	let small = payload(3_000, 1);
	let small_hash = body_hash(&small);
	store.put_verified(&small_hash, small.len() as u64, chunks(&small, 1_000)).await.unwrap();
	assert_eq!(read(&store, &small_hash).await.unwrap(), small);
	assert_eq!(std::fs::read(file_of(&small_hash)).unwrap(), small);
	assert!(store.contains(&small_hash).await.unwrap());

	// A large one, in parts: the object appears whole, only once completed.
	let large = payload(9 * 1024 * 1024 + 17, 2);
	let large_hash = body_hash(&large);
	store.put_verified(&large_hash, large.len() as u64, chunks(&large, 256 * 1024)).await.unwrap();
	assert_eq!(read(&store, &large_hash).await.unwrap(), large);
	assert_eq!(std::fs::read(file_of(&large_hash)).unwrap(), large);

	// Bytes that do not hash to the name they are sent under leave nothing behind, small or
	// large.
	for bytes in [payload(500, 3), payload(9 * 1024 * 1024, 4)] {
		let claimed = body_hash(b"something else");
		let error =
			store.put_verified(&claimed, bytes.len() as u64, chunks(&bytes, 64 * 1024)).await;
		assert!(matches!(error, Err(UploadError::HashMismatch)), "{error:?}");
		assert!(!store.contains(&claimed).await.unwrap());
		assert!(!file_of(&claimed).exists());
	}
	// An upload under way is nobody's payload yet: not served, not listed, not under the
	// payload's name, even once parts of it are written.
	let slow = payload(PART_SIZE + 3 * 1024 * 1024, 6);
	let slow_hash = body_hash(&slow);
	let (send, body) = futures::channel::mpsc::unbounded::<Result<Bytes, std::io::Error>>();
	let upload = tokio::spawn({
		let (store, len) = (store.clone(), slow.len() as u64);
		async move { store.put_verified(&slow_hash, len, body).await }
	});
	let cut = PART_SIZE + 1024 * 1024;
	send.unbounded_send(Ok(Bytes::copy_from_slice(&slow[..cut]))).unwrap();
	// Time for the first part to reach the store; the checks hold however far it got.
	tokio::time::sleep(std::time::Duration::from_millis(300)).await;
	assert!(read(&store, &slow_hash).await.is_none());
	assert!(!store.contains(&slow_hash).await.unwrap());
	assert!(!file_of(&slow_hash).exists());
	assert!(!store.list().await.unwrap().iter().any(|(hash, _)| *hash == slow_hash));
	send.unbounded_send(Ok(Bytes::copy_from_slice(&slow[cut..]))).unwrap();
	drop(send);
	upload.await.unwrap().unwrap();
	assert_eq!(read(&store, &slow_hash).await.unwrap(), slow);
	store.delete(&slow_hash).await.unwrap();

	// More bytes than declared: refused, nothing stored.
	let error = store.put_verified(&small_hash, 10, chunks(&small, 1_000)).await;
	assert!(matches!(error, Err(UploadError::TooLong)), "{error:?}");
	assert_eq!(read(&store, &small_hash).await.unwrap(), small);

	let mut listed = store.list().await.unwrap();
	listed.sort();
	let mut expected = vec![(small_hash, small.len() as u64), (large_hash, large.len() as u64)];
	expected.sort();
	assert_eq!(listed, expected);

	store.delete(&small_hash).await.unwrap();
	assert!(read(&store, &small_hash).await.is_none());
	assert!(!file_of(&small_hash).exists());
	// Deleting what is not there is not an error.
	store.delete(&small_hash).await.unwrap();
	assert_eq!(store.list().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_local_directory() {
	let dir = tempfile::tempdir().unwrap();
	let root = dir.path().join("payloads");
	let url = url::Url::from_directory_path(&root).unwrap();
	let store = Store::open(url.as_str()).unwrap();
	let file_of = |hash: &[u8; 32]| root.join(hex::encode(hash));
	behaves_as_a_payload_store(store, file_of).await;
	// Nothing else was left in the directory: no staging file of the refused uploads.
	let names: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
	assert_eq!(names.len(), 1, "{names:?}");
}

/// A payload in a local directory is read in `READ_CHUNK` pieces, not in `object_store`'s 8 KiB
/// ones, each handed to a blocking thread of its own, which served large payloads at a small
/// fraction of the disk's speed.
#[tokio::test]
async fn a_local_payload_is_read_in_large_pieces() {
	let dir = tempfile::tempdir().unwrap();
	let url = url::Url::from_directory_path(dir.path().join("payloads")).unwrap();
	let store = Store::open(url.as_str()).unwrap();
	let bytes = payload(3 * READ_CHUNK + 5, 9);
	let hash = body_hash(&bytes);
	store.put_verified(&hash, bytes.len() as u64, chunks(&bytes, 64 * 1024)).await.unwrap();
	let (size, body) = store.get(&hash).await.unwrap().unwrap();
	let pieces: Vec<Bytes> = body.try_collect().await.unwrap();
	assert_eq!(size, bytes.len() as u64);
	let lengths: Vec<usize> = pieces.iter().map(Bytes::len).collect();
	assert_eq!(lengths, vec![READ_CHUNK, READ_CHUNK, READ_CHUNK, 5]);
	assert_eq!(pieces.concat(), bytes);
	// An empty payload is an empty stream.
	let empty = body_hash(b"");
	store.put_verified(&empty, 0, chunks(b"", 1)).await.unwrap();
	assert_eq!(read(&store, &empty).await.unwrap(), Vec::<u8>::new());
}

/// A vault killed in the middle of an upload leaves its staged body behind, under no payload's
/// name; the next start removes it, and leaves everything else alone.
#[tokio::test]
async fn what_a_crash_mid_upload_staged_is_removed_at_the_next_start() {
	let dir = tempfile::tempdir().unwrap();
	let root = dir.path().join("payloads");
	let url = url::Url::from_directory_path(&root).unwrap();
	let store = Store::open(url.as_str()).unwrap();
	let kept = payload(2_000, 7);
	let kept_hash = body_hash(&kept);
	store.put_verified(&kept_hash, kept.len() as u64, chunks(&kept, 1_000)).await.unwrap();
	std::fs::write(root.join("notes.txt"), b"not the vault's").unwrap();

	// The crash: the upload stops in the middle of its body and none of its clean-up runs.
	let cut = payload(PART_SIZE + 2 * 1024 * 1024, 8);
	let cut_hash = body_hash(&cut);
	let head =
		stream::iter([Ok::<_, std::io::Error>(Bytes::copy_from_slice(&cut[..PART_SIZE + 1]))]);
	let body = head.chain(stream::pending());
	let mut upload = Box::pin(store.put_verified(&cut_hash, cut.len() as u64, body));
	let staged = |root: &Path| {
		std::fs::read_dir(root)
			.unwrap()
			.map(|entry| entry.unwrap().file_name().into_string().unwrap())
			.filter(|name| name.starts_with(&hex::encode(cut_hash)))
			.collect::<Vec<_>>()
	};
	let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
	while staged(&root).is_empty() {
		assert!(std::time::Instant::now() < deadline, "the upload never reached the directory");
		tokio::select! {
			outcome = &mut upload => panic!("the upload ended: {outcome:?}"),
			_ = tokio::time::sleep(std::time::Duration::from_millis(20)) => {},
		}
	}
	std::mem::forget(upload);
	assert!(!root.join(hex::encode(cut_hash)).exists(), "nothing under the payload's name");
	assert!(!store.contains(&cut_hash).await.unwrap());
	assert_eq!(store.list().await.unwrap(), vec![(kept_hash, kept.len() as u64)]);

	// The next start.
	let store = Store::open(url.as_str()).unwrap();
	assert!(store.remove_abandoned_uploads().unwrap() >= 1);
	assert_eq!(staged(&root), Vec::<String>::new());
	assert_eq!(read(&store, &kept_hash).await.unwrap(), kept);
	assert!(root.join("notes.txt").exists());
	assert_eq!(store.remove_abandoned_uploads().unwrap(), 0);
	// The same upload, whole this time.
	store.put_verified(&cut_hash, cut.len() as u64, chunks(&cut, 256 * 1024)).await.unwrap();
	assert_eq!(read(&store, &cut_hash).await.unwrap(), cut);
}

const ACCESS_KEY: &str = "healthchain-test";
const SECRET_KEY: &str = "healthchain-test-secret";

fn s3_options(endpoint: &str, secret: &str) -> Vec<(String, String)> {
	[
		("aws_endpoint", endpoint),
		("aws_allow_http", "true"),
		("aws_access_key_id", ACCESS_KEY),
		("aws_secret_access_key", secret),
		("aws_region", "us-east-1"),
	]
	.into_iter()
	.map(|(k, v)| (k.to_owned(), v.to_owned()))
	.collect()
}

/// `s3s-fs` serving `root` on a free port, with S3's request signing (SigV4) on; killed when
/// dropped.
struct S3Server {
	child: std::process::Child,
	endpoint: String,
}

impl S3Server {
	fn start(root: &Path) -> Self {
		let binary = std::env::var("HEALTHCHAIN_S3S_FS").expect(
			"HEALTHCHAIN_S3S_FS names the s3s-fs binary: scripts/setup.sh --with-node installs it, \
			 and scripts/test.sh sets it",
		);
		let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
		let child = std::process::Command::new(binary)
			.args(["--host", "127.0.0.1", "--port", &port.to_string()])
			.args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
			.arg(root)
			.stdout(std::process::Stdio::null())
			.stderr(std::process::Stdio::null())
			.spawn()
			.unwrap();
		let server = S3Server { child, endpoint: format!("http://127.0.0.1:{port}") };
		let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
		while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
			assert!(std::time::Instant::now() < deadline, "s3s-fs did not start");
			std::thread::sleep(std::time::Duration::from_millis(50));
		}
		server
	}
}

impl Drop for S3Server {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

#[tokio::test]
async fn an_s3_compatible_object_store() {
	let dir = tempfile::tempdir().unwrap();
	let root: &Path = dir.path();
	std::fs::create_dir_all(root.join("records")).unwrap();
	let server = S3Server::start(root);

	let store =
		Store::open_with("s3://records/hospital-a", s3_options(&server.endpoint, SECRET_KEY))
			.unwrap();
	let file_of = |hash: &[u8; 32]| root.join("records/hospital-a").join(hex::encode(hash));
	behaves_as_a_payload_store(store, file_of).await;

	// The server checks S3's request signatures: wrong credentials are refused.
	let intruder =
		Store::open_with("s3://records/hospital-a", s3_options(&server.endpoint, "not-the-secret"))
			.unwrap();
	assert!(intruder.list().await.is_err());
	let bytes = payload(10, 5);
	assert!(intruder.put_verified(&body_hash(&bytes), 10, chunks(&bytes, 10)).await.is_err());
}

#[tokio::test]
async fn an_unknown_store_url_is_refused() {
	assert!(Store::open("ftp://example/payloads").is_err());
	assert!(Store::open("not a url").is_err());
}
