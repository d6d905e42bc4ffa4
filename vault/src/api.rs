//! The HTTP API, and its OpenAPI description generated from the handlers.

use std::sync::Arc;

use axum::{
	body::Body,
	extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State},
	http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::get,
	Json, Router,
};
use serde::{Deserialize, Serialize};
use tower_http::services::{ServeDir, ServeFile};
use utoipa::{IntoParams, OpenApi, ToSchema};

use healthchain_primitives::{views::ReleaseGround, AccessVia};

use crate::{
	auth,
	db::ReleaseEntry,
	refusal::ErrorBody,
	vault::{UploadReceipt, Vault},
	Refusal,
};

/// The header a released payload comes with: how the requester reached it.
pub const ROUTE_HEADER: &str = "x-healthchain-access-route";

/// The most entries a page of the release log holds.
const MAX_PAGE: u32 = 100;

pub fn router(vault: Arc<Vault>) -> Router {
	let api = Router::new()
		.route("/v1/payloads/{hash}", get(get_payload).put(put_payload))
		.route("/v1/releases", get(releases))
		.route("/healthz", get(healthz))
		.route("/metrics", get(metrics))
		.route("/openapi.json", get(openapi));
	// The portal, served from the same origin as the API it calls.
	let api = match &vault.config.portal_dir {
		Some(dir) => api
			.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
		None => api,
	};
	api
		// Uploads stream into the store with the vault's own limit (`PayloadTooLarge`).
		.layer(DefaultBodyLimit::disable())
		.layer(middleware::from_fn_with_state(vault.clone(), count_requests))
		.with_state(vault)
}

async fn count_requests(State(vault): State<Arc<Vault>>, request: Request, next: Next) -> Response {
	let route = request
		.extensions()
		.get::<MatchedPath>()
		.map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
	let response = next.run(request).await;
	vault.metrics.requests.with_label_values(&[&route, response.status().as_str()]).inc();
	response
}

/// The headers of a signed request (see `docs/vault.md`, "Signed requests").
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
struct SignedHeaders {
	/// The signer's account: SS58, or `0x` and 64 hex digits.
	#[serde(rename = "x-healthchain-account")]
	account: String,
	/// Milliseconds since the Unix epoch; within `--request-max-age` of the vault's clock.
	#[serde(rename = "x-healthchain-timestamp")]
	timestamp: u64,
	/// `0x` and the 128 hex digits of the sr25519 signature of the signed text.
	#[serde(rename = "x-healthchain-signature")]
	signature: String,
}

/// `0x` and 64 hex digits.
fn content_hash(text: &str) -> Result<[u8; 32], Refusal> {
	auth::parse_hex(text).ok_or(Refusal::MalformedRequest)
}

