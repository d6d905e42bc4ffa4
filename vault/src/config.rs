//! The vault's settings: command-line flags, each also readable from an environment variable.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
	name = "healthchain-vault",
	version,
	about = "Stores encrypted record payloads and releases one only when the Healthchain chain says the requester may have it."
)]
pub struct Cli {
	#[command(subcommand)]
	pub command: Option<Command>,
	#[command(flatten)]
	pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
	/// Prints the OpenAPI description of the HTTP API and exits.
	Openapi,
}

#[derive(Clone, Debug, clap::Args)]
pub struct Config {
	/// The address the HTTP API listens on.
	#[arg(long, env = "HEALTHCHAIN_VAULT_LISTEN", default_value = "127.0.0.1:8090")]
	pub listen: SocketAddr,

	/// The WebSocket RPC of a Healthchain node.
	#[arg(long, env = "HEALTHCHAIN_VAULT_CHAIN", default_value = "ws://127.0.0.1:9944")]
	pub chain: String,

	/// Where the vault keeps its database (`vault.sqlite`) and, by default, the payloads.
	#[arg(long, env = "HEALTHCHAIN_VAULT_DATA_DIR", default_value = "./vault-data")]
	pub data_dir: PathBuf,

	/// Where payloads are stored: `file:///absolute/dir` or `s3://bucket[/prefix]` (S3
	/// settings from the usual AWS_* variables). Default: the `payloads` directory in the
	/// data directory.
	#[arg(long, env = "HEALTHCHAIN_VAULT_STORE")]
	pub store: Option<String>,

	/// The largest payload accepted, in bytes (suffixes K, M, G: 1024-based).
	#[arg(long, env = "HEALTHCHAIN_VAULT_MAX_PAYLOAD", default_value = "64M", value_parser = parse_size)]
	pub max_payload: u64,

	/// How many bytes of payloads one account may keep in the vault.
	#[arg(long, env = "HEALTHCHAIN_VAULT_QUOTA", default_value = "4G", value_parser = parse_size)]
	pub quota: u64,

	/// How long an upload may wait for a record on chain to reference it before it is deleted.
	#[arg(long, env = "HEALTHCHAIN_VAULT_UPLOAD_GRACE", default_value = "1h", value_parser = humantime::parse_duration)]
	pub upload_grace: Duration,

	/// How long after its `log_access` a provider may fetch the payload.
	#[arg(long, env = "HEALTHCHAIN_VAULT_ACCESS_WINDOW", default_value = "10m", value_parser = humantime::parse_duration)]
	pub access_window: Duration,

	/// How far a signed request's timestamp may be from the vault's clock; a request is also
	/// accepted only once within this time.
	#[arg(long, env = "HEALTHCHAIN_VAULT_REQUEST_MAX_AGE", default_value = "60s", value_parser = humantime::parse_duration)]
	pub request_max_age: Duration,

	/// How far the finalized chain's time may trail the vault's clock before the vault stops
	/// releasing (it fails closed).
	#[arg(long, env = "HEALTHCHAIN_VAULT_MAX_CHAIN_LAG", default_value = "2m", value_parser = humantime::parse_duration)]
	pub max_chain_lag: Duration,

	/// How often the vault looks for payloads to delete (it also looks after every erasure).
	#[arg(long, env = "HEALTHCHAIN_VAULT_SWEEP_INTERVAL", default_value = "30s", value_parser = humantime::parse_duration)]
	pub sweep_interval: Duration,

	/// How many uploads may stream into the store at once.
	#[arg(long, env = "HEALTHCHAIN_VAULT_UPLOAD_SLOTS", default_value_t = 8)]
	pub upload_slots: usize,

	/// How long one call to the node may take.
	#[arg(long, env = "HEALTHCHAIN_VAULT_CHAIN_TIMEOUT", default_value = "10s", value_parser = humantime::parse_duration)]
	pub chain_timeout: Duration,

	/// A directory of static files to serve at `/`: the built portal (`portal/dist`). Requests
	/// for paths it does not hold get its `index.html`, as a single-page app needs.
	#[arg(long, env = "HEALTHCHAIN_VAULT_PORTAL_DIR")]
	pub portal_dir: Option<PathBuf>,

	/// Log lines as text or as JSON objects (one per line).
	#[arg(long, env = "HEALTHCHAIN_VAULT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
	pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
	Text,
	Json,
}

impl Config {
	/// The store URL: the one given, or the data directory's `payloads`.
	pub fn store_url(&self) -> Result<String, String> {
		if let Some(url) = &self.store {
			return Ok(url.clone());
		}
		let dir = std::path::absolute(self.data_dir.join("payloads"))
			.map_err(|error| format!("the data directory: {error}"))?;
		url::Url::from_directory_path(&dir)
			.map(String::from)
			.map_err(|()| format!("{} is not a directory path", dir.display()))
	}
}

/// A size in bytes: a number, optionally followed by K, M or G (powers of 1024), with an
/// optional `iB` or `B`.
pub fn parse_size(text: &str) -> Result<u64, String> {
	let text = text.trim();
	let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
	let (digits, unit) = text.split_at(digits_end);
	let number: u64 = digits.parse().map_err(|_| format!("not a size: {text}"))?;
	let shift = match unit.trim().trim_end_matches("iB").trim_end_matches('B') {
		"" => 0,
		"K" | "k" => 10,
		"M" => 20,
		"G" => 30,
		_ => return Err(format!("unknown unit in {text}: use K, M or G")),
	};
	1u64.checked_shl(shift)
		.and_then(|factor| number.checked_mul(factor))
		.ok_or_else(|| format!("too large: {text}"))
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	#[test]
	fn sizes_take_binary_suffixes() {
		assert_eq!(parse_size("512"), Ok(512));
		assert_eq!(parse_size("64M"), Ok(64 << 20));
		assert_eq!(parse_size("64MiB"), Ok(64 << 20));
		assert_eq!(parse_size("4G"), Ok(4 << 30));
		assert_eq!(parse_size("1KB"), Ok(1024));
		assert!(parse_size("12X").is_err());
		assert!(parse_size("M").is_err());
	}

	#[test]
	fn the_default_store_is_in_the_data_directory() {
		let cli = Cli::parse_from(["healthchain-vault", "--data-dir", "/var/lib/vault"]);
		assert_eq!(cli.config.store_url().unwrap(), "file:///var/lib/vault/payloads/");
		let cli = Cli::parse_from(["healthchain-vault", "--store", "s3://bucket/hospital"]);
		assert_eq!(cli.config.store_url().unwrap(), "s3://bucket/hospital");
	}
}
