// The node's command line: exports, persistence across restarts, purge-chain. Bad input is
// covered by node/tests/cli.rs.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  UNIT,
  bestNumber,
  connect,
  devAccounts,
  freeBalance,
  removeDir,
  runCli,
  startDevNode,
  stopNode,
  submitAndWatch,
  tempDir,
  waitForHeight,
} from './lib/node.js';

/** The dev chain's database under a base path. */
const databaseDir = (basePath) => join(basePath, 'chains', 'healthchain_dev', 'db');

describe('healthchain-node command line', () => {
  test('export-genesis-head prints the genesis head data', () => {
    const { status, stdout, stderr } = runCli(['export-genesis-head', '--chain', 'dev']);
    assert.equal(status, 0, stderr);
    assert.match(stdout.trim(), /^0x[0-9a-f]{100,}$/);
  });

  test('export-genesis-wasm prints the compressed runtime code', () => {
    const { status, stdout, stderr } = runCli(['export-genesis-wasm', '--chain', 'dev']);
    assert.equal(status, 0, stderr);
    const hex = stdout.trim();
    assert.match(hex, /^0x[0-9a-f]+$/);
    // zstd-compressed Substrate code starts with its magic prefix.
    assert.ok(hex.startsWith('0x52bc537646db8e05'), `prefix: ${hex.slice(0, 18)}`);
    // Below the relay chain's validation-code limit.
    assert.ok((hex.length - 2) / 2 < 2 * 1024 * 1024);
  });

  test('build-spec writes a chain spec for the built-in chains', () => {
    const { status, stdout, stderr } = runCli(['build-spec', '--chain', 'local']);
    assert.equal(status, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, 'healthchain_local_testnet');
    assert.equal(spec.para_id ?? spec.paraId, 2000);
    assert.equal(spec.properties.tokenSymbol, 'HLTH');
  });
});

describe('a dev chain with --base-path', () => {
  let basePath;
  let accounts;

  before(async () => {
    basePath = tempDir();
    accounts = await devAccounts();
  });

  after(() => removeDir(basePath));

  /** Starts the node on `basePath` and returns it with a connected API. */
  async function start() {
    const node = await startDevNode({ basePath });
    return { node, api: await connect(node) };
  }

  async function chainState(api) {
    return { height: await bestNumber(api), bob: await freeBalance(api, accounts.bob.address) };
  }

  test('keeps its chain across a clean stop (SIGINT) and a kill (SIGKILL), and purge-chain removes it', async () => {
    // First run: some blocks and a transfer.
    let { node, api } = await start();
    await waitForHeight(api, 2, node);
    const { dispatchError } = await submitAndWatch(
      api.tx.balances.transferKeepAlive(accounts.bob.address, 7n * UNIT),
      accounts.alice,
      node,
    );
    assert.equal(dispatchError, undefined);
    const beforeStop = await chainState(api);
    await api.disconnect();
    const stopped = await stopNode(node, 'SIGINT');
    assert.equal(stopped.code, 0, `clean exit on SIGINT\n${node.output}`);
    assert.ok(existsSync(databaseDir(basePath)), 'the database is on disk');

    // Second run: the chain is still there, and grows.
    ({ node, api } = await start());
    const afterRestart = await chainState(api);
    assert.ok(afterRestart.height >= beforeStop.height, `height ${afterRestart.height} >= ${beforeStop.height}`);
    assert.equal(afterRestart.bob, beforeStop.bob, "Bob's balance survives a restart");
    await waitForHeight(api, afterRestart.height + 2, node);
    const beforeKill = await chainState(api);
    await api.disconnect();
    const killed = await stopNode(node, 'SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');

    // Third run, after the kill: nothing the node had reported is lost.
    ({ node, api } = await start());
    const afterKill = await chainState(api);
    assert.ok(afterKill.height >= beforeKill.height, `height ${afterKill.height} >= ${beforeKill.height}`);
    assert.equal(afterKill.bob, beforeStop.bob, "Bob's balance survives a kill");
    await waitForHeight(api, afterKill.height + 1, node);
    await api.disconnect();
    assert.equal((await stopNode(node, 'SIGINT')).code, 0);

    // purge-chain removes the database; the next start begins at genesis again.
    const purge = runCli(['purge-chain', '--dev', '--base-path', basePath, '-y']);
    assert.equal(purge.status, 0, purge.stderr);
    assert.ok(!existsSync(databaseDir(basePath)), 'the database is gone');

    ({ node, api } = await start());
    const fresh = await chainState(api);
    assert.ok(fresh.height < afterKill.height, `a purged chain starts over (height ${fresh.height})`);
    assert.equal(fresh.bob, 1_000_000n * UNIT, "Bob is back to the genesis endowment");
    await api.disconnect();
    assert.equal((await stopNode(node, 'SIGINT')).code, 0);
  });
});