/// Stores an encrypted payload under its content hash.
///
/// The body is the payload's bytes; their blake2b-256 hash must be `hash`. The signer must be
/// an account on chain, within its quota. An upload that no record on chain references within
/// the vault's grace period is deleted. Storing bytes the vault already holds changes nothing.
#[utoipa::path(
	put,
	path = "/v1/payloads/{hash}",
	tag = "payloads",
	params(
		("hash" = String, Path, description = "The content hash: `0x` and 64 hex digits of the blake2b-256 hash of the body"),
		SignedHeaders,
	),
	request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The encrypted payload"),
	responses(
		(status = 201, description = "Stored", body = UploadReceipt),
		(status = 200, description = "Already held: nothing written", body = UploadReceipt),
		(status = 400, description = "`HashMismatch`, `MalformedRequest`", body = ErrorBody),
		(status = 401, description = "`MissingSignature`, `BadSignature`, `StaleRequest`, `ReplayedRequest`", body = ErrorBody),
		(status = 403, description = "`UnknownAccount`", body = ErrorBody),
		(status = 411, description = "`LengthRequired`", body = ErrorBody),
		(status = 413, description = "`PayloadTooLarge`", body = ErrorBody),
		(status = 503, description = "`ChainUnavailable`, `StoreUnavailable`", body = ErrorBody),
		(status = 507, description = "`QuotaExceeded`", body = ErrorBody),
	)
)]
async fn put_payload(
	State(vault): State<Arc<Vault>>,
	Path(hash): Path<String>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Body,
) -> Response {
	let outcome = async {
		let hash = content_hash(&hash)?;
		// The signed text carries the body's hash: for an upload, the hash it is sent under.
		// The body is checked against it as it streams in.
		let owner = vault.authenticate(&method, &uri, &headers, &hash).await?;
		let length = headers
			.get(header::CONTENT_LENGTH)
			.and_then(|value| value.to_str().ok())
			.and_then(|text| text.parse().ok());
		vault.upload(&owner, hash, length, body.into_data_stream()).await
	}
	.await;
	match outcome {
		Ok(receipt) => {
			let status = if receipt.stored { StatusCode::CREATED } else { StatusCode::OK };
			(status, Json(receipt)).into_response()
		},
		Err(refusal) => refusal.into_response(),
	}
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PayloadQuery {
	/// The record (version) whose payload this is.
	record: u64,
}

/// Releases a record's encrypted payload, if the chain allows it.
///
/// The chain must hold a live record `record` carrying `hash`, and the signer must be its
/// patient, or have logged its access to the record on chain (`records.logAccess`, in a
/// finalized block) within the vault's access window while the access decision still allows
/// it. Every answer goes into the vault's release log, which the patient reads at
/// `/v1/releases`. When the chain cannot be reached, nothing is released.
#[utoipa::path(
	get,
	path = "/v1/payloads/{hash}",
	tag = "payloads",
	params(
		("hash" = String, Path, description = "The content hash the record carries"),
		PayloadQuery,
		SignedHeaders,
	),
	responses(
		(status = 200, description = "The payload; `x-healthchain-access-route` says how it was reached: `patient`, `consent` or `emergency`", content_type = "application/octet-stream", body = Vec<u8>),
		(status = 400, description = "`MalformedRequest`", body = ErrorBody),
		(status = 401, description = "`MissingSignature`, `BadSignature`, `StaleRequest`, `ReplayedRequest`", body = ErrorBody),
		(status = 403, description = "`NoAccessLogged`, `AccessWindowPassed`, `AccessRevoked` (with `denial`)", body = ErrorBody),
		(status = 404, description = "`UnknownRecord`, `PayloadNotFound`", body = ErrorBody),
		(status = 409, description = "`RecordHashMismatch`", body = ErrorBody),
		(status = 410, description = "`RecordErased`", body = ErrorBody),
		(status = 503, description = "`ChainUnavailable`, `StoreUnavailable`", body = ErrorBody),
	)
)]
async fn get_payload(
	State(vault): State<Arc<Vault>>,
	Path(hash): Path<String>,
	query: Result<Query<PayloadQuery>, axum::extract::rejection::QueryRejection>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Response {
	let hash = content_hash(&hash).ok();
	let record = query.ok().map(|Query(query)| query.record);
	let (Some(hash), Some(record)) = (hash, record) else {
		return refuse_unauthenticated(&vault, record, Refusal::MalformedRequest);
	};
	let requester = match vault.authenticate(&method, &uri, &headers, &auth::body_hash(b"")).await {
		Ok(requester) => requester,
		Err(refusal) => {
			return refuse_unauthenticated(&vault, Some(record), refusal);
		},
	};
	match vault.release(&requester, record, hash).await {
		Ok(released) => {
			let route = match released.ground {
				ReleaseGround::Patient => "patient",
				ReleaseGround::LoggedAccess { via: AccessVia::Emergency(_), .. } => "emergency",
				ReleaseGround::LoggedAccess { via: AccessVia::Consent(_), .. } => "consent",
				ReleaseGround::LoggedAccess { via: AccessVia::Patient, .. } => "patient",
			};
			let mut response = Response::new(Body::from_stream(released.body));
			let headers = response.headers_mut();
			headers
				.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
			headers.insert(header::CONTENT_LENGTH, HeaderValue::from(released.size));
			headers.insert(ROUTE_HEADER, HeaderValue::from_static(route));
			headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
			response
		},
		Err(refusal) => refusal.into_response(),
	}
}

fn refuse_unauthenticated(vault: &Vault, record: Option<u64>, refusal: Refusal) -> Response {
	vault.note_unauthenticated(record, refusal);
	refusal.into_response()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
	/// The `next` of the previous page: entries older than it.
	cursor: Option<u64>,
	/// At most this many entries (at most 100, the default).
	limit: Option<u32>,
}

/// A page of a patient's release log.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ReleasePage {
	pub items: Vec<ReleaseEntry>,
	/// Pass as `cursor` for the next, older page; absent on the last page.
	pub next: Option<u64>,
}

