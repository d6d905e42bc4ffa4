//! # healthchain-vault
//!
//! The off-chain half of Healthchain's records: an HTTP service that stores encrypted
//! payloads by content hash and releases one only when the chain says the requester may have
//! it. It never sees plaintext or keys: clients encrypt before they upload and decrypt after
//! they fetch, with data keys wrapped on chain.
//!
//! - **Storage.** Payloads go to a local directory or any S3-compatible object store
//!   ([`store`]); what the vault knows of them (uploader, grace deadline, the references on
//!   chain, its release log) is in one SQLite database ([`db`]).
//! - **Identity.** Every request is signed by a Substrate account ([`auth`]).
//! - **Release.** The chain's own rule, `RecordsApi::payload_release`, asked at the
//!   finalized block and at the best one ([`vault::Vault::release`]).
//! - **Erasure.** The vault follows finalized blocks and deletes the payloads of erased
//!   records; at start it reconciles with the chain ([`follower`]).
//! - **Failure.** When the chain is out of reach or behind, nothing is released.
//!
//! `docs/vault.md` is the operator's guide.

pub mod api;
pub mod auth;
pub mod chain;
pub mod config;
pub mod db;
pub mod follower;
pub mod metrics;
pub mod refusal;
pub mod store;
pub mod vault;

use std::{net::SocketAddr, sync::Arc};

use axum::serve::{Listener, ListenerExt};

pub use config::Config;
pub use refusal::Refusal;
pub use vault::Vault;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Runs the vault until SIGINT or SIGTERM, or until it finds itself pointed at another chain
/// than its database's.
pub async fn run(config: Config) -> Result<(), Error> {
	std::fs::create_dir_all(&config.data_dir)?;
	let db = db::Db::open(&config.data_dir.join("vault.sqlite"))?;
	let store = store::Store::open(&config.store_url()?)?;
	// Before the first upload: whatever is staged now was cut off by a crash.
	let abandoned = store.remove_abandoned_uploads()?;
	if abandoned > 0 {
		tracing::info!(abandoned, "removed what uploads cut off by a crash had staged");
	}
	let listener = listen(config.listen).await?;
	let address = listener.local_addr()?;
	let vault = Arc::new(Vault::new(config, db, store)?);
	tracing::info!(
		store = vault.store.description(),
		chain = vault.chain.url(),
		"healthchain-vault listening on http://{address}"
	);

	let (shutdown, stopping) = tokio::sync::watch::channel(false);
	let follower = tokio::spawn(follower::follow(vault.clone(), stopping.clone()));
	let sweeper = tokio::spawn(follower::sweep_loop(vault.clone(), stopping));
	let stop = {
		let vault = vault.clone();
		async move {
			tokio::select! {
				_ = signal() => tracing::info!("stopping: finishing the requests under way"),
				_ = vault.stop.notified() => {},
			}
		}
	};
	axum::serve(listener, api::router(vault.clone())).with_graceful_shutdown(stop).await?;
	let _ = shutdown.send(true);
	let _ = follower.await;
	let _ = sweeper.await;
	match vault.failure() {
		Some(reason) => Err(reason.into()),
		None => Ok(()),
	}
}

/// The HTTP listener, every connection with `TCP_NODELAY`. A payload is streamed as its headers
/// then its body; with Nagle's algorithm on, the body would wait for the client's delayed
/// acknowledgement of the headers, about 40 ms on Linux, on every download.
pub async fn listen(
	address: SocketAddr,
) -> std::io::Result<impl Listener<Io = tokio::net::TcpStream, Addr = SocketAddr>> {
	let listener = tokio::net::TcpListener::bind(address).await?;
	Ok(listener.tap_io(|connection| {
		if let Err(error) = connection.set_nodelay(true) {
			tracing::warn!(%error, "cannot set TCP_NODELAY on a connection");
		}
	}))
}

async fn signal() {
	let interrupt = tokio::signal::ctrl_c();
	#[cfg(unix)]
	{
		let mut terminate =
			match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
				Ok(terminate) => terminate,
				Err(_) => {
					let _ = interrupt.await;
					return;
				},
			};
		tokio::select! {
			_ = interrupt => {},
			_ = terminate.recv() => {},
		}
	}
	#[cfg(not(unix))]
	let _ = interrupt.await;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn connections_are_served_without_nagles_delay() {
		let mut listener = listen(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
		let address = listener.local_addr().unwrap();
		let _client = tokio::net::TcpStream::connect(address).await.unwrap();
		let (connection, _) = listener.accept().await;
		assert!(connection.nodelay().unwrap());
	}
}
