// Crash safety of the node: SIGKILL in the middle of block production while signed extrinsics
// flow, five times, on one base path; then a clean SIGINT stop; then the chain exported with
// `export-blocks` imports into a fresh base path and exports again identically. Prints its
// counts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/api';

import {
  BLOCK_TIME_MS,
  UNIT,
  connect,
  devAccounts,
  freeBalance,
  removeDir,
  runCli,
  startDevNode,
  stopNode,
  tempDir,
  waitFor,
  waitForHeight,
} from './lib/node.js';

const ROUNDS = 5;

describe('crash safety', () => {
  let accounts;
  let recipient;
  const dirs = [];

  before(async () => {
    accounts = await devAccounts();
    recipient = new Keyring({ type: 'sr25519' }).addFromUri('//CrashRecipient');
  });

  after(() => dirs.forEach(removeDir));

  /** Sends `count` transfers to the recipient from each sender, not waiting; finalized ones go to `seen`. */
  async function flow(api, senders, count, seen) {
    for (const sender of senders) {
      let nonce = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
      for (let i = 0; i < count; i += 1) {
        const amount = UNIT + BigInt(seen.length + i);
        const tx = api.tx.balances.transferKeepAlive(recipient.address, amount);
        await tx.signAndSend(sender, { nonce }, ({ status }) => {
          if (status.isFinalized) seen.push({ block: status.asFinalized.toHex(), tx: tx.hash.toHex(), amount });
        });
        nonce += 1;
      }
    }
  }

  /** Every transfer in `seen` is in its finalized block, which is canonical, and its funds are there. */
  async function assertKept(api, seen) {
    for (const { block, tx } of seen) {
      const { block: body } = await api.rpc.chain.getBlock(block);
      assert.ok(body.extrinsics.some((x) => x.hash.toHex() === tx), `${tx} is still in ${block}`);
      const canonical = await api.rpc.chain.getBlockHash(body.header.number);
      assert.equal(canonical.toHex(), block, `block #${body.header.number} is still canonical`);
    }
    const total = seen.reduce((sum, { amount }) => sum + amount, 0n);
    assert.ok((await freeBalance(api, recipient.address)) >= total, 'every finalized transfer is in the state');
  }

  test(`${ROUNDS} SIGKILLs while extrinsics flow lose nothing finalized; SIGINT; export and import`, async () => {
    const basePath = tempDir();
    dirs.push(basePath);
    const { alice, bob, charlie, dave } = accounts;
    const senders = [alice, bob, charlie, dave];
    const seen = [];
    let node = await startDevNode({ basePath });
    let api = await connect(node);
    let submitted = 0;

    for (let round = 1; round <= ROUNDS; round += 1) {
      const before = seen.length;
      await flow(api, senders, 2, seen);
      submitted += 2 * senders.length;
      await waitFor(async () => seen.length >= before + senders.length, `round ${round}: transfers finalized`, node);
      // More in flight, and the kill lands somewhere inside a block interval.
      await flow(api, senders, 2, seen);
      submitted += 2 * senders.length;
      await sleep(Math.floor(Math.random() * BLOCK_TIME_MS));
      const killed = await stopNode(node, 'SIGKILL');
      assert.equal(killed.signal, 'SIGKILL');
      await api.disconnect();

      node = await startDevNode({ basePath });
      api = await connect(node);
      await assertKept(api, seen);
      const height = (await api.rpc.chain.getHeader()).number.toNumber();
      await waitForHeight(api, height + 2, node);
    }
    console.log(
      `crash safety: ${ROUNDS} SIGKILLs, ${submitted} transfers submitted, ${seen.length} reported finalized, all ${seen.length} kept`,
    );

    // A clean stop (SIGINT; cli.test.js restarts after one too), then the exported chain
    // imports into a fresh base path and exports again identically: the same blocks, each of
    // whose hashes commits to its state root, which the import recomputed by executing them.
    const last = (await api.rpc.chain.getFinalizedHead()).toHex();
    const lastNumber = (await api.rpc.chain.getHeader(last)).number.toNumber();
    await api.disconnect();
    assert.equal((await stopNode(node, 'SIGINT')).code, 0, `clean exit on SIGINT\n${node.output}`);
    const original = `${basePath}/blocks.json`;
    const exported = runCli(['export-blocks', '--dev', '--base-path', basePath, original]);
    assert.equal(exported.status, 0, exported.stderr);
    const fresh = tempDir();
    dirs.push(fresh);
    const imported = runCli(['import-blocks', '--dev', '--base-path', fresh, original]);
    assert.equal(imported.status, 0, imported.stderr);
    const count = Number(imported.stderr.match(/Imported (\d+) blocks/)?.[1]);
    assert.ok(count >= lastNumber, `imported ${count} blocks, the chain had ${lastNumber} finalized`);
    const again = `${fresh}/blocks.json`;
    const reexported = runCli(['export-blocks', '--dev', '--base-path', fresh, again]);
    assert.equal(reexported.status, 0, reexported.stderr);
    const blocks = (file) => readFileSync(file, 'utf8');
    assert.equal(blocks(again), blocks(original), 'the imported chain is the exported one');
    console.log(`export and import: ${count} blocks, identical after the round trip`);
  });
});