/// The signer's release log: every request for the payload of one of their records, released
/// or refused, newest first.
#[utoipa::path(
	get,
	path = "/v1/releases",
	tag = "payloads",
	params(PageQuery, SignedHeaders),
	responses(
		(status = 200, description = "A page of the log", body = ReleasePage),
		(status = 401, description = "`MissingSignature`, `BadSignature`, `StaleRequest`, `ReplayedRequest`", body = ErrorBody),
	)
)]
async fn releases(
	State(vault): State<Arc<Vault>>,
	query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Response {
	let outcome = async {
		let Query(query) = query.map_err(|_| Refusal::MalformedRequest)?;
		let patient = vault.authenticate(&method, &uri, &headers, &auth::body_hash(b"")).await?;
		let limit = query.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
		let (items, next) = vault.releases(&patient, query.cursor, limit).await?;
		Ok::<_, Refusal>(ReleasePage { items, next })
	}
	.await;
	match outcome {
		Ok(page) => Json(page).into_response(),
		Err(refusal) => refusal.into_response(),
	}
}

/// Whether the vault may release: it follows the chain and the chain is not behind.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Health {
	/// `ok`, or `failClosed` while the chain is out of reach or behind.
	pub status: String,
	/// The last finalized block applied.
	pub finalized: Option<u64>,
	/// The chain's time in that block, in milliseconds since the Unix epoch.
	pub chain_time: Option<u64>,
	pub chain: String,
	pub store: String,
}

/// Liveness and readiness.
#[utoipa::path(
	get,
	path = "/healthz",
	tag = "operations",
	responses(
		(status = 200, description = "Following the chain: payloads may be released", body = Health),
		(status = 503, description = "Failing closed", body = Health),
	)
)]
async fn healthz(State(vault): State<Arc<Vault>>) -> Response {
	let head = vault.head();
	let ready = vault.fresh_head().is_ok();
	let health = Health {
		status: if ready { "ok" } else { "failClosed" }.to_owned(),
		finalized: head.map(|head| head.number),
		chain_time: head.map(|head| head.timestamp),
		chain: vault.chain.url().to_owned(),
		store: vault.store.description().to_owned(),
	};
	let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
	(status, Json(health)).into_response()
}

/// Prometheus metrics, in the text exposition format.
#[utoipa::path(
	get,
	path = "/metrics",
	tag = "operations",
	responses((status = 200, description = "Metrics", content_type = "text/plain", body = String))
)]
async fn metrics(State(vault): State<Arc<Vault>>) -> Response {
	(
		[(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"))],
		vault.metrics.render(),
	)
		.into_response()
}

/// This description.
#[utoipa::path(
	get,
	path = "/openapi.json",
	tag = "operations",
	responses((status = 200, description = "The OpenAPI description of the vault's HTTP API"))
)]
async fn openapi() -> Response {
	Json(ApiDoc::openapi()).into_response()
}

#[derive(OpenApi)]
#[openapi(
	info(
		title = "healthchain-vault",
		description = "Stores encrypted record payloads by content hash and releases one only when the Healthchain chain says the requester may have it. Requests to /v1 are signed by a Substrate account (sr25519): see docs/vault.md."
	),
	paths(put_payload, get_payload, releases, healthz, metrics, openapi),
	components(schemas(UploadReceipt, ErrorBody, ReleaseEntry, ReleasePage, Health)),
	tags(
		(name = "payloads", description = "Encrypted payloads and their release log"),
		(name = "operations", description = "Health, metrics and this description")
	)
)]
pub struct ApiDoc;

/// The OpenAPI description, as `docs/vault-openapi.json` holds it.
pub fn openapi_json() -> String {
	ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}
