//! Where payloads live: a local directory, or any S3-compatible object store, through one
//! interface (`object_store`). Each payload is one object, named by the hex of its content
//! hash under the store's prefix. Every write is atomic: an object is either all there or not
//! there at all, so a crash mid-upload never leaves a half-written payload to be served.

use std::{path::PathBuf, sync::Arc};

use bytes::Bytes;
use futures::{stream::BoxStream, Stream, StreamExt, TryStreamExt};
use object_store::{
	aws::AmazonS3Builder, local::LocalFileSystem, path::Path, ObjectStore, PutPayload,
	WriteMultipart,
};
use url::Url;

/// Bodies up to this size are written with one request; larger ones in parts of this size.
const PART_SIZE: usize = 8 * 1024 * 1024;

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
				Ok(Store { inner: Arc::new(s3), prefix, description: format!("S3 {url}") })
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

	/// Streams `body` into the store under `hash`, checking as it goes that the bytes hash to
	/// `hash` (blake2b-256) and are no more than `declared_len`. Nothing is stored unless the
	/// whole body arrived and matched.
	pub async fn put_verified<E: std::fmt::Display>(
		&self,
		hash: &[u8; 32],
		declared_len: u64,
		body: impl Stream<Item = Result<Bytes, E>> + Send,
	) -> Result<(), UploadError> {
		let location = self.location(hash);
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
								.put_multipart(&location)
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
				Ok(())
			},
			(Ok(()), true, None) => {
				let payload: PutPayload = head.into_iter().collect();
				self.inner.put(&location, payload).await.map_err(StoreError::from)?;
				Ok(())
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
			Ok(result) => Ok(Some((result.meta.size as u64, result.into_stream()))),
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
