//! Where payloads live: a local directory, or any S3-compatible object store, through one
//! interface (`object_store`). Each payload is one object, named by the hex of its content
//! hash under the store's prefix. Every write is atomic: an object is either all there or not
//! there at all, so a crash mid-upload never leaves a half-written payload to be served.
//!
//! In a local directory a body is first written as `<hash>.partial`, and takes its payload's
//! name only once it is synced to disk, so that a power cut cannot leave a payload's name on
//! bytes that never reached the disk. What a crash leaves of an upload is removed at the next
//! start ([`Store::remove_abandoned_uploads`]). In S3 an upload above [`PART_SIZE`] is a
//! multipart upload, which becomes an object only when completed.

use std::{io::Read, path::PathBuf, sync::Arc};

use bytes::Bytes;
use futures::{stream::BoxStream, Stream, StreamExt, TryStreamExt};
use object_store::{
	aws::AmazonS3Builder, local::LocalFileSystem, path::Path, GetResultPayload, ObjectStore,
	PutPayload, WriteMultipart,
};
use url::Url;

/// Bodies up to this size are written with one request; larger ones in parts of this size.
pub const PART_SIZE: usize = 8 * 1024 * 1024;

/// How much of a payload in a local directory is read at a time, on a blocking thread. Large
/// enough that the thread hand-over is small beside the read (`object_store`'s own stream reads
/// 8 KiB at a time, which served a 32 MiB payload at a twentieth of a plain read), small
/// enough that a download holds little memory: hyper takes the next piece once it has sent
/// most of the last.
pub const READ_CHUNK: usize = 256 * 1024;

