// Throughput of Healthchain's extrinsics against the node's own baseline and the limits its
// weights imply. Starts `healthchain-node --dev` (HEALTHCHAIN_NODE; scripts/bench-throughput.sh
// builds an optimised one), sets up the actors every kind needs through Root batches, then, one
// kind at a time, submits N extrinsics signed offline from N distinct accounts as fast as the
// node takes them and follows the blocks until every one is in. Prints a table and writes JSON.
//
//   node bench/throughput.js [--n 5000] [--block-time-ms 2000] [--json FILE]
//
// It measures; it asserts only that every extrinsic was included and succeeded, so that a
// figure is never of a broken run.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { hexToU8a, stringToHex, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';

import { assertRootCallsSucceeded, chainOf, checkEncoder, ed25519Key, encodeSigned, rawProvider } from '../lib/extrinsics.js';
import { NODE_BINARY, UNIT, connect, devAccounts, startDevNode, stopNode } from '../lib/node.js';
import { machine, memoryMiB, withCheckDigit } from './common.js';

/** The kinds measured, in order: later ones use what earlier ones left (records, shipments). */
export const KINDS = [
  'balances.transferKeepAlive',
  'consent.grant',
  'records.addRecord',
  'records.logAccess',
  'trials.submitData',
  'drugLots.ship',
  'drugLots.receive',
  'drugLots.dispense',
];
const BASELINE = 'balances.transferKeepAlive';

/** Members an organization may have (runtime: Organizations::MaxMembers). */
const MAX_MEMBERS = 1_000;
/** Investigators a trial may name (runtime: Trials::MaxInvestigators). */
const MAX_INVESTIGATORS = 128;
/**
 * Distributors stocked from one lot. A lot has at most 256 holders and 1,024 history entries:
 * each of these brings one distributor and one pharmacy and five entries (two shipments, two
 * receipts, a dispense).
 */
const DISTRIBUTORS_PER_LOT = 100;
/** The benchmark's own product: a GTIN no demo product uses. */
const GTIN = withCheckDigit('0950000000001');
const CONNECTIONS = 8;
/** How long the chain may go without including any of a kind's extrinsics before the run fails. */
const STALL_MS = 60_000;

/**
 * Runs the benchmark: `n` extrinsics of each kind on a node with `blockTimeMs` blocks. Returns
 * the results, one row per kind, and the run's context.
 */
export async function runThroughput({ n = 5000, blockTimeMs = 2000, log = console.log } = {}) {
  const started = Date.now();
  // The default pool holds 8,192 ready extrinsics; a kind is submitted all at once.
  const poolLimit = Math.max(8192, 2 * n);
  const node = await startDevNode({
    blockTimeMs,
    args: ['--pool-limit', String(poolLimit), '--pool-kbytes', String(Math.max(20480, poolLimit * 4))],
  });
  let api;
  try {
    api = await connect(node);
    const accounts = await devAccounts();
    checkEncoder(api, [[api.tx.balances.transferKeepAlive(accounts.bob.address, 1n), 0, 0n]]);
    const chain = chainOf(api);
    const limits = blockLimits(api);
    const actors = makeActors(n);
    log(`throughput: ${n} extrinsics a kind, ${blockTimeMs} ms blocks, node ${NODE_BINARY}`);

    const setupStart = Date.now();
    const setup = await setUp(api, node, accounts, actors, limits, log);
    log(`throughput: set-up: ${setup.calls} Root calls in ${setup.batches} batches, ${seconds(Date.now() - setupStart)}`);

    const rows = [];
    for (const kind of KINDS) {
      const items = await extrinsicsOf(kind, api, chain, actors, setup);
      const row = await measure(kind, items, { api, node, limits, blockTimeMs });
      rows.push(row);
      log(`throughput: ${kind}: ${row.included} in ${row.blocks} blocks, ${row.txPerSecond.toFixed(1)} tx/s`);
    }
    const baseline = rows.find((r) => r.kind === BASELINE).txPerSecond;
    for (const row of rows) row.ratioToTransfer = row.txPerSecond / baseline;
    return {
      machine: machine(),
      node: NODE_BINARY,
      n,
      blockTimeMs,
      limits,
      setupSeconds: setup.seconds,
      totalSeconds: (Date.now() - started) / 1000,
      peakRssMiB: memoryMiB(node.child.pid).hwm,
      rows,
    };
  } finally {
    await api?.disconnect();
    await stopNode(node, 'SIGINT');
  }
}

