//! Dispatches the command line to the node or to a subcommand.

use polkadot_sdk::*;

use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use sc_cli::{Result, SubstrateCli};

use crate::{
	cli::{Cli, RelayChainCli, Subcommand},
	service,
};

/// Runs the node or the subcommand given on the command line.
pub fn run() -> Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let partial = service::new_partial(&config)?;
				Ok((cmd.run(partial.client, partial.import_queue), partial.task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let partial = service::new_partial(&config)?;
				Ok((cmd.run(partial.client, config.database), partial.task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let partial = service::new_partial(&config)?;
				Ok((cmd.run(partial.client, config.chain_spec), partial.task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let partial = service::new_partial(&config)?;
				Ok((cmd.run(partial.client, partial.import_queue), partial.task_manager))
			})
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let partial = service::new_partial(&config)?;
				Ok((cmd.run(partial.client, partial.backend, None), partial.task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| {
				let relay_config = RelayChainCli::new(&config, cli.relay_chain_args.iter())
					.and_then(|relay_cli| {
						relay_cli.create_configuration(&relay_cli, config.tokio_handle.clone())
					});
				match relay_config {
					// `cmd` honours `--parachain` and `--relaychain`.
					Ok(relay_config) => cmd.run(config, relay_config),
					Err(error) if cmd.relaychain => Err(error),
					// A dev chain has no relay chain, and a relay chain the node cannot
					// resolve has no database here either: only the parachain's is purged.
					Err(error) => {
						log::info!("No relay chain database to purge ({error})");
						cmd.base.run(config.database)
					},
				}
			})
		},
		Some(Subcommand::ExportGenesisHead(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| {
				let partial = service::new_partial(&config)?;
				cmd.run(partial.client)
			})
		},
		Some(Subcommand::ExportGenesisWasm(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|_config| {
				let spec = cli.load_spec(&cmd.shared_params.chain.clone().unwrap_or_default())?;
				cmd.run(&*spec)
			})
		},
		Some(Subcommand::Benchmark(cmd)) => run_benchmark(&cli, cmd),
		None => run_node(&cli),
	}
}

fn run_benchmark(cli: &Cli, cmd: &BenchmarkCmd) -> Result<()> {
	match cmd {
		#[cfg(feature = "runtime-benchmarks")]
		BenchmarkCmd::Pallet(cmd) => {
			use sp_runtime::traits::HashingFor;
			let chain = cmd.shared_params.chain.as_ref().map(|id| cli.load_spec(id)).transpose()?;
			cmd.run_with_spec::<HashingFor<healthchain_runtime::opaque::Block>, service::HostFunctions>(
				chain,
			)
		},
		BenchmarkCmd::Block(cmd) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| {
				let partial = service::new_partial(&config)?;
				cmd.run(partial.client)
			})
		},
		#[cfg(feature = "runtime-benchmarks")]
		BenchmarkCmd::Storage(cmd) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| {
				let partial = service::new_partial(&config)?;
				let db = partial.backend.expose_db();
				let storage = partial.backend.expose_storage();
				let shared_trie_cache = partial.backend.expose_shared_trie_cache();
				cmd.run(config, partial.client, db, storage, shared_trie_cache)
			})
		},
		BenchmarkCmd::Machine(cmd) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()))
		},
		#[allow(unreachable_patterns)]
		_ => Err("this benchmark needs a node built with `--features runtime-benchmarks`".into()),
	}
}

fn run_node(cli: &Cli) -> Result<()> {
	let runner = cli.create_runner(&cli.run.normalize())?;
	let collator_options = cli.run.collator_options();
	let max_pov_percentage = cli.run.experimental_max_pov_percentage;

	runner.run_node_until_exit(|config| async move {
		if let Some(block_time_ms) = cli.dev_block_time() {
			// A locally sealed chain with a mocked relay chain has no consensus at all: only a
			// throwaway development chain may run that way, never a spec meant for a network.
			if !service::is_development(&config) {
				return Err(sc_cli::Error::Input(format!(
					"--dev-block-time seals blocks locally and runs only a development chain spec; \
					 `{}` is {:?}",
					config.chain_spec.id(),
					config.chain_spec.chain_type()
				)));
			}
			if !cli.relay_chain_args.is_empty() {
				log::warn!("The dev chain has no relay chain: the arguments after -- are ignored");
			}
			return service::start_dev_node(config, block_time_ms).await.map_err(Into::into);
		}

		if service::is_development(&config) {
			return Err(sc_cli::Error::Input(format!(
				"`{}` is a development chain spec, which runs only as the standalone dev chain: \
				 add --dev or --dev-block-time",
				config.chain_spec.id()
			)));
		}
		let relay_cli = RelayChainCli::new(&config, cli.relay_chain_args.iter())?;
		let polkadot_config =
			relay_cli.create_configuration(&relay_cli, config.tokio_handle.clone())?;

		let hwbench = (!cli.no_hardware_benchmarks)
			.then(|| {
				config.database.path().map(|database_path| {
					let _ = std::fs::create_dir_all(database_path);
					sc_sysinfo::gather_hwbench(Some(database_path), &SUBSTRATE_REFERENCE_HARDWARE)
				})
			})
			.flatten();

		log::info!("✍️  Collating: {}", if config.role.is_authority() { "yes" } else { "no" });

		service::start_parachain_node(
			config,
			polkadot_config,
			collator_options,
			hwbench,
			max_pov_percentage,
		)
		.await
		.map_err(Into::into)
	})
}