/// The suffix of a body being written to a local directory.
const STAGED: &str = ".partial";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	#[error("the store URL {0} is not file:///… or s3://bucket/…")]
	UnsupportedUrl(String),
	#[error("the object store: {0}")]
	Backend(#[from] object_store::Error),
	#[error("the store directory: {0}")]
	Io(#[from] std::io::Error),
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
	#[error("the body's hash is not the content hash it is sent under")]
	HashMismatch,
	#[error("the body is longer than its declared length")]
	TooLong,
	#[error("the request body broke off: {0}")]
	Body(String),
	#[error(transparent)]
	Store(#[from] StoreError),
}

/// The payload store.
#[derive(Clone)]
pub struct Store {
	inner: Arc<dyn ObjectStore>,
	prefix: Path,
	description: String,
	/// The local directory, if the store is one.
	directory: Option<PathBuf>,
}

impl Store {
	/// Opens `file:///absolute/dir` (created if missing) or `s3://bucket[/prefix]`. For S3, the
	/// region, endpoint and credentials come from the usual `AWS_*` environment variables
	/// (`AWS_ENDPOINT` for a store other than Amazon's, `AWS_ALLOW_HTTP=true` for one without
	/// TLS).
	pub fn open(url: &str) -> Result<Self, StoreError> {
		Self::open_with(url, std::iter::empty::<(String, String)>())
	}

	/// [`Store::open`], with S3 settings (`aws_endpoint`, `aws_access_key_id`, …) given
	/// rather than read from the environment alone.
	pub fn open_with(
		url: &str,
		s3_options: impl IntoIterator<Item = (String, String)>,
	) -> Result<Self, StoreError> {
		let parsed = Url::parse(url).map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?;
		match parsed.scheme() {
			"file" => {
				let dir: PathBuf = parsed
					.to_file_path()
					.map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?;
				std::fs::create_dir_all(&dir)?;
				let local = LocalFileSystem::new_with_prefix(&dir)?;
				Ok(Store {
					inner: Arc::new(local),
					prefix: Path::default(),
					description: format!("directory {}", dir.display()),
					directory: Some(dir),
				})
			},
			"s3" => {
				let mut builder = AmazonS3Builder::from_env().with_url(url);
				for (key, value) in s3_options {
					let key = key.parse().map_err(|_| StoreError::UnsupportedUrl(key))?;
					builder = builder.with_config(key, value);
				}
				let s3 = builder.build()?;
				let prefix = Path::parse(parsed.path().trim_matches('/'))
					.map_err(|_| StoreError::UnsupportedUrl(url.to_owned()))?;
				Ok(Store {
					inner: Arc::new(s3),
					prefix,
					description: format!("S3 {url}"),
					directory: None,
				})
			},
			_ => Err(StoreError::UnsupportedUrl(url.to_owned())),
		}
	}

	pub fn description(&self) -> &str {
		&self.description
	}

	fn location(&self, hash: &[u8; 32]) -> Path {
		self.prefix.child(hex::encode(hash))
	}

	/// Where an upload is written before it is the payload: in S3, the payload itself (an
	/// object appears whole or not at all); in a directory, `<hash>.partial`.
	fn staging(&self, hash: &[u8; 32]) -> Path {
		match self.directory {
			Some(_) => self.prefix.child(format!("{}{STAGED}", hex::encode(hash))),
			None => self.location(hash),
		}
	}

	/// In a directory, gives a staged body its payload's name once the bytes are on disk: the
	/// file is synced, renamed, and the directory synced, so that after a crash or a power cut
	/// the name holds the whole payload or nothing.
	async fn publish(&self, hash: &[u8; 32]) -> Result<(), StoreError> {
		let Some(dir) = self.directory.clone() else {
			return Ok(());
		};
		let name = hex::encode(hash);
		tokio::task::spawn_blocking(move || {
			let staged = dir.join(format!("{name}{STAGED}"));
			let outcome = std::fs::File::open(&staged)
				.and_then(|file| file.sync_all())
				.and_then(|()| std::fs::rename(&staged, dir.join(&name)))
				.and_then(|()| std::fs::File::open(&dir))
				.and_then(|dir| dir.sync_all());
			if outcome.is_err() {
				let _ = std::fs::remove_file(&staged);
			}
			outcome
		})
		.await
		.map_err(std::io::Error::other)??;
		Ok(())
	}

	/// Removes from a local directory what uploads cut off by a crash left there: bodies staged
	/// under `<hash>.partial`, and `object_store`'s own staging files (`<name>#<n>`). None of
	/// them is ever served, but they would hold disk space, and the bytes of payloads since
	/// erased, for good. Call it before any upload starts. (In S3 such an upload is an
	/// incomplete multipart upload, which the bucket's lifecycle rule aborts.) Returns how many
	/// files it removed.
	pub fn remove_abandoned_uploads(&self) -> Result<usize, StoreError> {
		let Some(dir) = &self.directory else {
			return Ok(0);
		};
		let mut removed: usize = 0;
		for entry in std::fs::read_dir(dir)? {
			let entry = entry?;
			let staged = entry.file_name().to_str().is_some_and(is_staged_upload);
			if staged && entry.file_type()?.is_file() {
				std::fs::remove_file(entry.path())?;
				removed = removed.saturating_add(1);
			}
		}
		Ok(removed)
	}

	/// Streams `body` into the store under `hash`, checking as it goes that the bytes hash to
	/// `hash` (blake2b-256) and are no more than `declared_len`. Nothing is stored unless the
	/// whole body arrived and matched.
	pub async fn put_verified<E: std::fmt::Display>(
		&self,
		hash: &[u8; 32],
		declared_len: u64,
		body: impl Stream<Item = Result<Bytes, E>> + Send,
	) -> Result<(), UploadError> {
		let staging = self.staging(hash);
		let mut hasher = blake2b_simd::Params::new().hash_length(32).to_state();
		let mut received: u64 = 0;
		let mut head: Vec<Bytes> = Vec::new();
		let mut head_len: usize = 0;
		let mut parts: Option<WriteMultipart> = None;
		let mut body = std::pin::pin!(body);

		let outcome: Result<(), UploadError> = async {
			while let Some(chunk) = body.next().await {
				let chunk = chunk.map_err(|error| UploadError::Body(error.to_string()))?;
				received = received.saturating_add(chunk.len() as u64);
				if received > declared_len {
					return Err(UploadError::TooLong);
				}
				hasher.update(&chunk);
				match parts.as_mut() {
					Some(writer) => {
						writer.wait_for_capacity(2).await.map_err(StoreError::from)?;
						writer.put(chunk);
					},
					None => {
						head_len = head_len.saturating_add(chunk.len());
						head.push(chunk);
						if head_len > PART_SIZE {
							// Too big for one request: switch to a multipart upload, which
							// the store assembles only when it is completed.
							let upload = self
								.inner
								.put_multipart(&staging)
								.await
								.map_err(StoreError::from)?;
							let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
							for buffered in head.drain(..) {
								writer.put(buffered);
							}
							parts = Some(writer);
						}
					},
				}
			}
			Ok(())
		}
		.await;

		let matches = outcome.is_ok() && hasher.finalize().as_bytes() == hash.as_slice();
		match (outcome, matches, parts) {
			(Ok(()), true, Some(writer)) => {
				writer.finish().await.map_err(StoreError::from)?;
				Ok(self.publish(hash).await?)
			},
			(Ok(()), true, None) => {
				let payload: PutPayload = head.into_iter().collect();
				self.inner.put(&staging, payload).await.map_err(StoreError::from)?;
				Ok(self.publish(hash).await?)
			},
			(outcome, _, writer) => {
				if let Some(writer) = writer {
					// Best effort: an upload left unfinished is never visible as an object.
					let _ = writer.abort().await;
				}
				outcome.and(Err(UploadError::HashMismatch))
			},
		}
	}

	/// The payload under `hash`, with its size, as a stream; `None` when there is none.
	pub async fn get(
		&self,
		hash: &[u8; 32],
	) -> Result<Option<(u64, BoxStream<'static, Result<Bytes, object_store::Error>>)>, StoreError>
	{
		match self.inner.get(&self.location(hash)).await {
			Ok(result) => {
				let size = result.meta.size as u64;
				let body = match result.payload {
					GetResultPayload::File(file, _) => read_in_chunks(file, size),
					GetResultPayload::Stream(stream) => stream,
				};
				Ok(Some((size, body)))
			},
			Err(object_store::Error::NotFound { .. }) => Ok(None),
			Err(error) => Err(error.into()),
		}
	}

	/// Whether a payload is stored under `hash`.
	pub async fn contains(&self, hash: &[u8; 32]) -> Result<bool, StoreError> {
		match self.inner.head(&self.location(hash)).await {
			Ok(_) => Ok(true),
			Err(object_store::Error::NotFound { .. }) => Ok(false),
			Err(error) => Err(error.into()),
		}
	}

	/// Deletes the payload under `hash`; deleting one that is not there is not an error.
	pub async fn delete(&self, hash: &[u8; 32]) -> Result<(), StoreError> {
		match self.inner.delete(&self.location(hash)).await {
			Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
			Err(error) => Err(error.into()),
		}
	}

	/// Every payload in the store, with its size. Objects whose name is not a content hash
	/// (anything else under the prefix) are left out.
	pub async fn list(&self) -> Result<Vec<([u8; 32], u64)>, StoreError> {
		let prefix = (!self.prefix.as_ref().is_empty()).then_some(&self.prefix);
		let objects: Vec<_> = self.inner.list(prefix).try_collect().await?;
		Ok(objects
			.into_iter()
			.filter_map(|meta| {
				let name = meta.location.filename()?;
				let mut hash = [0u8; 32];
				hex::decode_to_slice(name, &mut hash).ok()?;
				(meta.location == self.location(&hash)).then_some((hash, meta.size as u64))
			})
			.collect())
	}
}

/// The `size` bytes of an open local file, [`READ_CHUNK`] at a time.
fn read_in_chunks(
	file: std::fs::File,
	size: u64,
) -> BoxStream<'static, Result<Bytes, object_store::Error>> {
	futures::stream::try_unfold((file, size), |(mut file, remaining)| async move {
		if remaining == 0 {
			return Ok(None);
		}
		let len = remaining.min(READ_CHUNK as u64);
		let read = tokio::task::spawn_blocking(move || {
			let mut chunk = Vec::with_capacity(usize::try_from(len).unwrap_or(READ_CHUNK));
			(&mut file).take(len).read_to_end(&mut chunk)?;
			if chunk.len() as u64 != len {
				return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
			}
			Ok(Some((Bytes::from(chunk), (file, remaining.saturating_sub(len)))))
		})
		.await
		.map_err(std::io::Error::other)
		.and_then(|read| read);
		read.map_err(|error| object_store::Error::Generic {
			store: "LocalFileSystem",
			source: Box::new(error),
		})
	})
	.boxed()
}

/// `<hash>.partial`, `<hash>.partial#<n>` or `<hash>#<n>`: a body being staged, by the vault or
/// by `object_store` under it.
fn is_staged_upload(name: &str) -> bool {
	let (Some(hash), Some(rest)) = (name.get(..64), name.get(64..)) else {
		return false;
	};
	let number = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
	hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
		&& match rest.strip_prefix(STAGED) {
			Some(tail) => tail.is_empty() || tail.strip_prefix('#').is_some_and(number),
			None => rest.strip_prefix('#').is_some_and(number),
		}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn staged_uploads_are_told_from_payloads() {
		let hash = "3f".repeat(32);
		for staged in [".partial", ".partial#1", "#1", "#27"] {
			assert!(is_staged_upload(&format!("{hash}{staged}")), "{staged}");
		}
		for other in ["", ".partial#", ".partial#x", "#", "#1a", ".part", ".partial.bak"] {
			assert!(!is_staged_upload(&format!("{hash}{other}")), "{other}");
		}
		assert!(!is_staged_upload(&format!("{}.partial", "3F".repeat(32))));
		assert!(!is_staged_upload("notes.partial"));
		assert!(!is_staged_upload(""));
	}
}