// ---------------------------------------------------------------------------------------------
// The chain's limits.

/** The normal class's share of a block: ref-time, proof size and length. */
function blockLimits(api) {
  const normal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap();
  return {
    refTime: normal.refTime.toNumber(),
    proofSize: normal.proofSize.toNumber(),
    length: api.consts.system.blockLength.max.normal.toNumber(),
  };
}

// ---------------------------------------------------------------------------------------------
// The actors: N of each, all distinct, so that no extrinsic waits for another's nonce.

function makeActors(n) {
  const many = (count) => Array.from({ length: count }, ed25519Key);
  const hospitals = many(Math.ceil((2 * n) / MAX_MEMBERS));
  return {
    n,
    senders: many(n), // transfers
    recipients: many(10),
    patientsGranting: many(n), // consent.grant
    hospitals,
    clinicians: many(n), // records.addRecord, then records.logAccess
    patients: many(n), // one record each
    investigators: many(n), // trials.submitData
    distributors: many(n), // drugLots.ship
    pharmacies: many(n), // drugLots.receive, then drugLots.dispense
    lots: Array.from({ length: Math.ceil(n / DISTRIBUTORS_PER_LOT) }, (_, i) => `BENCH-${i}`),
    trials: Math.ceil(n / MAX_INVESTIGATORS),
  };
}

/** The hospital whose member clinician or investigator `i` is. */
const hospitalOf = (actors, i, role) => actors.hospitals[Math.floor((2 * i + (role === 'investigator' ? 1 : 0)) / MAX_MEMBERS)];
const lotOf = (actors, i) => actors.lots[Math.floor(i / DISTRIBUTORS_PER_LOT)];
const address = (key) => u8aToHex(key.publicKey);
const hash32 = (label) => blake2AsU8a(label, 256);

/**
 * Everything the measured extrinsics need, done by Root (the sudo key) in batches: funds, the
 * organizations and their members, patients' keys and grants, trials with investigators, lots
 * with stock at every distributor. Batches are signed with consecutive nonces and submitted at
 * once, so they run in order.
 */
