//! The node service: the shared client parts, the standalone `--dev` node and the collator.

use std::{sync::Arc, time::Duration};

use codec::{Decode, Encode};
use futures::channel::mpsc;
use polkadot_sdk::*;

use cumulus_client_cli::CollatorOptions;
use cumulus_client_collator::service::CollatorService;
use cumulus_client_consensus_aura::collators::lookahead::{self as aura, Params as AuraParams};
use cumulus_client_consensus_common::ParachainBlockImport as TParachainBlockImport;
use cumulus_client_parachain_inherent::{MockValidationDataInherentDataProvider, MockXcmConfig};
use cumulus_client_service::{
	build_network, build_relay_chain_interface, prepare_node_config, start_relay_chain_tasks,
	BuildNetworkParams, DARecoveryProfile, ParachainTracingExecuteBlock,
	StartRelayChainTasksParams,
};
use cumulus_primitives_core::{
	relay_chain::{HeadData, UpgradeGoAhead, ValidationCode},
	CollectCollationInfo, GetParachainInfo, ParaId, RelayParentOffsetApi,
};
use healthchain_runtime::{apis::RuntimeApi, opaque::Block, Hash};
use sc_client_api::StorageProvider;
use sc_consensus::{DefaultImportQueue, LongestChain};
use sc_consensus_manual_seal::{consensus::aura::AuraConsensusDataProvider, EngineCommand};
use sc_executor::{HeapAllocStrategy, WasmExecutor, DEFAULT_HEAP_ALLOC_STRATEGY};
use sc_network::{
	config::FullNetworkConfiguration, NetworkBackend, NetworkBlock, NetworkStateInfo,
};
use sc_service::{
	Configuration, ImportQueue, PartialComponents, TFullBackend, TFullClient, TaskManager,
};
use sc_telemetry::{Telemetry, TelemetryHandle, TelemetryWorker, TelemetryWorkerHandle};
use sc_transaction_pool::TransactionPoolHandle;
use sc_transaction_pool_api::{ChainEvent, MaintainedTransactionPool};
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::{sr25519::AuthorityPair as AuraPair, Slot, SlotDuration};
use sp_runtime::traits::Header as _;

use crate::{dev, rpc};

/// Runs `start::<Net>(args)` with the network backend `backend` names: each start function is
/// generic over it, and this is the one place that picks it.
macro_rules! with_network_backend {
	($backend:expr, $start:ident($($arg:expr),* $(,)?)) => {
		match $backend {
			sc_network::config::NetworkBackendType::Libp2p => {
				$start::<sc_network::NetworkWorker<Block, Hash>>($($arg),*).await
			},
			sc_network::config::NetworkBackendType::Litep2p => {
				$start::<sc_network::Litep2pNetworkBackend>($($arg),*).await
			},
		}
	};
}

/// The RPC extensions both kinds of node serve; `dev` adds the dev chain's own.
fn rpc_builder(
	client: Arc<ParachainClient>,
	pool: Arc<TransactionPool>,
	dev: Option<rpc::DevDeps>,
) -> Box<dyn Fn(sc_rpc::SubscriptionTaskExecutor) -> Result<rpc::RpcExtension, sc_service::Error>> {
	Box::new(move |_| {
		rpc::create_full(rpc::FullDeps {
			client: client.clone(),
			pool: pool.clone(),
			dev: dev.clone(),
		})
		.map_err(Into::into)
	})
}

/// Host functions of the runtime: the standard ones and the proof-size one for weight reclaim.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = cumulus_client_service::ParachainHostFunctions;
/// Host functions of the runtime, with the benchmarking ones.
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions = (
	cumulus_client_service::ParachainHostFunctions,
	frame_benchmarking::benchmarking::HostFunctions,
);

