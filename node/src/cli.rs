//! Command-line interface of `healthchain-node`.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches};
use polkadot_sdk::*;
use sc_cli::{
	CliConfiguration, DefaultConfigurationValues, ImportParams, KeystoreParams, NetworkParams,
	Result, RpcEndpoint, SharedParams, SubstrateCli,
};
use sc_service::{config::PrometheusConfig, BasePath};

use crate::chain_spec;

/// Block time of `--dev` when `--dev-block-time` is not given: the runtime's slot duration.
pub const DEFAULT_DEV_BLOCK_TIME_MS: u64 = healthchain_runtime::MILLI_SECS_PER_BLOCK;

/// Subcommands of `healthchain-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the storage form the node loads fastest).
	#[command(alias = "export-chain-spec")]
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Remove the whole chain: the parachain database and, in collator mode, the relay chain's.
	PurgeChain(cumulus_client_cli::PurgeChainCmd),

	/// Export the genesis head data of the parachain, as the relay chain registers it.
	#[command(alias = "export-genesis-state")]
	ExportGenesisHead(cumulus_client_cli::ExportGenesisHeadCommand),

	/// Export the genesis wasm of the parachain.
	ExportGenesisWasm(cumulus_client_cli::ExportGenesisWasmCommand),

	/// Runtime and machine benchmarks. `benchmark pallet` needs a build with the
	/// `runtime-benchmarks` feature.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

const AFTER_HELP_EXAMPLE: &str = "Examples:
   healthchain-node --dev
           Run a standalone development chain: no relay chain, a block every 6 s,
           RPC on 127.0.0.1:9944.
   healthchain-node --dev --dev-block-time 1000 --base-path ./data
           The same with a block every second, keeping the chain in ./data.
   healthchain-node --collator --chain healthchain-raw.json -- --chain relay-raw.json
           Collate against a relay chain; the arguments after -- go to the embedded
           relay chain node.
";

/// Arguments of `healthchain-node`. Arguments after `--` are passed to the relay chain node.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true,
	after_help = AFTER_HELP_EXAMPLE
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[command(flatten)]
	pub run: cumulus_client_cli::RunCmd,

	/// Milliseconds between blocks of the standalone dev chain. Implies `--dev` behaviour:
	/// blocks are sealed locally on a timer and the relay chain is mocked.
	#[arg(long, value_name = "MILLISECONDS", value_parser = clap::value_parser!(u64).range(1..))]
	pub dev_block_time: Option<u64>,

	/// Do not run the hardware benchmarks at start-up.
	#[arg(long)]
	pub no_hardware_benchmarks: bool,

	/// Arguments for the embedded relay chain node.
	#[arg(raw = true)]
	pub relay_chain_args: Vec<String>,
}

impl Cli {
	/// The block time of the standalone dev chain, or `None` when the node runs as a parachain
	/// node against a relay chain.
	pub fn dev_block_time(&self) -> Option<u64> {
		match self.dev_block_time {
			Some(ms) => Some(ms),
			None if self.run.base.shared_params.is_dev() => Some(DEFAULT_DEV_BLOCK_TIME_MS),
			None => None,
		}
	}
}

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Healthchain Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		format!(
			"Healthchain node.\n\nThe arguments given first go to the parachain node, the ones \
			after -- to the relay chain node:\n\n  {} [parachain-args] -- [relay-chain-args]",
			Self::executable_name()
		)
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/healthchain/healthchain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> std::result::Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// The embedded relay chain node's arguments, parsed as polkadot's.
#[derive(Debug)]
pub struct RelayChainCli {
	/// The relay chain node's own `run` arguments.
	pub base: polkadot_cli::RunCmd,
	/// The relay chain to use when the arguments do not name one: the chain spec's `relay_chain`.
	pub chain_id: Option<String>,
	/// Where the relay chain's database goes unless `--base-path` is given after `--`.
	pub base_path: PathBuf,
}

impl RelayChainCli {
	/// Parses `relay_chain_args` in the context of the parachain's configuration.
	pub fn new<'a>(
		para_config: &sc_service::Configuration,
		relay_chain_args: impl Iterator<Item = &'a String>,
	) -> Result<Self> {
		let matches = polkadot_cli::RunCmd::command()
			.no_binary_name(true)
			.try_get_matches_from(relay_chain_args)
			.map_err(|e| sc_cli::Error::Input(format!("relay chain arguments: {e}")))?;
		let base = polkadot_cli::RunCmd::from_arg_matches(&matches)
			.map_err(|e| sc_cli::Error::Input(format!("relay chain arguments: {e}")))?;
		let chain_id = chain_spec::Extensions::try_get(&*para_config.chain_spec)
			.map(|e| e.relay_chain.clone());
		let base_path = para_config.base_path.path().join("polkadot");
		Ok(Self { base, chain_id, base_path })
	}
}