async function setUp(api, node, accounts, actors, limits, log) {
  const started = Date.now();
  const { tx } = api;
  const as = (who, call) => tx.utility.dispatchAs({ system: { Signed: address(who) } }, call);
  const steps = [];
  const add = (call) => steps.push(call);

  // Funds: deposits and fees, generously.
  const fund = (key, amount) => add(tx.balances.forceSetBalance(address(key), amount));
  for (const key of [...actors.senders, ...actors.patientsGranting, ...actors.clinicians, ...actors.patients])
    fund(key, 100n * UNIT);
  for (const key of [...actors.investigators, ...actors.distributors, ...actors.pharmacies]) fund(key, 100n * UNIT);
  for (const key of actors.hospitals) fund(key, 100_000n * UNIT);

  // Organizations: hospitals for the clinicians and investigators, a distributor and a
  // pharmacy for each shipment.
  const register = (key, kind, i) =>
    add(tx.organizations.register(address(key), kind, stringToHex(`Bench ${kind} ${i}`), stringToHex(`BENCH-${kind}-${i}`), stringToHex('GB')));
  actors.hospitals.forEach((key, i) => register(key, 'Hospital', i));
  actors.distributors.forEach((key, i) => register(key, 'Distributor', i));
  actors.pharmacies.forEach((key, i) => register(key, 'Pharmacy', i));
  actors.clinicians.forEach((key, i) =>
    add(as(hospitalOf(actors, i, 'clinician'), tx.organizations.addMember(address(key), 'Clinician'))),
  );
  actors.investigators.forEach((key, i) =>
    add(as(hospitalOf(actors, i, 'investigator'), tx.organizations.addMember(address(key), 'Investigator'))),
  );

  // Each patient publishes a key and lets the clinician's hospital read and write lab results.
  const scope = { wildcard: false, categories: ['LabResult'] };
  actors.patients.forEach((key, i) => {
    add(as(key, tx.records.setEncryptionKey(hash32(`patient key ${i}`))));
    add(as(key, tx.consent.grant(address(hospitalOf(actors, i, 'clinician')), scope, { read: true, write: true }, 'Treatment', null, null)));
  });

  // Trials, recruiting, each naming up to 128 investigators.
  const sponsor = accounts.sponsor;
  const firstTrial = (await api.query.trials.nextTrialId()).toNumber();
  const completion = Date.now() + 365 * 24 * 3600 * 1000;
  for (let t = 0; t < actors.trials; t += 1) {
    const registryId = [[stringToHex('NCT'), stringToHex(`NCT${String(90_000_000 + t)}`)]];
    add(as(sponsor, tx.trials.registerTrial(registryId, stringToHex(`Bench trial ${t}`), 'Phase3', hash32(`protocol ${t}`), hash32(`outcomes ${t}`), 1000, completion)));
  }
  const trialOf = (i) => firstTrial + Math.floor(i / MAX_INVESTIGATORS);
  actors.investigators.forEach((key, i) => add(as(sponsor, tx.trials.addInvestigator(trialOf(i), address(key)))));
  for (let t = 0; t < actors.trials; t += 1) add(as(sponsor, tx.trials.setStatus(firstTrial + t, 'Recruiting', null)));

  // Lots, and ten units at each distributor: shipped by the manufacturer and received.
  const manufacturer = accounts.manufacturer;
  const gtin = stringToHex(GTIN);
  add(as(manufacturer, tx.drugLots.registerProduct(gtin, stringToHex('Bench tablets'))));
  for (const lot of actors.lots) {
    add(as(manufacturer, tx.drugLots.commissionLot(gtin, stringToHex(lot), { year: 2030, month: 6, day: 30 }, 100_000, null)));
  }
  let shipmentId = (await api.query.drugLots.nextShipmentId()).toNumber();
  actors.distributors.forEach((key, i) => {
    add(as(manufacturer, tx.drugLots.ship(gtin, stringToHex(lotOf(actors, i)), address(key), 10)));
    add(as(key, tx.drugLots.receive(shipmentId)));
    shipmentId += 1;
  });

  // Batches of at most a third of a block's normal weight, in ref-time and in proof size,
  // and of its length, so that each fits and two or three go in a block.
  const batches = [];
  let batch = [];
  let used = { refTime: 0, proofSize: 0, length: 0 };
  const costOf = new Map();
  for (const call of steps) {
    // A dispatch-as weighs what the call it carries weighs.
    const inner = call.method.args[1];
    const key = `${call.method.section}.${call.method.method}.${inner?.section ?? ''}.${inner?.method ?? ''}`;
    if (!costOf.has(key)) {
      const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call.method, call.method.encodedLength);
      costOf.set(key, { refTime: weight.refTime.toNumber(), proofSize: weight.proofSize.toNumber() });
    }
    const cost = { ...costOf.get(key), length: call.method.encodedLength };
    if (batch.length && Object.keys(used).some((dimension) => used[dimension] + cost[dimension] > limits[dimension] / 3)) {
      batches.push(batch);
      batch = [];
      used = { refTime: 0, proofSize: 0, length: 0 };
    }
    batch.push(call);
    for (const dimension of Object.keys(used)) used[dimension] += cost[dimension];
  }
  if (batch.length) batches.push(batch);
  log(`throughput: set-up: ${steps.length} Root calls in ${batches.length} batches, submitting`);

  const alice = accounts.alice;
  const provider = await rawProvider(node.url);
  const first = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const fromBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let b = 0; b < batches.length; b += 1) {
    const signed = await tx.sudo.sudo(tx.utility.batchAll(batches[b])).signAsync(alice, { nonce: first + b, era: 0 });
    await provider.send('author_submitExtrinsic', [signed.toHex()]);
  }
  await provider.disconnect();
  const last = first + batches.length;
  let progress = { nonce: first, at: Date.now() };
  for (;;) {
    const nonce = (await api.query.system.account(alice.address)).nonce.toNumber();
    if (nonce >= last) break;
    if (nonce > progress.nonce) progress = { nonce, at: Date.now() };
    if (Date.now() - progress.at > STALL_MS) throw new Error(`set-up stalled at batch ${nonce - first} of ${batches.length}\n${node.output}`);
    await sleep(500);
  }

  // Every batch must have gone through whole.
  await assertRootCallsSucceeded(api, fromBlock);
  return { calls: steps.length, batches: batches.length, firstTrial, trialOf, seconds: (Date.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The measured extrinsics.

/** The signed extrinsics of `kind`, one from each of its senders. */
async function extrinsicsOf(kind, api, chain, actors, setup) {
  const { tx } = api;
  const gtin = stringToHex(GTIN);
  const make = (senders, nonce, callOf) =>
    senders.map((key, i) => {
      const hex = encodeSigned(key, callOf(i).method.toU8a(), nonce, chain);
      return { hex, hash: blake2AsHex(hexToU8a(hex)), length: hexToU8a(hex).length };
    });
  switch (kind) {
    case 'balances.transferKeepAlive':
      return make(actors.senders, 0, (i) => tx.balances.transferKeepAlive(address(actors.recipients[i % 10]), UNIT));
    case 'consent.grant': {
      const scope = { wildcard: false, categories: ['LabResult'] };
      const hospital = address(actors.hospitals[0]);
      return make(actors.patientsGranting, 0, () => tx.consent.grant(hospital, scope, { read: true, write: false }, 'Treatment', null, null));
    }
    case 'records.addRecord':
      return make(actors.clinicians, 0, (i) =>
        tx.records.addRecord(address(actors.patients[i]), 'LabResult', hash32(`record ${i}`), 'ContentHash', envelope(i), 'Treatment'),
      );
    case 'records.logAccess': {
      // Each clinician reads the record it wrote.
      const ids = await api.query.records.recordsByPatient.multi(actors.patients.map(address));
      return make(actors.clinicians, 1, (i) => tx.records.logAccess(ids[i][0], 'Treatment'));
    }
    case 'trials.submitData':
      return make(actors.investigators, 0, (i) => tx.trials.submitData(setup.trialOf(i), 'Dataset', hash32(`dataset ${i}`), 'ContentHash'));
    case 'drugLots.ship':
      return make(actors.distributors, 0, (i) => tx.drugLots.ship(gtin, stringToHex(lotOf(actors, i)), address(actors.pharmacies[i]), 1));
    case 'drugLots.receive': {
      // The shipments' ids are in the order the blocks took them in: ask the chain.
      const pending = await Promise.all(actors.pharmacies.map((key) => api.query.drugLots.pendingShipments.keys(address(key))));
      return make(actors.pharmacies, 0, (i) => tx.drugLots.receive(pending[i][0].args[1]));
    }
    case 'drugLots.dispense':
      return make(actors.pharmacies, 1, (i) => tx.drugLots.dispense(gtin, stringToHex(lotOf(actors, i)), 1));
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

/** A well-formed key envelope (its contents are never opened here). */
function envelope(i) {
  const bytes = blake2AsU8a(`envelope ${i}`, 512);
  return { ephemeralPublic: bytes.subarray(0, 32), nonce: bytes.subarray(32, 44), ciphertext: bytes.subarray(0, 32), tag: bytes.subarray(44, 60) };
}

/**
 * Submits `items` over several connections as fast as the node takes them and follows the
 * blocks until each is in one; then checks that each succeeded. The time runs from the first
 * submission to the block that holds the last.
 */
async function measure(kind, items, { api, node, limits, blockTimeMs }) {
  const byHash = new Map(items.map((item) => [item.hash, item]));
  const providers = await Promise.all(Array.from({ length: CONNECTIONS }, () => rawProvider(node.url)));
  const reader = providers[0];
  let processed = (await api.rpc.chain.getHeader()).number.toNumber();
  const blocks = [];
  let included = 0;
  const refused = [];

  const t0 = Date.now();
  let submittedAt;
  const submitted = Promise.all(
    items.map((item, i) =>
      providers[i % CONNECTIONS].send('author_submitExtrinsic', [item.hex]).catch((error) => refused.push(error.message)),
    ),
  ).then(() => (submittedAt = Date.now()));

  // Follow the chain: each new block is read whole, its extrinsics matched with ours.
  let lastProgress = Date.now();
  let lastInclusion = t0;
  while (included < items.length) {
    const best = Number((await reader.send('chain_getHeader', [])).number);
    const now = Date.now();
    for (let number = processed + 1; number <= best; number += 1) {
      const hash = await reader.send('chain_getBlockHash', [number]);
      const { block } = await reader.send('chain_getBlock', [hash]);
      const ours = block.extrinsics.map((x) => byHash.get(blake2AsHex(hexToU8a(x)))).filter(Boolean);
      if (ours.length) {
        included += ours.length;
        lastInclusion = now;
        lastProgress = now;
        const weight = (await (await api.at(hash)).query.system.blockWeight()).normal;
        blocks.push({
          number,
          hash,
          seenAt: now,
          count: ours.length,
          refTime: weight.refTime.toNumber(),
          proofSize: weight.proofSize.toNumber(),
          length: ours.reduce((sum, x) => sum + x.length, 0),
        });
      }
      processed = number;
    }
    if (refused.length + included >= items.length && refused.length) break;
    if (Date.now() - lastProgress > STALL_MS) break;
    await sleep(100);
  }
  await submitted;
  await Promise.all(providers.map((p) => p.disconnect()));
  if (included < items.length) {
    const reasons = [...new Set(refused)].slice(0, 3).join('; ');
    throw new Error(`${kind}: only ${included} of ${items.length} included; ${refused.length} refused (${reasons})`);
  }

  // Every one succeeded: a failed dispatch is in a block too, but did not do the work.
  let failed = 0;
  for (const { hash } of blocks) {
    const events = await (await api.at(hash)).query.system.events();
    failed += events.filter(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed').length;
  }
  if (failed) throw new Error(`${kind}: ${failed} extrinsics failed at dispatch`);

  const seconds = (lastInclusion - t0) / 1000;
  const sum = (field) => blocks.reduce((s, b) => s + b[field], 0);
  const perExtrinsic = { refTime: sum('refTime') / included, proofSize: sum('proofSize') / included, length: sum('length') / included };
  const fit = {
    refTime: limits.refTime / perExtrinsic.refTime,
    proofSize: limits.proofSize / perExtrinsic.proofSize,
    length: limits.length / perExtrinsic.length,
  };
  const binds = Object.keys(fit).reduce((a, b) => (fit[a] <= fit[b] ? a : b));
  const perBlock = Math.floor(fit[binds]);
  const ceiling = perBlock / (blockTimeMs / 1000);
  // Blocks between the first and the last are the ones the kind could fill.
  const inner = blocks.length > 2 ? blocks.slice(1, -1) : blocks;
  const fill = (b) => b.refTime / limits.refTime;
  return {
    kind,
    included,
    blocks: blocks.length,
    maxPerBlock: Math.max(...blocks.map((b) => b.count)),
    meanPerBlock: included / blocks.length,
    seconds,
    txPerSecond: included / seconds,
    weightPerExtrinsic: perExtrinsic,
    fitPerBlock: perBlock,
    binds,
    ceilingTxPerSecond: ceiling,
    ofCeiling: included / seconds / ceiling,
    refTimeShare: { mean: inner.reduce((s, b) => s + fill(b), 0) / inner.length, max: Math.max(...blocks.map(fill)) },
    // How long the node took to accept every submission, and the blocks' spacing: when the
    // first is longer than the run, or the second than the block time, the node, not the
    // block limits, set the pace.
    submitSeconds: (submittedAt - t0) / 1000,
    blockIntervalMs: blocks.length > 1 ? (blocks.at(-1).seenAt - blocks[0].seenAt) / (blocks.length - 1) : blockTimeMs,
    peakRssMiB: memoryMiB(node.child.pid).hwm,
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/** The results as a Markdown table. */
export function table({ rows, blockTimeMs }) {
  const lines = [
    `| Extrinsic | tx/s | × transfer | per block (max) | weight-implied ceiling | binds | achieved ÷ ceiling | ref-time per extrinsic | normal ref-time used (mean, max) | all submitted after | block interval | node peak RSS |`,
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| \`${r.kind}\` | ${r.txPerSecond.toFixed(0)} | ${r.ratioToTransfer.toFixed(2)} | ${r.maxPerBlock} | ` +
        `${r.fitPerBlock} a block, ${r.ceilingTxPerSecond.toFixed(0)} tx/s | ${r.binds} | ${(100 * r.ofCeiling).toFixed(0)} % | ` +
        `${(r.weightPerExtrinsic.refTime / 1e6).toFixed(0)} µs | ${(100 * r.refTimeShare.mean).toFixed(0)} %, ${(100 * r.refTimeShare.max).toFixed(0)} % | ` +
        `${r.submitSeconds.toFixed(1)} s | ${(r.blockIntervalMs / 1000).toFixed(1)} s | ${r.peakRssMiB.toFixed(0)} MiB |`,
    );
  }
  lines.push('', `Blocks every ${blockTimeMs} ms; the ceiling is the normal class's limit per block ÷ the measured cost per extrinsic ÷ the block time.`);
  return lines.join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Run from the command line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '5000' },
      'block-time-ms': { type: 'string', default: '2000' },
      json: { type: 'string' },
    },
  });
  const results = await runThroughput({ n: Number(values.n), blockTimeMs: Number(values['block-time-ms']) });
  console.log(`\n${table(results)}\n`);
  console.log(`machine: ${results.machine}; set-up ${results.setupSeconds.toFixed(0)} s, whole run ${results.totalSeconds.toFixed(0)} s`);
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}