/// Executes the runtime wasm.
pub type ParachainExecutor = WasmExecutor<HostFunctions>;
/// The client of the Healthchain runtime.
pub type ParachainClient = TFullClient<Block, RuntimeApi, ParachainExecutor>;
/// The database backend.
pub type ParachainBackend = TFullBackend<Block>;
/// Imports blocks, keeping the parachain's own view of the best block.
pub type ParachainBlockImport =
	TParachainBlockImport<Block, Arc<ParachainClient>, ParachainBackend>;
/// The transaction pool.
pub type TransactionPool = TransactionPoolHandle<Block, ParachainClient>;

/// The parts that every node mode and every subcommand share.
pub type Service = PartialComponents<
	ParachainClient,
	ParachainBackend,
	(),
	DefaultImportQueue<Block>,
	TransactionPool,
	(ParachainBlockImport, Option<Telemetry>, Option<TelemetryWorkerHandle>),
>;

/// The relay chain's slot duration, as the runtime's consensus hook expects it. The mocked relay
/// chain of `--dev` uses it too.
const RELAY_CHAIN_SLOT_DURATION: Duration =
	Duration::from_millis(healthchain_runtime::RELAY_CHAIN_SLOT_DURATION_MILLIS as u64);

/// Builds the client, database, transaction pool and import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, sc_service::Error> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let heap_pages = config
		.executor
		.default_heap_pages
		.map_or(DEFAULT_HEAP_ALLOC_STRATEGY, |h| HeapAllocStrategy::Static { extra_pages: h as _ });

	let executor = ParachainExecutor::builder()
		.with_execution_method(config.executor.wasm_method)
		.with_max_runtime_instances(config.executor.max_runtime_instances)
		.with_runtime_cache_size(config.executor.runtime_cache_size)
		.with_onchain_heap_alloc_strategy(heap_pages)
		.with_offchain_heap_alloc_strategy(heap_pages)
		.with_cache_path(wasm_cache_dir(config))
		.build();

	// Recording the proof of imported blocks is what lets weight reclaim measure proof size.
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts_record_import::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			true,
			Default::default(),
		)?;
	let client = Arc::new(client);

	let telemetry_worker_handle = telemetry.as_ref().map(|(worker, _)| worker.handle());
	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let block_import = ParachainBlockImport::new(client.clone(), backend.clone());

	// A development chain's blocks are sealed by the node itself (manual seal), which signs
	// nothing: they are imported without seal verification. Such a chain is a chain of one (see
	// `start_dev_node`), and `import-blocks` and `check-block` read its exported blocks. Every
	// other chain's blocks carry collators' Aura seals, which are verified.
	let import_queue = if is_development(config) {
		sc_consensus_manual_seal::import_queue(
			Box::new(block_import.clone()),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		)
	} else {
		build_import_queue(
			client.clone(),
			block_import.clone(),
			config,
			telemetry.as_ref().map(|telemetry| telemetry.handle()),
			&task_manager,
		)
	};

	Ok(PartialComponents {
		backend,
		client,
		import_queue,
		keystore_container,
		task_manager,
		transaction_pool,
		select_chain: (),
		other: (block_import, telemetry, telemetry_worker_handle),
	})
}

/// Whether the node runs a development chain spec: a chain of one that it seals itself (manual
/// seal, mocked relay chain), never a spec meant for a network.
pub fn is_development(config: &Configuration) -> bool {
	config.chain_spec.chain_type() == sc_service::ChainType::Development
}

/// Where wasmtime keeps the machine code it compiled the runtime to, so that a start of the
/// node, or a subcommand, need not compile the same runtime again: `$HEALTHCHAIN_WASM_CACHE`,
/// or `wasm-cache` in the base path. wasmtime checks each entry against the code and its own
/// version and settings.
fn wasm_cache_dir(config: &Configuration) -> std::path::PathBuf {
	std::env::var_os("HEALTHCHAIN_WASM_CACHE")
		.filter(|dir| !dir.is_empty())
		.map(Into::into)
		.unwrap_or_else(|| config.base_path.path().join("wasm-cache"))
}