impl SubstrateCli for RelayChainCli {
	fn impl_name() -> String {
		Cli::impl_name()
	}

	fn impl_version() -> String {
		Cli::impl_version()
	}

	fn description() -> String {
		Cli::description()
	}

	fn author() -> String {
		Cli::author()
	}

	fn support_url() -> String {
		Cli::support_url()
	}

	fn copyright_start_year() -> i32 {
		Cli::copyright_start_year()
	}

	fn load_spec(&self, id: &str) -> std::result::Result<Box<dyn sc_service::ChainSpec>, String> {
		polkadot_cli::Cli::from_iter([Self::executable_name()].iter()).load_spec(id)
	}
}

impl DefaultConfigurationValues for RelayChainCli {
	fn p2p_listen_port() -> u16 {
		30334
	}

	fn rpc_listen_port() -> u16 {
		9945
	}

	fn prometheus_listen_port() -> u16 {
		9616
	}
}

impl CliConfiguration<Self> for RelayChainCli {
	fn shared_params(&self) -> &SharedParams {
		self.base.base.shared_params()
	}

	fn import_params(&self) -> Option<&ImportParams> {
		self.base.base.import_params()
	}

	fn network_params(&self) -> Option<&NetworkParams> {
		self.base.base.network_params()
	}

	fn keystore_params(&self) -> Option<&KeystoreParams> {
		self.base.base.keystore_params()
	}

	fn base_path(&self) -> Result<Option<BasePath>> {
		Ok(self
			.shared_params()
			.base_path()?
			.or_else(|| Some(BasePath::new(self.base_path.clone()))))
	}

	fn rpc_addr(&self, default_listen_port: u16) -> Result<Option<Vec<RpcEndpoint>>> {
		self.base.base.rpc_addr(default_listen_port)
	}

	fn prometheus_config(
		&self,
		default_listen_port: u16,
		chain_spec: &Box<dyn sc_service::ChainSpec>,
	) -> Result<Option<PrometheusConfig>> {
		self.base.base.prometheus_config(default_listen_port, chain_spec)
	}

	fn init<F>(&self, _: &String, _: &String, _: F) -> Result<()>
	where
		F: FnOnce(&mut sc_cli::LoggerBuilder),
	{
		// The parachain side initialises logging for the whole process.
		Ok(())
	}

	fn chain_id(&self, is_dev: bool) -> Result<String> {
		let chain_id = self.base.base.chain_id(is_dev)?;
		Ok(if chain_id.is_empty() { self.chain_id.clone().unwrap_or_default() } else { chain_id })
	}

	fn role(&self, is_dev: bool) -> Result<sc_service::Role> {
		self.base.base.role(is_dev)
	}

	fn transaction_pool(&self, is_dev: bool) -> Result<sc_service::config::TransactionPoolOptions> {
		self.base.base.transaction_pool(is_dev)
	}

	fn trie_cache_maximum_size(&self) -> Result<Option<usize>> {
		self.base.base.trie_cache_maximum_size()
	}

	fn rpc_methods(&self) -> Result<sc_service::config::RpcMethods> {
		self.base.base.rpc_methods()
	}

	fn rpc_max_connections(&self) -> Result<u32> {
		self.base.base.rpc_max_connections()
	}

	fn rpc_cors(&self, is_dev: bool) -> Result<Option<Vec<String>>> {
		self.base.base.rpc_cors(is_dev)
	}

	fn default_heap_pages(&self) -> Result<Option<u64>> {
		self.base.base.default_heap_pages()
	}

	fn force_authoring(&self) -> Result<bool> {
		self.base.base.force_authoring()
	}

	fn disable_grandpa(&self) -> Result<bool> {
		self.base.base.disable_grandpa()
	}

	fn max_runtime_instances(&self) -> Result<Option<usize>> {
		self.base.base.max_runtime_instances()
	}

	fn announce_block(&self) -> Result<bool> {
		self.base.base.announce_block()
	}

	fn telemetry_endpoints(
		&self,
		chain_spec: &Box<dyn sc_service::ChainSpec>,
	) -> Result<Option<sc_telemetry::TelemetryEndpoints>> {
		self.base.base.telemetry_endpoints(chain_spec)
	}

	fn node_name(&self) -> Result<String> {
		self.base.base.node_name()
	}
}
