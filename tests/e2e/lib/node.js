// Starting, talking to and stopping a real `healthchain-node` process.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The binary under test: `$HEALTHCHAIN_NODE`, or the debug build in the shared target dir. */
export const NODE_BINARY =
  process.env.HEALTHCHAIN_NODE ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/healthchain/target'), 'debug/healthchain-node');

/** Block time used by the tests: short, so the suite is quick. */
export const BLOCK_TIME_MS = 1000;

/** One HLTH, in plancks (12 decimals). */
export const UNIT = 1_000_000_000_000n;

/** How long any wait may take before the test fails with a clear message. */
const WAIT_LIMIT_MS = 120_000;

/** The nodes and API clients a test file started and has not stopped yet. */
const running = { nodes: new Set(), apis: new Set() };

// Whatever a failing test left behind is stopped when its file ends, so that one failure
// cannot keep the suite waiting on a live node or a reconnecting client. Registered only in a
// test file: in a benchmark script (tests/e2e/bench), a node:test hook would start the test
// runner and print an empty test report; the scripts stop what they start themselves.
const inTestFile = process.env.NODE_TEST_CONTEXT !== undefined || /\.test\.m?js$/.test(process.argv[1] ?? '');
if (inTestFile) {
  after(async () => {
    // Disconnecting a client that is already disconnected does nothing.
    for (const api of running.apis) await api.disconnect().catch(() => {});
    for (const node of running.nodes) await stopNode(node, 'SIGKILL').catch(() => {});
  });
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** A fresh temporary directory; removed by `removeDir`. */
export function tempDir(prefix = 'healthchain-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the binary to completion (for subcommands) and returns its status and output. */
export function runCli(args, { timeoutMs = WAIT_LIMIT_MS } = {}) {
  // The wasm and chain-spec exports are megabytes of hex.
  const result = spawnSync(NODE_BINARY, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The development chain spec in raw form, built once per node binary and kept in the temporary
 * directory. A node started from it skips building the genesis state in the runtime, which a
 * debug node takes seconds over at every start; the state, and so the genesis hash, are the
 * same as `--chain dev`'s.
 */
export function devChainSpec() {
  const { size, mtimeMs } = statSync(NODE_BINARY);
  const id = createHash('sha256').update(`${NODE_BINARY}:${size}:${mtimeMs}`).digest('hex').slice(0, 16);
  const prefix = 'healthchain-dev-raw-';
  const path = join(tmpdir(), `${prefix}${id}.json`);
  if (existsSync(path)) return path;
  const { status, stdout, stderr } = runCli(['build-spec', '--chain', 'dev', '--raw']);
  if (status !== 0) throw new Error(`build-spec --chain dev --raw failed (${status}):\n${stderr}`);
  // Written whole, then renamed: a test file running at the same time never reads half of it.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, stdout);
  renameSync(partial, path);
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(prefix) && name.endsWith('.json') && join(tmpdir(), name) !== path) rmSync(join(tmpdir(), name), { force: true });
  }
  return path;
}

/**
 * Starts `healthchain-node --dev` (from `devChainSpec()`) on free ports (the RPC on `rpcPort` if given), with `--tmp`
 * unless a base path is given. Resolves once the RPC server answers. With `prometheus`, the
 * node serves its metrics at `node.metricsUrl`. `blockTimeMs` overrides the suite's short block
 * time (benchmarks use longer, fuller blocks).
 */
export async function startDevNode({
  basePath,
  args = [],
  rpcPort: port,
  prometheus = false,
  blockTimeMs = BLOCK_TIME_MS,
} = {}) {
  const rpcPort = port ?? (await freePort());
  const p2pPort = await freePort();
  const metricsPort = prometheus ? await freePort() : undefined;
  const nodeArgs = [
    '--dev',
    '--chain', devChainSpec(),
    '--dev-block-time', String(blockTimeMs),
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    ...(prometheus ? ['--prometheus-port', String(metricsPort)] : ['--no-prometheus']),
    '--no-telemetry',
    ...(basePath ? ['--base-path', basePath] : ['--tmp']),
    ...args,
  ];
  const child = spawn(NODE_BINARY, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  const node = { child, rpcPort, url: `ws://127.0.0.1:${rpcPort}`, output: '' };
  if (prometheus) node.metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  running.nodes.add(node);
  const keep = (chunk) => {
    // Keep the tail of the log for failure messages.
    node.output = (node.output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  node.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));

  await waitFor(async () => {
    if (child.exitCode !== null) {
      throw new Error(`healthchain-node exited early (${child.exitCode}):\n${node.output}`);
    }
    return rpcAnswers(node.url);
  }, `the RPC server of ${node.url}`, node);
  return node;
}

/** Stops the node with `signal` and resolves with its exit code and signal. */
export async function stopNode(node, signal = 'SIGINT') {
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill(signal);
  const exit = await withTimeout(node.exited, `healthchain-node to exit after ${signal}`, node);
  running.nodes.delete(node);
  return exit;
}

/**
 * An API client of `node` with no custom types: everything comes from the metadata. `rpc`
 * declares custom JSON-RPC methods (see `lib/rpc.js`).
 */
export async function connect(node, { rpc } = {}) {
  const api = await ApiPromise.create({
    provider: new WsProvider(node.url),
    noInitWarn: false,
    throwOnConnect: true,
    rpc,
  });
  await api.isReady;
  running.apis.add(api);
  return api;
}

/** The dev keyring accounts (Alice, Bob, ...). */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    charlie: keyring.addFromUri('//Charlie'),
    dave: keyring.addFromUri('//Dave'),
    eve: keyring.addFromUri('//Eve'),
    ferdie: keyring.addFromUri('//Ferdie'),
    // The demo actors of the development genesis (docs/demo-accounts.md).
    hospital: keyring.addFromUri('//Hospital'),
    clinician: keyring.addFromUri('//Clinician'),
    sponsor: keyring.addFromUri('//Sponsor'),
    investigator: keyring.addFromUri('//Investigator'),
    manufacturer: keyring.addFromUri('//Manufacturer'),
    distributor: keyring.addFromUri('//Distributor'),
    pharmacy: keyring.addFromUri('//Pharmacy'),
    regulator: keyring.addFromUri('//Regulator'),
    patient: keyring.addFromUri('//Patient'),
    guardian: keyring.addFromUri('//Guardian'),
  };
}

/** The best block number. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Waits until the best block number reaches `target`. */
export async function waitForHeight(api, target, node) {
  return waitFor(async () => (await bestNumber(api)) >= target, `block #${target}`, node);
}

/** Free balance of `address`, as a bigint. */
export async function freeBalance(api, address) {
  return (await api.query.system.account(address)).data.free.toBigInt();
}

/**
 * Signs and submits `tx`, resolves when it is in a block with the block hash and the events
 * of the extrinsic. Rejects if it is dropped or invalid, or not included in time.
 */
export function submitAndWatch(tx, signer, node) {
  const inclusion = new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock) {
        unsubscribe();
        resolve({ blockHash: status.asInBlock, events, dispatchError });
      } else if (status.isFinalized) {
        // As on a live chain, a transaction is reported in its block before it is final.
        unsubscribe();
        reject(new Error('the transaction was reported Finalized without InBlock first'));
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
      }
    })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });
  return withTimeout(inclusion, 'the transaction to be included', node);
}

/** Waits until the block `blockHash` is finalized. */
export async function waitForFinalized(api, blockHash, node) {
  const { number } = await api.rpc.chain.getHeader(blockHash);
  return waitFor(async () => {
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    return finalized.number.toNumber() >= number.toNumber();
  }, `block #${number} to be finalized`, node);
}

/** Polls `check` until it returns true; fails after `limitMs` with the node's log. */
export async function waitFor(check, what, node, limitMs = WAIT_LIMIT_MS) {
  const deadline = Date.now() + limitMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
      if (/exited early/.test(error.message)) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}` +
      (node ? `\n--- node log ---\n${node.output}` : ''),
  );
}

async function withTimeout(promise, what, node) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${what}\n--- node log ---\n${node?.output ?? ''}`)),
      WAIT_LIMIT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when a JSON-RPC call over HTTP on the WebSocket port succeeds. */
async function rpcAnswers(url) {
  const response = await fetch(url.replace('ws://', 'http://'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
  });
  return response.ok;
}
