//! Spawns the network of `healthchain.toml` and keeps it up until Ctrl-C.
//! `scripts/zombienet.sh spawn` runs it with the binaries on PATH.

use anyhow::Result;
use healthchain_zombienet::{network_config, require_binaries};
use zombienet_sdk::NetworkConfigExt;

#[tokio::main]
async fn main() -> Result<()> {
	require_binaries()?;
	let network = network_config()?.spawn_native().await?;
	println!("network up; logs and chain data in {}", network.base_dir().unwrap_or("?"));
	for node in network.nodes() {
		println!("  {:<8} {}", node.name(), node.ws_uri());
	}
	println!("Ctrl-C stops it.");
	tokio::signal::ctrl_c().await?;
	network.destroy().await?;
	Ok(())
}
