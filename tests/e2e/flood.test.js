// A flood: 20,000 valid extrinsics and 5,000 invalid ones submitted at once over raw JSON-RPC,
// with 200 untipped consent revocations among them. The node keeps producing blocks, its pool
// stays within its limits, every invalid extrinsic is refused at submission, every valid one
// ends included, or refused or dropped with a reason, and the revocations, safety calls, go
// ahead of the flood; the chain's state agrees. Then far-future nonces, which are not invalid, wait in the
// bounded future queue. Prints its counts.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/api';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';

import {
  UNIT,
  bestNumber,
  connect,
  devAccounts,
  startDevNode,
  stopNode,
  submitAndWatch,
  waitFor,
  waitForHeight,
} from './lib/node.js';
import {
  chainOf,
  checkEncoder,
  ed25519Key,
  encodeSigned,
  rawProvider as rawProviderOf,
  signatureAt,
  sr25519Signer,
} from './lib/extrinsics.js';

const TRANSFERS = 18_000;
const GRANTS = 2_000;
const VALID = TRANSFERS + GRANTS;
/** The last grants carry a tip, which should put them ahead of the flood. */
const TIPPED = 200;
const TIP = UNIT / 1000n;
/**
 * Patients who granted consent before the flood and revoke it during it, untipped: a safety
 * call, which the runtime ranks above every other transaction (runtime/src/configs/safety.rs).
 */
const REVOCATIONS = 200;
const INVALID_KINDS = ['bad signature', 'stale nonce', 'refused call', 'cannot pay', 'undecodable'];
const PER_INVALID_KIND = 1_000;
/** The pool's limits, given explicitly (they are sc-cli's defaults). */
const POOL_LIMIT = 8192;
const POOL_KBYTES = 20480;
/** sc-transaction-pool: the future queue gets a tenth of the limits, the mempool both queues'. */
const FUTURE_LIMIT = Math.floor(POOL_LIMIT / 10);
const MEMPOOL_LIMIT = POOL_LIMIT + FUTURE_LIMIT;
/** A pool with fewer ready extrinsics than this (1% of the limit) is nearly empty. */
const NEARLY_EMPTY = Math.round(POOL_LIMIT / 100);
/** Connections the flood is spread over: the RPC server allows 1,024 subscriptions on each. */
const CONNECTIONS = 25;
const FUNDING = UNIT;
const AMOUNT = UNIT / 100n;
const RECIPIENTS = 10;
/** Far-future nonces of the second test. */
const FUTURES = 1_000;
/** How long the flood may take to end before the test fails (it takes about 75 s). */
const FLOOD_LIMIT_MS = 600_000;
/**
 * The fork-aware pool can leave a watcher without its last event (seen once, upstream and not
 * explained): once the pool is empty and no watcher has ended for this long, the ones still open
 * are judged by the chain instead.
 */
const SETTLED_MS = 60_000;

const HLTH = (plancks) => (Number(plancks) / Number(UNIT)).toFixed(6);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

