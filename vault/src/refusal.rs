//! Every answer that is not a success: an HTTP status and a JSON body naming the reason.

use axum::{
	http::StatusCode,
	response::{IntoResponse, Response},
	Json,
};
use healthchain_primitives::{views::ReleaseRefusal, DenialReason};
use serde::Serialize;
use utoipa::ToSchema;

/// Why the vault refused a request. The name is the `error` field of the JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
	#[error("the request is not signed: it needs the x-healthchain-account, x-healthchain-timestamp and x-healthchain-signature headers")]
	MissingSignature,
	#[error("the signature does not verify for this account and this request")]
	BadSignature,
	#[error("the request's timestamp is too far from the vault's clock")]
	StaleRequest,
	#[error("this signed request was received before")]
	ReplayedRequest,
	#[error("the request is malformed")]
	MalformedRequest,
	#[error("the body's hash is not the content hash it is sent under")]
	HashMismatch,
	#[error("the body is larger than this vault accepts")]
	PayloadTooLarge,
	#[error("an upload must give its length (Content-Length)")]
	LengthRequired,
	#[error("the upload would take the account over its storage quota")]
	QuotaExceeded,
	#[error("the account does not exist on chain")]
	UnknownAccount,
	#[error("there is no record with this identifier")]
	UnknownRecord,
	#[error("the record was erased")]
	RecordErased,
	#[error("the record carries another content hash")]
	RecordHashMismatch,
	#[error("the chain holds no log_access of the requester for this record")]
	NoAccessLogged,
	#[error("the requester's latest log_access for this record is older than the vault's window")]
	AccessWindowPassed,
	#[error("the access decision no longer allows the requester")]
	AccessRevoked(DenialReason),
	#[error("the vault holds no payload under this content hash")]
	PayloadNotFound,
	#[error(
		"the chain cannot be reached, or is behind: the vault releases nothing until it is back"
	)]
	ChainUnavailable,
	#[error("the object store cannot be reached")]
	StoreUnavailable,
	#[error("the vault failed to answer")]
	Internal,
}

impl Refusal {
	/// The reason's name, as the JSON body and the release log give it.
	pub fn name(&self) -> &'static str {
		match self {
			Refusal::MissingSignature => "MissingSignature",
			Refusal::BadSignature => "BadSignature",
			Refusal::StaleRequest => "StaleRequest",
			Refusal::ReplayedRequest => "ReplayedRequest",
			Refusal::MalformedRequest => "MalformedRequest",
			Refusal::HashMismatch => "HashMismatch",
			Refusal::PayloadTooLarge => "PayloadTooLarge",
			Refusal::LengthRequired => "LengthRequired",
			Refusal::QuotaExceeded => "QuotaExceeded",
			Refusal::UnknownAccount => "UnknownAccount",
			Refusal::UnknownRecord => "UnknownRecord",
			Refusal::RecordErased => "RecordErased",
			Refusal::RecordHashMismatch => "RecordHashMismatch",
			Refusal::NoAccessLogged => "NoAccessLogged",
			Refusal::AccessWindowPassed => "AccessWindowPassed",
			Refusal::AccessRevoked(_) => "AccessRevoked",
			Refusal::PayloadNotFound => "PayloadNotFound",
			Refusal::ChainUnavailable => "ChainUnavailable",
			Refusal::StoreUnavailable => "StoreUnavailable",
			Refusal::Internal => "Internal",
		}
	}

	pub fn status(&self) -> StatusCode {
		match self {
			Refusal::MissingSignature
			| Refusal::BadSignature
			| Refusal::StaleRequest
			| Refusal::ReplayedRequest => StatusCode::UNAUTHORIZED,
			Refusal::MalformedRequest | Refusal::HashMismatch => StatusCode::BAD_REQUEST,
			Refusal::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
			Refusal::LengthRequired => StatusCode::LENGTH_REQUIRED,
			Refusal::QuotaExceeded => StatusCode::INSUFFICIENT_STORAGE,
			Refusal::UnknownAccount
			| Refusal::NoAccessLogged
			| Refusal::AccessWindowPassed
			| Refusal::AccessRevoked(_) => StatusCode::FORBIDDEN,
			Refusal::UnknownRecord | Refusal::PayloadNotFound => StatusCode::NOT_FOUND,
			Refusal::RecordErased => StatusCode::GONE,
			Refusal::RecordHashMismatch => StatusCode::CONFLICT,
			Refusal::ChainUnavailable | Refusal::StoreUnavailable => {
				StatusCode::SERVICE_UNAVAILABLE
			},
			Refusal::Internal => StatusCode::INTERNAL_SERVER_ERROR,
		}
	}

	/// The denial behind `AccessRevoked`, by its name (`Revoked`, `Expired`, …).
	pub fn denial(&self) -> Option<&'static str> {
		match self {
			Refusal::AccessRevoked(reason) => Some(denial_name(*reason)),
			_ => None,
		}
	}

	pub fn body(&self) -> ErrorBody {
		ErrorBody {
			error: self.name().to_owned(),
			message: self.to_string(),
			denial: self.denial().map(str::to_owned),
		}
	}
}

