//! `healthchain-vault`: see the crate documentation and `docs/vault.md`.

use clap::Parser;
use tracing_subscriber::EnvFilter;

use healthchain_vault::config::{Cli, Command, LogFormat};

#[tokio::main]
async fn main() -> std::process::ExitCode {
	let cli = Cli::parse();
	if let Some(Command::Openapi) = cli.command {
		println!("{}", healthchain_vault::api::openapi_json());
		return std::process::ExitCode::SUCCESS;
	}
	let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
	let logs = tracing_subscriber::fmt().with_env_filter(filter);
	match cli.config.log_format {
		LogFormat::Text => logs.init(),
		LogFormat::Json => logs.json().init(),
	}
	match healthchain_vault::run(cli.config).await {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!(%error, "healthchain-vault stopped");
			std::process::ExitCode::FAILURE
		},
	}
}