describe('flood', () => {
  let node;
  let api;
  let accounts;
  let chain;

  before(async () => {
    accounts = await devAccounts();
    node = await startDevNode({
      prometheus: true,
      args: ['--pool-limit', String(POOL_LIMIT), '--pool-kbytes', String(POOL_KBYTES)],
    });
    api = await connect(node);
    chain = chainOf(api);
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node, 'SIGINT');
  });

  test('20,000 valid and 5,000 invalid extrinsics at once', { timeout: 900_000 }, async () => {
    const started = Date.now();
    const funders = Object.values(accounts);
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) =>
      new Keyring({ type: 'sr25519' }).addFromUri(`//FloodRecipient${i}`),
    );

    // Ed25519 senders, signed with Node's own crypto: sr25519 in wasm takes about 1 ms a
    // signature, ed25519 here 35 µs, so 25,000 extrinsics are signed in a few seconds.
    const senders = Array.from({ length: VALID }, ed25519Key);
    const revokers = Array.from({ length: REVOCATIONS }, ed25519Key);
    const unfunded = Array.from({ length: PER_INVALID_KIND }, ed25519Key);
    assertEncoderMatchesPolkadotJs();

    // Fund the senders: one batch of transfers per dev account, all in parallel. Watched over
    // raw JSON-RPC: polkadot.js decodes the events of a block (here tens of thousands) before
    // it reports InBlock, and skips that report when Finalized comes first.
    const funded = senders.concat(revokers);
    const perFunder = Math.ceil(funded.length / funders.length);
    const transferAllowDeath = api.tx.balances.transferAllowDeath.callIndex;
    const funding = await rawProvider();
    await Promise.all(
      funders.map(async (funder, f) => {
        const calls = funded
          .slice(f * perFunder, (f + 1) * perFunder)
          .map(({ publicKey }) => u8aConcat(transferAllowDeath, [0], publicKey, compactToU8a(FUNDING)));
        const tx = await api.tx(api.createType('Call', batchAll(calls))).signAsync(funder);
        await finalized(funding, tx.toHex());
      }),
    );
    await funding.disconnect();
    const fundedInfos = await accountInfos(funded.map((s) => s.publicKey));
    assert.ok(fundedInfos.every(({ free }) => free === FUNDING), 'every sender is funded');

    // The valid extrinsics, each from its own sender at nonce 0: transfers to ten recipients
    // and consent grants to the demo hospital, the last of them with a tip.
    const keepAlive = (to, amount) => api.tx.balances.transferKeepAlive(to, amount).method.toU8a();
    const transferCalls = recipients.map((r) => keepAlive(r.address, AMOUNT));
    const scope = { wildcard: false, categories: ['LabResult'] };
    const grantCall = api.tx.consent
      .grant(accounts.hospital.address, scope, { read: true, write: false }, 'Treatment', null, null)
      .method.toU8a();

    // The revokers' grants, before the flood.
    const granting = await rawProvider();
    await Promise.all(revokers.map((revoker) => finalized(granting, encode(revoker, grantCall, 0))));
    await granting.disconnect();
    const revokerGrants = await Promise.all(
      revokers.map(async ({ publicKey }) => (await api.query.consent.consentsByPatient(publicKey)).map((id) => id.toBigInt())),
    );
    assert.ok(revokerGrants.every((ids) => ids.length === 1), 'each revoker holds one grant');
    const fundedAt = Date.now();
    const items = senders.map((sender, i) => {
      if (i < TRANSFERS) {
        const recipient = i % RECIPIENTS;
        return { kind: 'transfer', valid: true, recipient, hex: encode(sender, transferCalls[recipient], 0) };
      }
      const tipped = i >= VALID - TIPPED;
      return { kind: 'grant', tipped, valid: true, hex: encode(sender, grantCall, 0, chain, tipped ? TIP : 0n) };
    });
    const revocations = revokers.map((revoker, r) => {
      const call = api.tx.consent.revoke(revokerGrants[r][0]).method.toU8a();
      return { kind: 'revocation', valid: true, revoker: r, hex: encode(revoker, call, 1) };
    });
    items.push(...revocations);

    // The invalid ones, 1,000 of each kind.
    const otherChain = { ...chain, genesis: blake2AsU8a('another chain') };
    const remark = api.tx.system.remark('0x' + '42'.repeat(32)).method.toU8a();
    const remarkInBatch = api.tx.utility.batch([api.tx.system.remark('0x' + '43'.repeat(32))]).method.toU8a();
    const unknownPallet = u8aConcat([0xfe, 0x00], new Uint8Array(8));
    for (let i = 0; i < PER_INVALID_KIND; i += 1) {
      const sender = senders[i];
      const call = keepAlive(recipients[0].address, AMOUNT + BigInt(i + 1));
      // A forged signature, and one made for another chain.
      const forged = hexToU8a(encode(sender, call, 0));
      forged[signatureAt(forged) + (i % 64)] ^= 0x01;
      items.push({ kind: 'bad signature', hex: i % 2 ? u8aToHex(forged) : encode(sender, call, 0, otherChain) });
      // Nonce 0 of a dev account, used by its funding batch.
      items.push({ kind: 'stale nonce', hex: encode(sr25519Signer(funders[i % funders.length]), call, 0) });
      // A remark, alone or in a batch: the runtime's validate_transaction refuses it.
      items.push({ kind: 'refused call', hex: encode(sender, i % 2 ? remark : remarkInBatch, 0) });
      // A sender with nothing to pay the fee with.
      items.push({ kind: 'cannot pay', hex: encode(unfunded[i], call, 0) });
      // Bytes that do not decode: noise, a truncated extrinsic, a call of no pallet.
      const bytes = hexToU8a(items[i].hex);
      const undecodable = [
        blake2AsU8a(`noise ${i}`, 256).subarray(0, 1 + (i % 32)),
        u8aConcat(compactToU8a(bytes.length + 10), bytes.subarray(2)),
        hexToU8a(encode(sender, unknownPallet, 0)),
      ][i % 3];
      items.push({ kind: 'undecodable', hex: u8aToHex(undecodable) });
    }
    for (const item of items) item.hash = blake2AsHex(hexToU8a(item.hex));
    assert.equal(new Set(items.map((x) => x.hash)).size, items.length, 'every extrinsic is distinct');
    const valid = items.filter((x) => x.valid);
    const invalid = items.filter((x) => !x.valid);
    assert.equal(valid.length, VALID + REVOCATIONS);
    assert.equal(invalid.length, INVALID_KINDS.length * PER_INVALID_KIND);
    const signedAt = Date.now();
    const grantsBefore = (await api.query.consent.consentsByGrantee.keys(accounts.hospital.address)).length;

    // Watch the chain and the pool while the flood goes on.
    const heads = [];
    const unsubscribeHeads = await api.rpc.chain.subscribeNewHeads((header) =>
      heads.push({ number: header.number.toNumber(), at: Date.now() }),
    );
    const startHeight = await bestNumber(api);
    const pool = { pendingPeak: 0, mempoolPeak: 0, readyPeak: 0, series: [], stop: false };
    const poolWatcher = watchPool(pool);

    // The flood: all 25,000 at once, shuffled, over the connections. Valid ones are watched,
    // so that a drop after acceptance comes with its reason; invalid ones are plain submissions.
    const providers = await Promise.all(Array.from({ length: CONNECTIONS }, rawProvider));
    const floodStart = Date.now();
    await Promise.all(shuffle(items.slice()).map((item, i) => submit(providers[i % CONNECTIONS], item)));
    const submittedAt = Date.now();

    // Every valid one ends: refused at submission, finalized in a block, or dropped, invalid or
    // usurped after acceptance; or its watcher falls silent, and the pool is empty (below).
    const open = () => valid.filter((x) => !x.end);
    let progress = { open: open().length, at: Date.now() };
    const settled = async () => {
      const now = open().length;
      if (now === 0) return true;
      if (now !== progress.open) progress = { open: now, at: Date.now() };
      return Date.now() - progress.at > SETTLED_MS && (await api.rpc.author.pendingExtrinsics()).length === 0;
    };
    await waitFor(settled, 'every valid extrinsic to end', node, FLOOD_LIMIT_MS).catch((error) => {
      throw new Error(`${open().length} valid extrinsics still open: ${error.message}`);
    });
    const silent = open();
    for (const item of silent) item.end = 'silent';
    const resolvedAt = Date.now();
    const endHeight = await bestNumber(api);
    pool.stop = true;
    await poolWatcher;
    unsubscribeHeads();
    await Promise.all(providers.map((p) => p.disconnect()));

    // The node kept producing blocks during the flood, and goes on after it.
    const during = heads.filter((h) => h.at >= floodStart && h.at <= resolvedAt);
    assert.ok(during.length >= 2, `blocks were produced during the flood (${during.length})`);
    const gaps = during.slice(1).map((h, i) => h.at - during[i].at);
    await waitForHeight(api, endHeight + 2, node);

    // Invalid extrinsics: each refused at submission with a JSON-RPC error that names its
    // fault, or the full pool. While the pool is full, sc-transaction-pool refuses a newcomer
    // that cannot push out a lower-priority extrinsic with 1016, invalid ones too: it validates
    // them, but reports the full pool rather than their fault.
    const expected = {
      'bad signature': /^1010 .*bad signature/i,
      'stale nonce': /^1010 .*outdated/i,
      'refused call': /^1010 .*call is not expected/i,
      'cannot pay': /^1010 .*pay some fees/i,
      // The node cannot decode it (1040), or the runtime cannot (1002).
      undecodable: /^(1040 .*decode|1002 Verification Error)/i,
    };
    const poolFull = /^1016 Immediately Dropped/;
    for (const item of invalid) {
      assert.equal(item.end, 'refused', `${item.kind} ${item.hash} was refused at submission, not ${item.end}`);
      assert.ok(expected[item.kind].test(item.reason) || poolFull.test(item.reason), `${item.kind}: ${item.reason}`);
    }

    // What is in the blocks: every block of the flood (one chain, so all canonical), matched
    // against the flood's extrinsics.
    const byHash = new Map(items.map((x) => [x.hash, x]));
    const perBlock = [];
    const reader = await rawProvider();
    for (let n = startHeight + 1; n <= endHeight; n += 1) {
      const hash = await reader.send('chain_getBlockHash', [n]);
      const { block } = await reader.send('chain_getBlock', [hash]);
      let count = 0;
      for (const xt of block.extrinsics) {
        const item = byHash.get(blake2AsHex(hexToU8a(xt)));
        if (!item) continue;
        assert.ok(item.valid, `an invalid extrinsic (${item.kind}) is in block #${n}`);
        assert.equal(item.block, undefined, `${item.hash} is in two blocks`);
        item.block = hash;
        count += 1;
      }
      if (count) perBlock.push(count);
    }
    const finalizedHead = await reader.send('chain_getFinalizedHead', []);
    const finalizedNumber = Number((await reader.send('chain_getHeader', [finalizedHead])).number);
    await reader.disconnect();
    assert.ok(finalizedNumber >= endHeight, `the flood's blocks are finalized (#${finalizedNumber})`);

    // Each valid one ended as the chain says: an included one's watcher reported its block,
    // then Finalized. But sc-transaction-pool 48's fork-aware pool keeps included extrinsics in
    // its mempool until they are final, and a higher-priority newcomer to the full mempool may
    // push one out: its watcher then ends with Dropped, after InBlock or even before it, though
    // the extrinsic is in a block that becomes final (see docs/security.md, Floods). Those are
    // counted; any other disagreement fails.
    // A silent watcher's extrinsic is judged by the chain alone: in a block, or in none and out
    // of the emptied pool. Those are counted too.
    const droppedThoughIncluded = [];
    for (const item of valid) {
      if (item.block) {
        if (item.inBlock) assert.equal(item.inBlock, item.block, `${item.hash} is in the block its watcher reported`);
        if (item.end === 'dropped') droppedThoughIncluded.push(item);
        else if (item.end !== 'silent') assert.equal(item.end, 'finalized', `${item.hash} is in a block but ended ${item.end}: ${item.statuses}`);
      } else {
        assert.notEqual(item.end, 'finalized', `${item.hash} was reported finalized but is in no block`);
        assert.equal(item.inBlock, undefined, `${item.hash} was reported in a block but is in none`);
        if (item.end !== 'silent') assert.ok(item.reason, `${item.hash} ended ${item.end} with a reason`);
      }
    }

    // The state agrees: a sender's nonce is 1 exactly when its extrinsic is in a block, and
    // only then did it pay; the recipients got exactly the included transfers; the hospital
    // holds exactly the included grants, each with its deposit held from its patient.
    const infos = await accountInfos(senders.map((s) => s.publicKey));
    const fees = { transfer: [], grant: [], tipped: [] };
    valid.slice(0, VALID).forEach((item, i) => {
      const { nonce, free, reserved } = infos[i];
      assert.equal(nonce, item.block ? 1 : 0, `sender ${i} (${item.end}) has nonce ${nonce}`);
      if (!item.block) {
        assert.equal(free, FUNDING, `sender ${i} paid nothing`);
        return;
      }
      assert.equal(reserved > 0n, item.kind === 'grant', `sender ${i}: only a grant holds a deposit`);
      const spent = FUNDING - free - reserved - (item.kind === 'transfer' ? AMOUNT : 0n);
      assert.ok(spent > 0n, `sender ${i} paid a fee`);
      fees[item.tipped ? 'tipped' : item.kind].push(spent);
    });
    for (let r = 0; r < RECIPIENTS; r += 1) {
      const received = valid.filter((x) => x.block && x.recipient === r).length;
      const { data } = await api.query.system.account(recipients[r].address);
      assert.equal(data.free.toBigInt(), AMOUNT * BigInt(received), `recipient ${r} got ${received} transfers`);
    }
    // A revoker's grant is gone exactly when its revocation is in a block.
    const revokerInfos = await accountInfos(revokers.map((r) => r.publicKey));
    for (const item of revocations) {
      const ids = (await api.query.consent.consentsByPatient(revokers[item.revoker].publicKey)).length;
      assert.equal(ids, item.block ? 0 : 1, `revoker ${item.revoker} (${item.end}) holds ${ids} grants`);
      assert.equal(revokerInfos[item.revoker].nonce, item.block ? 2 : 1, `revoker ${item.revoker}'s nonce`);
    }
    const included = valid.filter((x) => x.block);
    const grantsIncluded = included.filter((x) => x.kind === 'grant').length;
    const revocationsIncluded = included.filter((x) => x.kind === 'revocation').length;
    const grantsAfter = (await api.query.consent.consentsByGrantee.keys(accounts.hospital.address)).length;
    assert.equal(
      grantsAfter - grantsBefore,
      grantsIncluded - revocationsIncluded,
      `the hospital holds the ${grantsIncluded} new grants, less the ${revocationsIncluded} revoked`,
    );

    // sc-transaction-pool 48's fork-aware pool decides that an extrinsic finds the pool full
    // when it arrives, validates it (under a flood, tens of seconds later), and then only tries
    // to push out a lower-priority one: if the pool has emptied meanwhile, or holds only
    // extrinsics of equal priority, it refuses it as "Immediately Dropped", tipped or not.
    // Counted from the pool's samples: refusals while it was nearly empty.
    const readyAt = (at) => pool.series.findLast(([t]) => t <= at)?.[1] ?? 0;
    const refusedNearlyEmpty = valid.filter((x) => x.end === 'refused' && readyAt(x.refusedAt) < NEARLY_EMPTY);
    const tipped = valid.filter((x) => x.tipped);
    const untippedGrants = valid.filter((x) => x.kind === 'grant' && !x.tipped);
    const share = (list) => Math.round((100 * list.filter((x) => x.block).length) / list.length);
    const accepted = valid.filter((x) => x.end !== 'refused');
    const refused = valid.filter((x) => x.end === 'refused');
    const droppedLater = accepted.filter((x) => !x.block);
    const sum = (list) => list.reduce((s, x) => s + x, 0n);
    const average = (list) => (list.length ? HLTH(sum(list) / BigInt(list.length)) : '-');
    const totalFees = sum(fees.transfer) + sum(fees.grant) + sum(fees.tipped);
    const lateDrops = tally(droppedThoughIncluded, (x) => `${kindOf(x)} ${x.statuses.join('>')}`);
    console.log(
      `flood: ${valid.length} valid submitted (${TRANSFERS} transfers, ${GRANTS} consent grants of which ${TIPPED} tipped, ` +
        `${REVOCATIONS} untipped revocations): ` +
        `${accepted.length} accepted, ${refused.length} refused at submission (${tally(refused, (x) => x.reason) || 'none'}; ` +
        `${refusedNearlyEmpty.length} of them while the pool held under ${NEARLY_EMPTY} ready); ` +
        `${included.length} included (${tally(included, kindOf)}) in ${perBlock.length} blocks, at most ${Math.max(...perBlock)} a block; ` +
        `${droppedLater.length} dropped after acceptance (${tally(droppedLater, (x) => `${kindOf(x)} ${x.reason ?? 'its watcher silent'}`) || 'none'}); ` +
        `${droppedThoughIncluded.length} reported Dropped though included (${lateDrops || 'none'}); ` +
        `${silent.length} watchers never ended (${tally(silent, (x) => `${kindOf(x)} ${x.block ? 'included' : 'in no block'} after ${x.statuses.join('>') || 'nothing'}`) || 'none'})`,
    );
    console.log(
      `flood: included: ${share(revocations)}% of the untipped revocations, ${share(tipped)}% of the tipped grants, ` +
        `${share(untippedGrants)}% of the untipped ones, ${share(valid.filter((x) => x.kind === 'transfer'))}% of the transfers`,
    );
    const refusedRevocations = revocations.filter((x) => x.end === 'refused');
    console.log(
      `flood: revocations: ${revocations.length - refusedRevocations.length} accepted, ` +
        `${revocations.filter((x) => x.end !== 'refused' && x.block).length} of them included; ` +
        `${refusedRevocations.length} refused on arrival (${refusedRevocations.filter((x) => refusedNearlyEmpty.includes(x)).length} ` +
        `of them while the pool held under ${NEARLY_EMPTY} ready)`,
    );
    const byKind = INVALID_KINDS.map(
      (kind) => `${kind}: ${tally(invalid.filter((x) => x.kind === kind), (x) => shortReason(x.reason))}`,
    );
    console.log(`flood: ${invalid.length} invalid, all refused at submission: ${byKind.join('; ')}`);
    console.log(
      `flood: pool at most ${pool.pendingPeak} ready (author_pendingExtrinsics, limit ${POOL_LIMIT}), ` +
        `${pool.mempoolPeak} in the mempool at a block (limit ${MEMPOOL_LIMIT}), ${pool.series.length} samples; ` +
        `blocks #${startHeight + 1}..#${endHeight}, ${during.length} during the flood, the longest gap ${seconds(Math.max(0, ...gaps))}`,
    );
    console.log(
      `flood: fees paid ${HLTH(totalFees)} HLTH: a transfer ${average(fees.transfer)}, a grant ${average(fees.grant)}, ` +
        `a tipped grant ${average(fees.tipped)} (tip ${HLTH(TIP)}); refused and dropped extrinsics paid nothing`,
    );
    console.log(
      `flood: keys and funding ${seconds(fundedAt - started)}, signing ${seconds(signedAt - fundedAt)}, ` +
        `submitting ${seconds(submittedAt - floodStart)}, until every valid one ended ${seconds(resolvedAt - floodStart)}`,
    );

    // A tip raises an extrinsic's priority above the untipped flood: tipped grants fare better
    // than untipped ones. Not all of them get in: see refusedNearlyEmpty.
    assert.ok(share(tipped) > share(untippedGrants), `tipped grants ${share(tipped)}%, untipped ${share(untippedGrants)}% included`);
    // A revocation ranks above the whole flood, tipped grants included: nothing in the pool can
    // push one out, so every revocation the pool accepted is in a block. (The pool may still
    // refuse one on arrival, as it refuses any newcomer while it is full; see refusedNearlyEmpty.)
    for (const item of revocations) {
      if (item.end !== 'refused') assert.ok(item.block, `revocation ${item.revoker} was accepted, then ended ${item.end}: ${item.statuses}`);
      else assert.match(item.reason, /^1016 /, `revocation ${item.revoker} refused`);
    }

    // The pool stayed within its limits, and is empty now.
    assert.ok(pool.pendingPeak <= POOL_LIMIT, `ready peak ${pool.pendingPeak} within ${POOL_LIMIT}`);
    assert.ok(pool.readyPeak <= POOL_LIMIT, `ready gauge peak ${pool.readyPeak} within ${POOL_LIMIT}`);
    assert.ok(pool.mempoolPeak <= MEMPOOL_LIMIT, `mempool peak ${pool.mempoolPeak} within ${MEMPOOL_LIMIT}`);
    assert.equal((await api.rpc.author.pendingExtrinsics()).length, 0, 'the pool is empty');

    // An honest transfer goes through after the flood.
    const honest = await submitAndWatch(api.tx.balances.transferKeepAlive(accounts.bob.address, UNIT), accounts.alice, node);
    assert.equal(honest.dispatchError, undefined);
  });

  test('far-future nonces wait in the bounded future queue', { timeout: 300_000 }, async () => {
    // Nonces far ahead are not invalid (CheckNonce has no horizon): they wait for the nonces
    // before them, for free. The future queue's limit bounds them.
    const key = ed25519Key();
    const account = u8aToHex(key.publicKey);
    await submitAndWatch(api.tx.balances.transferKeepAlive(account, UNIT), accounts.alice, node);
    const call = api.tx.balances.transferKeepAlive(accounts.bob.address, AMOUNT).method.toU8a();
    const items = Array.from({ length: FUTURES }, (_, i) => ({ valid: true, hex: encode(key, call, 1_000 + i) }));
    for (const item of items) item.hash = blake2AsHex(hexToU8a(item.hex));

    const providers = await Promise.all([rawProvider(), rawProvider()]);
    await Promise.all(items.map((item, i) => submit(providers[i % 2], item)));
    // Two blocks, so that the pool has applied its limits at a block too.
    await waitForHeight(api, (await bestNumber(api)) + 2, node);

    const refused = items.filter((x) => x.end === 'refused');
    const dropped = items.filter((x) => x.end === 'dropped');
    const waiting = items.filter((x) => !x.end);
    assert.equal(refused.length + dropped.length + waiting.length, FUTURES, tally(items, (x) => x.end));
    assert.ok(waiting.length <= FUTURE_LIMIT, `${waiting.length} wait, within the future limit ${FUTURE_LIMIT}`);
    assert.ok(waiting.every((x) => x.statuses.includes('future')), 'each waiting one was reported Future');
    for (const item of refused) assert.match(item.reason, /^1016 Immediately Dropped/);
    const [info] = await accountInfos([key.publicKey]);
    assert.equal(info.nonce, 0, 'none ran');
    assert.equal(info.free, UNIT, 'none paid');

    // The account's next nonce is not held up, and the waiting ones are removed.
    await finalized(providers[0], encode(key, call, 0));
    const removed = await providers[0].send('author_removeExtrinsic', [waiting.map((x) => ({ hash: x.hash }))]);
    assert.equal(removed.length, waiting.length, 'every waiting one was removed');
    await Promise.all(providers.map((p) => p.disconnect()));
    const [after] = await accountInfos([key.publicKey]);
    assert.equal(after.nonce, 1);
    console.log(
      `far-future nonces: ${FUTURES} submitted, ${waiting.length} waited in the future queue (limit ${FUTURE_LIMIT}), ` +
        `${refused.length} refused at submission, ${dropped.length} dropped later; none ran or paid; the account's next nonce went through`,
    );
  });

  // ---------------------------------------------------------------------------------------
  // Helpers: keys, the extrinsic encoder, submission, the pool watcher.

  /** `encodeSigned` for this chain unless told otherwise. */
  function encode(signer, call, nonce, onChain = chain, tip = 0n) {
    return encodeSigned(signer, call, nonce, onChain, tip);
  }

  /** `utility.batchAll(calls)` from encoded calls. */
  function batchAll(calls) {
    return u8aConcat(api.tx.utility.batchAll.callIndex, compactToU8a(calls.length), ...calls);
  }

  function assertEncoderMatchesPolkadotJs() {
    checkEncoder(api, [
      [api.tx.balances.transferKeepAlive(accounts.bob.address, 123_456_789n), 0, 0n],
      // Long enough that the payload is hashed before signing.
      [api.tx.system.remark('0x' + '01'.repeat(300)), 70_000, TIP],
    ]);
  }

  /**
   * Submits `item` on `provider`: a valid one watched, an invalid one not. Records how it
   * ends (`end`, with its `reason`), the block its watcher reported (`inBlock`) and the
   * statuses it went through.
   */
  async function submit(provider, item) {
    const refuse = (error) => {
      item.refusedAt = Date.now();
      item.end = 'refused';
      item.reason = `${error.code ?? '?'} ${(error.message ?? String(error)).replace(/^-?\d+: /, '').split('\n')[0]}`;
    };
    if (!item.valid) {
      await provider.send('author_submitExtrinsic', [item.hex]).then(() => (item.end = 'accepted'), refuse);
      return;
    }
    item.statuses = [];
    await provider
      .subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [item.hex], (error, status) => {
        if (error) {
          item.end = 'error';
          item.reason = error.message;
          return;
        }
        const [event, data] = typeof status === 'string' ? [status] : Object.entries(status)[0];
        item.statuses.push(event);
        if (event === 'inBlock') item.inBlock = data;
        if (event === 'finalized') item.end = 'finalized';
        if (['dropped', 'invalid', 'usurped', 'finalityTimeout'].includes(event)) {
          item.end = event;
          item.reason = `reported ${event}`;
        }
      })
      .catch(refuse);
  }

  /** Submits `hex` on `provider`, watched; resolves when it is finalized, rejects if it ends otherwise. */
  function finalized(provider, hex) {
    return new Promise((resolve, reject) => {
      provider
        .subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [hex], (error, status) => {
          if (error) reject(error);
          else if (typeof status === 'string' && ['dropped', 'invalid'].includes(status)) reject(new Error(status));
          else if (status.finalized) resolve(status.finalized);
          else if (status.usurped || status.finalityTimeout) reject(new Error(JSON.stringify(status)));
        })
        .catch(reject);
    });
  }

  /**
   * Samples the pool until `pool.stop`: its ready extrinsics over RPC, and the mempool's
   * gauges, which the pool updates at each block.
   */
  async function watchPool(pool) {
    const provider = await rawProvider();
    while (!pool.stop) {
      const pending = await provider.send('author_pendingExtrinsics', []);
      pool.pendingPeak = Math.max(pool.pendingPeak, pending.length);
      const metrics = await (await fetch(node.metricsUrl)).text();
      const gauge = (name) => Number(metrics.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm'))?.[1] ?? 0);
      const mempool = gauge('substrate_sub_txpool_watched_txs') + gauge('substrate_sub_txpool_unwatched_txs');
      pool.mempoolPeak = Math.max(pool.mempoolPeak, mempool);
      pool.readyPeak = Math.max(pool.readyPeak, gauge('substrate_ready_transactions_number'));
      pool.series.push([Date.now(), pending.length, mempool]);
      await sleep(250);
    }
    await provider.disconnect();
  }

  /** A raw JSON-RPC client of the node, which does not reconnect (nor resubmit). */
  function rawProvider() {
    return rawProviderOf(node.url, FLOOD_LIMIT_MS);
  }

  /** Nonce, free and reserved balance of each account, read in pages of 1,000 keys. */
  async function accountInfos(publicKeys) {
    const provider = await rawProvider();
    const prefix = api.query.system.account.keyPrefix();
    const keys = publicKeys.map((pk) => u8aToHex(u8aConcat(prefix, blake2AsU8a(pk, 128), pk)));
    const values = new Map();
    for (let i = 0; i < keys.length; i += 1000) {
      const [{ changes }] = await provider.send('state_queryStorageAt', [keys.slice(i, i + 1000)]);
      for (const [key, value] of changes) values.set(key, value);
    }
    await provider.disconnect();
    // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then free, reserved, ...
    return keys.map((key) => {
      const bytes = hexToU8a(values.get(key) ?? '0x');
      if (bytes.length < 48) return { nonce: 0, free: 0n, reserved: 0n };
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const u128 = (at) => view.getBigUint64(at, true) + (view.getBigUint64(at + 8, true) << 64n);
      return { nonce: view.getUint32(0, true), free: u128(16), reserved: u128(32) };
    });
  }
});

/** A JSON-RPC error in short: `1010 Transaction is outdated`, `1016 pool full`. */
function shortReason(reason) {
  if (/^1016 /.test(reason)) return '1016 pool full';
  if (/wasm trap/.test(reason)) return `${reason.split(' ')[0]} runtime trap`;
  return reason.replace(/^(-?\d+) (Invalid Transaction|Client error): /, '$1 ').replace(/ ?[:,].*$/, '');
}

function kindOf(item) {
  return item.tipped ? 'tipped grant' : item.kind;
}

/** `count label, ...` of `list` by `label(item)`, the most frequent first. */
function tally(list, label) {
  const counts = new Map();
  for (const item of list) counts.set(label(item), (counts.get(label(item)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

/** A fixed shuffle, so that a failure can be replayed. */
function shuffle(list) {
  let seed = 0x9e3779b9;
  for (let i = list.length - 1; i > 0; i -= 1) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
