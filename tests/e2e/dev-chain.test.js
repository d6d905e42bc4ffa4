// The dev chain as a dApp sees it: blocks, metadata, a signed transfer, a runtime upgrade.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  UNIT,
  bestNumber,
  connect,
  devAccounts,
  freeBalance,
  startDevNode,
  stopNode,
  submitAndWatch,
  waitFor,
  waitForHeight,
} from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';

describe('healthchain-node --dev', () => {
  let node;
  let api;
  let accounts;

  /** The wall-clock time just before the node started. */
  let startedAt;

  before(async () => {
    accounts = await devAccounts();
    startedAt = Date.now();
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
  });

  after(async () => {
    await api?.disconnect();
    if (node) {
      const { code } = await stopNode(node, 'SIGINT');
      assert.equal(code, 0, `the node should exit cleanly on SIGINT\n${node.output}`);
    }
  });

  test('produces and finalizes blocks on its own', async () => {
    const start = await bestNumber(api);
    await waitForHeight(api, start + 2, node);
    // Finality trails the best block by one block: each block is finalized when the next is
    // sealed.
    const finalizedNumber = async () =>
      (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    assert.ok((await finalizedNumber()) >= start + 1, 'dev blocks are finalized');
    const best = await bestNumber(api);
    await waitForHeight(api, best + 1, node);
    assert.ok((await finalizedNumber()) >= best, 'a block is final once the next is sealed');
  });

  test('serves the Healthchain runtime and its metadata', async () => {
    const version = api.runtimeVersion;
    assert.equal(version.specName.toString(), 'healthchain');
    assert.equal(api.runtimeMetadata.version >= 14, true);

    const metadataVersions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
    assert.ok(metadataVersions.includes(16), `metadata v16 is served (got ${metadataVersions})`);

    for (const pallet of [
      'system', 'parachainSystem', 'timestamp', 'parachainInfo', 'balances', 'transactionPayment',
      'sudo', 'healthAuthority', 'healthAuthorityMembership', 'collatorSelection', 'session',
      'aura', 'auraExt', 'xcmpQueue', 'polkadotXcm', 'messageQueue', 'utility', 'proxy',
      'organizations', 'consent',
    ]) {
      assert.ok(api.query[pallet] || api.tx[pallet], `pallet ${pallet} is in the metadata`);
    }
    const extensions = api.registry.signedExtensions;
    assert.ok(extensions.includes('CheckMetadataHash'), `extensions: ${extensions}`);

    const properties = await api.rpc.system.properties();
    assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'HLTH');
    assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 12);
  });

  test('has the development genesis: sudo, council, collator', async () => {
    const { alice, bob, charlie } = accounts;
    assert.equal((await api.query.sudo.key()).unwrap().toString(), alice.address);
    const council = (await api.query.healthAuthority.members()).map((m) => m.toString()).sort();
    assert.deepEqual(council, [alice.address, bob.address, charlie.address].sort());
    const invulnerables = (await api.query.collatorSelection.invulnerables()).map((m) => m.toString());
    assert.deepEqual(invulnerables, [alice.address]);
  });

  test('exposes the System, TransactionPayment and manual-seal RPC methods', async () => {
    const { methods } = await api.rpc.rpc.methods();
    const names = methods.map((m) => m.toString());
    for (const method of ['system_accountNextIndex', 'payment_queryInfo', 'engine_createBlock']) {
      assert.ok(names.includes(method), `${method} is served`);
    }
  });

  test('includes a signed transfer from Alice to Bob', async () => {
    const { alice, bob } = accounts;
    const amount = 12n * UNIT;
    const aliceBefore = await freeBalance(api, alice.address);
    const bobBefore = await freeBalance(api, bob.address);

    const { blockHash, events, dispatchError } = await submitAndWatch(
      api.tx.balances.transferKeepAlive(bob.address, amount),
      alice,
      node,
    );
    assert.equal(dispatchError, undefined);

    const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.ok(transfer, 'a Balances.Transfer event is emitted');
    const [from, to, value] = transfer.event.data;
    assert.equal(from.toString(), alice.address);
    assert.equal(to.toString(), bob.address);
    assert.equal(value.toBigInt(), amount);

    const feePaid = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.ok(feePaid, 'a TransactionPayment.TransactionFeePaid event is emitted');
    const fee = feePaid.event.data.actualFee.toBigInt();
    assert.ok(fee > 0n, 'the transfer pays a fee');
    assert.ok(
      events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)),
      'System.ExtrinsicSuccess is emitted',
    );

    const at = await api.at(blockHash);
    assert.equal((await at.query.system.account(bob.address)).data.free.toBigInt(), bobBefore + amount);
    assert.equal(
      (await at.query.system.account(alice.address)).data.free.toBigInt(),
      aliceBefore - amount - fee,
    );
  });

  test('has sealed its first block, on the wall clock, before its RPC server answers', async () => {
    // The first RPC answer the suite got came after start-up: the chain already had block 1.
    const firstHeader = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(1));
    assert.equal(firstHeader.number.toNumber(), 1);
    const firstTime = (await (await api.at(firstHeader.hash)).query.timestamp.now()).toNumber();
    // A dev block's time is the start of its 6-second relay slot.
    assert.ok(firstTime >= startedAt - 6_000, `block 1 is at ${firstTime}, the node started at ${startedAt}`);
  });

  test("reports a transaction InBlock, then Finalized in the same block, as a live chain does", async () => {
    const { alice, charlie } = accounts;
    const statuses = [];
    await new Promise((resolve, reject) => {
      api.tx.balances
        .transferKeepAlive(charlie.address, UNIT)
        .signAndSend(alice, ({ status }) => {
          statuses.push(status);
          if (status.isFinalized) resolve();
          if (status.isDropped || status.isInvalid || status.isUsurped) reject(new Error(status.type));
        })
        .catch(reject);
    });
    const types = statuses.map((status) => status.type);
    const inBlock = types.indexOf('InBlock');
    assert.ok(inBlock >= 0, `InBlock is reported: ${types.join(' -> ')}`);
    assert.ok(inBlock < types.indexOf('Finalized'), `InBlock comes before Finalized: ${types.join(' -> ')}`);
    assert.equal(statuses[inBlock].asInBlock.toHex(), statuses.at(-1).asFinalized.toHex());
  });

  test('moves its clock forward with dev_advanceTime, and refuses bad amounts', async () => {
    const DAY = 86_400_000;
    const before = (await api.query.timestamp.now()).toNumber();
    const offset = (await api.rpc.dev.advanceTime(DAY)).toNumber();
    assert.ok(offset >= DAY, `offset ${offset}`);
    await waitFor(async () => (await api.query.timestamp.now()).toNumber() >= before + DAY, 'a block a day later', node);
    // Blocks keep coming after the jump, and the clock does not go back.
    const jumped = (await api.query.timestamp.now()).toNumber();
    await waitForHeight(api, (await bestNumber(api)) + 2, node);
    assert.ok((await api.query.timestamp.now()).toNumber() > jumped);

    for (const bad of [0, 11 * 366 * DAY]) {
      const response = await fetch(node.url.replace('ws://', 'http://'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_advanceTime', params: [bad] }),
      });
      const { error } = await response.json();
      assert.equal(error?.code, -32602, `dev_advanceTime(${bad}) is refused`);
    }
  });

  test('applies a runtime upgrade through sudo and set_code', async () => {
    const { alice } = accounts;
    const code = (await api.rpc.state.getStorage(':code')).unwrap();
    const before = await api.rpc.state.getRuntimeVersion();

    // `set_code` refuses the same spec version; `set_code_without_checks` exercises the same
    // parachain upgrade path (schedule, relay go-ahead, apply) with the code at hand.
    const { events, dispatchError } = await submitAndWatch(
      api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCodeWithoutChecks(code), { refTime: 0, proofSize: 0 }),
      alice,
      node,
    );
    assert.equal(dispatchError, undefined);
    const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
    assert.ok(sudid?.event.data.sudoResult.isOk, 'the sudo call succeeds');
    assert.ok(
      events.some(({ event }) => api.events.parachainSystem.ValidationFunctionStored.is(event)),
      'the upgrade is scheduled (ValidationFunctionStored)',
    );

    // The mocked relay chain gives its go-ahead in a following block.
    let applied;
    const unsubscribe = await api.query.system.events((records) => {
      for (const { event } of records) {
        if (api.events.parachainSystem.ValidationFunctionApplied.is(event)) applied = event;
      }
    });
    try {
      await waitFor(async () => applied !== undefined, 'ParachainSystem.ValidationFunctionApplied', node);
    } finally {
      unsubscribe();
    }
    const after = await api.rpc.state.getRuntimeVersion();
    assert.equal(after.specVersion.toNumber(), before.specVersion.toNumber());
    // Blocks keep coming on the upgraded code.
    await waitForHeight(api, (await bestNumber(api)) + 2, node);
  });
});

describe('healthchain-node --dev --rpc-methods safe', () => {
  test('refuses the unsafe engine_* and dev_* methods, and serves the rest', async () => {
    const node = await startDevNode({ args: ['--rpc-methods', 'safe'] });
    try {
      const call = async (method, params) => {
        const response = await fetch(node.url.replace('ws://', 'http://'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        });
        return response.json();
      };
      for (const [method, params] of [
        ['engine_createBlock', [true, true, null]],
        ['engine_finalizeBlock', ['0x' + '00'.repeat(32), null]],
        ['dev_advanceTime', [1000]],
      ]) {
        const { error, result } = await call(method, params);
        assert.equal(result, undefined, `${method} did nothing`);
        assert.equal(error?.code, -32601, `${method} is refused: ${JSON.stringify(error)}`);
        assert.match(error.message, /unsafe/);
      }
      const { result } = await call('chain_getHeader', []);
      assert.ok(result?.number, 'a safe method answers');
    } finally {
      await stopNode(node, 'SIGINT');
    }
  });
});