/// Verifies imported blocks: Aura seals, no equivocation, valid inherents.
fn build_import_queue(
	client: Arc<ParachainClient>,
	block_import: ParachainBlockImport,
	config: &Configuration,
	telemetry: Option<TelemetryHandle>,
	task_manager: &TaskManager,
) -> DefaultImportQueue<Block> {
	cumulus_client_consensus_aura::equivocation_import_queue::fully_verifying_import_queue::<
		AuraPair,
		_,
		_,
		_,
		_,
	>(
		client,
		block_import,
		move |_, _| async move { Ok(sp_timestamp::InherentDataProvider::from_system_time()) },
		&task_manager.spawn_essential_handle(),
		config.prometheus_registry(),
		telemetry,
	)
}

/// The parachain id, from the runtime.
fn parachain_id(client: &ParachainClient) -> Result<ParaId, sc_service::Error> {
	let best = client.chain_info().best_hash;
	let id = client
		.runtime_api()
		.parachain_id(best)
		.map_err(|e| sc_service::Error::Other(format!("cannot read the parachain id: {e}")))?;
	log::info!("🪪 Parachain id: {id:?}");
	Ok(id)
}

/// Starts the standalone development node: no relay chain, blocks sealed locally every
/// `block_time_ms` milliseconds with mocked relay-chain data.
pub async fn start_dev_node(
	config: Configuration,
	block_time_ms: u64,
) -> Result<TaskManager, sc_service::Error> {
	with_network_backend!(
		config.network.network_backend,
		start_dev_node_with(config, block_time_ms)
	)
}

async fn start_dev_node_with<Net: NetworkBackend<Block, Hash>>(
	mut config: Configuration,
	block_time_ms: u64,
) -> Result<TaskManager, sc_service::Error> {
	let PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain: _,
		transaction_pool,
		other: (_, mut telemetry, _),
	} = new_partial(&config)?;

	// A dev chain is a chain of one: it neither looks for nor accepts peers.
	config.network.default_peers_set.in_peers = 0;
	config.network.default_peers_set.out_peers = 0;
	let net_config = FullNetworkConfiguration::<_, _, Net>::new(
		&config.network,
		config.prometheus_registry().cloned(),
	);
	let metrics = Net::register_notification_metrics(config.prometheus_registry());

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: None,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	let para_id = parachain_id(&client)?;

	let proposer = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		config.prometheus_registry(),
		telemetry.as_ref().map(|t| t.handle()),
	);

	// The slot duration cannot change on a running chain.
	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;

	// Seal commands come from the block timer and from the `engine_*` RPC methods.
	let (seal_sink, seal_stream) = mpsc::channel::<EngineCommand<Hash>>(1024);
	let clock = dev::DevClock::default();

	let sealer =
		sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
			block_import: client.clone(),
			env: proposer,
			client: client.clone(),
			pool: transaction_pool.clone(),
			select_chain: LongestChain::new(backend.clone()),
			commands_stream: Box::pin(seal_stream),
			// The Aura pre-digest must carry the slot of the block's timestamp.
			consensus_data_provider: Some(Box::new(
				AuraConsensusDataProvider::new_with_slot_duration(slot_duration),
			)),
			create_inherent_data_providers: {
				let client = client.clone();
				let clock = clock.clone();
				move |parent: Hash, ()| {
					let client = client.clone();
					let now = clock.now();
					async move { dev_inherent_data(&client, parent, para_id, now) }
				}
			},
		});
	task_manager.spawn_essential_handle().spawn_blocking("manual-seal", None, sealer);

	// The first block is sealed before the RPC server opens, so that no client ever reads the
	// genesis clock (0) as the chain's time. It has no transactions: it is finalized at once.
	if dev::seal_and_finalize(&mut seal_sink.clone(), &client, true).await.is_err() {
		return Err(sc_service::Error::Other("the dev block sealer stopped at start-up".into()));
	}
	// The pool hears of blocks from a task that starts with the RPC server, after this block:
	// tell it now, or it would check the first transactions against the genesis state, where
	// a transaction signed at this block has an unknown birth block.
	let first = client.chain_info().best_hash;
	transaction_pool.maintain(ChainEvent::NewBestBlock { hash: first, tree_route: None }).await;
	transaction_pool
		.maintain(ChainEvent::Finalized { hash: first, tree_route: Arc::from([]) })
		.await;

	let mut timer_sink = seal_sink.clone();
	let timer_client = client.clone();
	task_manager.spawn_essential_handle().spawn("dev-block-timer", None, async move {
		let mut interval = tokio::time::interval(Duration::from_millis(block_time_ms));
		// After a slow block, keep the spacing instead of sealing a burst to catch up.
		interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
		// The first tick fires at once; the next block comes one interval after the first.
		interval.tick().await;
		loop {
			interval.tick().await;
			if dev::seal_and_finalize(&mut timer_sink, &timer_client, false).await.is_err() {
				break;
			}
		}
	});

	let rpc_builder = rpc_builder(
		client.clone(),
		transaction_pool.clone(),
		Some(rpc::DevDeps { manual_seal: seal_sink.clone(), clock: clock.clone() }),
	);

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network,
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend: backend.clone(),
		system_rpc_tx,
		tx_handler_controller,
		sync_service,
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	log::info!("🩺 Standalone dev chain: a block every {block_time_ms} ms, relay chain mocked");
	Ok(task_manager)
}