fn denial_name(reason: DenialReason) -> &'static str {
	match reason {
		DenialReason::NoConsent => "NoConsent",
		DenialReason::Revoked => "Revoked",
		DenialReason::Expired => "Expired",
		DenialReason::NotYetValid => "NotYetValid",
		DenialReason::OrganizationSuspended => "OrganizationSuspended",
		DenialReason::OrganizationDeregistered => "OrganizationDeregistered",
		DenialReason::RoleNotPermitted => "RoleNotPermitted",
		DenialReason::PurposeMismatch => "PurposeMismatch",
		DenialReason::CategoryNotCovered => "CategoryNotCovered",
		DenialReason::ActionNotCovered => "ActionNotCovered",
	}
}

impl From<ReleaseRefusal> for Refusal {
	fn from(refusal: ReleaseRefusal) -> Self {
		match refusal {
			ReleaseRefusal::UnknownRecord => Refusal::UnknownRecord,
			ReleaseRefusal::RecordErased => Refusal::RecordErased,
			ReleaseRefusal::RecordHashMismatch => Refusal::RecordHashMismatch,
			ReleaseRefusal::NoAccessLogged => Refusal::NoAccessLogged,
			ReleaseRefusal::AccessWindowPassed => Refusal::AccessWindowPassed,
			ReleaseRefusal::AccessRevoked(reason) => Refusal::AccessRevoked(reason),
		}
	}
}

/// The body of every refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorBody {
	/// The reason's name: `BadSignature`, `AccessRevoked`, `ChainUnavailable`, …
	#[schema(example = "AccessRevoked")]
	pub error: String,
	/// What it means, in words.
	pub message: String,
	/// With `AccessRevoked`: why the access decision denies now (`Revoked`, `Expired`,
	/// `OrganizationSuspended`, …).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub denial: Option<String>,
}

impl IntoResponse for Refusal {
	fn into_response(self) -> Response {
		(self.status(), Json(self.body())).into_response()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_release_refusal_of_the_chain_keeps_its_name() {
		let pairs = [
			(ReleaseRefusal::UnknownRecord, "UnknownRecord", StatusCode::NOT_FOUND),
			(ReleaseRefusal::RecordErased, "RecordErased", StatusCode::GONE),
			(ReleaseRefusal::RecordHashMismatch, "RecordHashMismatch", StatusCode::CONFLICT),
			(ReleaseRefusal::NoAccessLogged, "NoAccessLogged", StatusCode::FORBIDDEN),
			(ReleaseRefusal::AccessWindowPassed, "AccessWindowPassed", StatusCode::FORBIDDEN),
			(
				ReleaseRefusal::AccessRevoked(DenialReason::Revoked),
				"AccessRevoked",
				StatusCode::FORBIDDEN,
			),
		];
		for (chain, name, status) in pairs {
			let refusal = Refusal::from(chain);
			assert_eq!((refusal.name(), refusal.status()), (name, status));
		}
	}

	#[test]
	fn a_revocation_names_the_denial() {
		let body = Refusal::AccessRevoked(DenialReason::Expired).body();
		assert_eq!(body.error, "AccessRevoked");
		assert_eq!(body.denial.as_deref(), Some("Expired"));
		assert_eq!(Refusal::BadSignature.body().denial, None);
	}

	#[test]
	fn denial_names_are_the_chains_own() {
		// The names the chain's JSON (and polkadot.js) give each reason.
		for reason in [
			DenialReason::NoConsent,
			DenialReason::Revoked,
			DenialReason::Expired,
			DenialReason::NotYetValid,
			DenialReason::OrganizationSuspended,
			DenialReason::OrganizationDeregistered,
			DenialReason::RoleNotPermitted,
			DenialReason::PurposeMismatch,
			DenialReason::CategoryNotCovered,
			DenialReason::ActionNotCovered,
		] {
			let json = serde_json::to_value(reason).unwrap_or_default();
			assert_eq!(json.as_str(), Some(denial_name(reason)));
		}
	}
}