/// The inherent data of a dev block on top of `parent`: a timestamp and mocked relay-chain
/// validation data.
///
/// Each block gets the next relay-chain slot, but never one earlier than the wall clock's, so
/// the chain's time follows real time at the default block time. With a shorter
/// `--dev-block-time` it runs ahead by one slot per block: the runtime accepts at most one
/// block per relay slot, as a real relay chain would.
fn dev_inherent_data(
	client: &ParachainClient,
	parent: Hash,
	para_id: ParaId,
	now: sp_timestamp::Timestamp,
) -> Result<
	(sp_timestamp::InherentDataProvider, MockValidationDataInherentDataProvider<()>),
	Box<dyn std::error::Error + Send + Sync>,
> {
	let parent_header =
		client.header(parent)?.ok_or_else(|| format!("parent block {parent:?} is unknown"))?;
	let relay_slot_duration =
		SlotDuration::from_millis(healthchain_runtime::RELAY_CHAIN_SLOT_DURATION_MILLIS.into());

	let wall_clock_slot = Slot::from_timestamp(now, relay_slot_duration);
	let relay_slot = match parent_timestamp(client, parent)? {
		Some(parent_time) => wall_clock_slot.max(
			Slot::from_timestamp(parent_time.into(), relay_slot_duration).saturating_add(1u64),
		),
		None => wall_clock_slot,
	};
	let timestamp =
		relay_slot.timestamp(relay_slot_duration).ok_or("the relay slot's timestamp overflows")?;

	let para_block = parent_header.number().saturating_add(1);
	let relay_block = u32::try_from(*relay_slot).map_err(|_| "the relay slot overflows a u32")?;

	// A block that scheduled a code upgrade gets the relay chain's go-ahead in the next block,
	// so `set_code` works without a relay chain.
	let upgrade_go_ahead = client
		.runtime_api()
		.collect_collation_info(parent, &parent_header)?
		.new_validation_code
		.map(|_| {
			log::info!("Code upgrade pending: the mocked relay chain gives its go-ahead");
			UpgradeGoAhead::GoAhead
		});

	let validation_data = MockValidationDataInherentDataProvider::<()> {
		current_para_block: para_block,
		para_id,
		current_para_block_head: Some(HeadData(parent_header.encode())),
		// The mock derives the relay block and slot as `relay_offset + para_block`.
		relay_offset: relay_block.saturating_sub(para_block),
		relay_blocks_per_para_block: 1,
		relay_parent_offset: client.runtime_api().relay_parent_offset(parent)?,
		para_blocks_per_relay_epoch: 10,
		xcm_config: MockXcmConfig::new(client, parent, Default::default()),
		upgrade_go_ahead,
		..Default::default()
	};
	Ok((sp_timestamp::InherentDataProvider::new(timestamp), validation_data))
}

/// `Timestamp::Now` at `block`, or `None` at genesis.
fn parent_timestamp(
	client: &ParachainClient,
	block: Hash,
) -> Result<Option<u64>, Box<dyn std::error::Error + Send + Sync>> {
	let key = pallet_timestamp::Now::<healthchain_runtime::Runtime>::hashed_key().to_vec();
	let Some(raw) = client.storage(block, &sc_client_api::StorageKey(key))? else {
		return Ok(None);
	};
	let now = u64::decode(&mut &raw.0[..])?;
	Ok((now > 0).then_some(now))
}

/// Starts a parachain node against a relay chain; a collator when `--collator` is given.
pub async fn start_parachain_node(
	parachain_config: Configuration,
	polkadot_config: Configuration,
	collator_options: CollatorOptions,
	hwbench: Option<sc_sysinfo::HwBench>,
	max_pov_percentage: Option<u32>,
) -> Result<TaskManager, sc_service::Error> {
	with_network_backend!(
		parachain_config.network.network_backend,
		start_parachain_node_with(
			parachain_config,
			polkadot_config,
			collator_options,
			hwbench,
			max_pov_percentage
		)
	)
}

async fn start_parachain_node_with<Net: NetworkBackend<Block, Hash>>(
	parachain_config: Configuration,
	polkadot_config: Configuration,
	collator_options: CollatorOptions,
	hwbench: Option<sc_sysinfo::HwBench>,
	max_pov_percentage: Option<u32>,
) -> Result<TaskManager, sc_service::Error> {
	let parachain_config = prepare_node_config(parachain_config);

	let params = new_partial(&parachain_config)?;
	let (block_import, mut telemetry, telemetry_worker_handle) = params.other;
	let client = params.client.clone();
	let backend = params.backend.clone();
	let mut task_manager = params.task_manager;

	let para_id = parachain_id(&client)?;
	let relay_chain_fork_id = polkadot_config.chain_spec.fork_id().map(ToString::to_string);
	let parachain_fork_id = parachain_config.chain_spec.fork_id().map(ToString::to_string);
	let parachain_public_addresses = parachain_config.network.public_addresses.clone();
	let advertise_non_global_ips = parachain_config.network.allow_non_globals_in_dht;

	let (relay_chain_interface, collator_key, relay_chain_network, paranode_rx) =
		build_relay_chain_interface(
			polkadot_config,
			&parachain_config,
			telemetry_worker_handle,
			&mut task_manager,
			collator_options.clone(),
			hwbench.clone(),
		)
		.await
		.map_err(|e| sc_service::Error::Application(Box::new(e)))?;

	let validator = parachain_config.role.is_authority();
	let prometheus_registry = parachain_config.prometheus_registry().cloned();
	let transaction_pool = params.transaction_pool.clone();
	let import_queue_service = params.import_queue.service();
	let net_config = FullNetworkConfiguration::<_, _, Net>::new(
		&parachain_config.network,
		prometheus_registry.clone(),
	);
	let metrics = Net::register_notification_metrics(prometheus_registry.as_ref());

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		build_network(BuildNetworkParams {
			parachain_config: &parachain_config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			para_id,
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			relay_chain_interface: relay_chain_interface.clone(),
			import_queue: params.import_queue,
			metrics,
			gap_sync_body_policy: None,
		})
		.await?;

	let rpc_builder = rpc_builder(client.clone(), transaction_pool.clone(), None);

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		rpc_builder,
		client: client.clone(),
		transaction_pool: transaction_pool.clone(),
		task_manager: &mut task_manager,
		config: parachain_config,
		keystore: params.keystore_container.keystore(),
		backend: backend.clone(),
		network: network.clone(),
		sync_service: sync_service.clone(),
		system_rpc_tx,
		tx_handler_controller,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: Some(Arc::new(ParachainTracingExecuteBlock::new(client.clone()))),
	})?;

	if let Some(hwbench) = hwbench {
		sc_sysinfo::print_hwbench(&hwbench);
		if validator {
			if let Err(err) =
				frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.check_hardware(&hwbench, false)
			{
				log::warn!(
					"⚠️  This machine does not meet the reference hardware for collators: {err}"
				);
			}
		}
		if let Some(ref mut telemetry) = telemetry {
			task_manager.spawn_handle().spawn(
				"telemetry_hwbench",
				None,
				sc_sysinfo::initialize_hwbench_telemetry(telemetry.handle(), hwbench),
			);
		}
	}

	let announce_block = {
		let sync_service = sync_service.clone();
		Arc::new(move |hash, data| sync_service.announce_block(hash, data))
	};

	let overseer_handle = relay_chain_interface
		.overseer_handle()
		.map_err(|e| sc_service::Error::Application(Box::new(e)))?;

	start_relay_chain_tasks(StartRelayChainTasksParams {
		client: client.clone(),
		announce_block: announce_block.clone(),
		para_id,
		relay_chain_interface: relay_chain_interface.clone(),
		task_manager: &mut task_manager,
		da_recovery_profile: if validator {
			DARecoveryProfile::Collator
		} else {
			DARecoveryProfile::FullNode
		},
		import_queue: import_queue_service,
		relay_chain_slot_duration: RELAY_CHAIN_SLOT_DURATION,
		recovery_handle: Box::new(overseer_handle.clone()),
		sync_service: sync_service.clone(),
		prometheus_registry: prometheus_registry.as_ref(),
	})?;

	cumulus_client_bootnodes::start_bootnode_tasks(
		cumulus_client_bootnodes::StartBootnodeTasksParams {
			embedded_dht_bootnode: collator_options.embedded_dht_bootnode,
			dht_bootnode_discovery: collator_options.dht_bootnode_discovery,
			para_id,
			task_manager: &mut task_manager,
			relay_chain_interface: relay_chain_interface.clone(),
			relay_chain_fork_id,
			relay_chain_network: relay_chain_network.clone(),
			request_receiver: paranode_rx,
			parachain_network: network.clone(),
			advertise_non_global_ips,
			parachain_genesis_hash: client.chain_info().genesis_hash.encode(),
			parachain_fork_id,
			parachain_public_addresses,
		},
	);

	if validator {
		let collator_key = collator_key.ok_or_else(|| {
			sc_service::Error::Other("a collator needs the relay chain's collator key".into())
		})?;
		let proposer = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool,
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|t| t.handle()),
		);
		let collator_service = CollatorService::new(client.clone(), announce_block, client.clone());
		let code_client = client.clone();
		let params = AuraParams {
			create_inherent_data_providers: move |_, ()| async move { Ok(()) },
			block_import,
			para_client: client.clone(),
			para_backend: backend,
			relay_client: relay_chain_interface,
			code_hash_provider: move |block_hash| {
				code_client.code_at(block_hash).ok().map(|c| ValidationCode::from(c).hash())
			},
			keystore: params.keystore_container.keystore(),
			collator_key,
			collator_peer_id: relay_chain_network.local_peer_id(),
			para_id,
			overseer_handle,
			relay_chain_slot_duration: RELAY_CHAIN_SLOT_DURATION,
			proposer,
			collator_service,
			// Leave a third of the 6 s slot for the block to reach the relay chain.
			authoring_duration: Duration::from_millis(2000),
			reinitialize: false,
			max_pov_percentage,
		};
		let collator = aura::run::<Block, AuraPair, _, _, _, _, _, _, _, _>(params);
		task_manager.spawn_essential_handle().spawn("aura", None, collator);
	}

	Ok(task_manager)
}
