// Crash safety of healthchain-vault: the vault is killed (SIGKILL) in the middle of uploads
// and in the middle of an erasure sweep, on a local directory and on an S3-compatible store,
// and restarted on the same database and store. No partial payload is ever served or left
// under a payload's name, a cut-off upload can be sent again whole, and every erasure decided
// before the kill completes after it. Prints its counts.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { VaultClient, VaultError } from '../../vault/client/vault-client.js';
import { assertSuccess, eventsOf } from './lib/chain.js';
import {
  connect,
  devAccounts,
  removeDir,
  startDevNode,
  stopNode,
  tempDir,
  waitFor,
  waitForFinalized,
} from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';
import { S3_CREDENTIALS, startS3Server, startVault, stop, waitUntilReady } from './lib/vault.js';

const CRYPTO = '../../docs/examples/records-client/crypto.js';
const MiB = 1024 * 1024;
/** Above the vault's 8 MiB part size: written in parts, to a staging file or a multipart upload. */
const LARGE = 40 * MiB;
/** Below it: held in memory until the body is whole. */
const SMALL = 3 * MiB;
const ERASED = 12;
const KEPT = 3;
/** The erased payload the sweep is held at, in the order they were uploaded. */
const HELD_AT = ERASED / 2;
/**
 * An upload and the deletion of a payload whose hashes' first bytes agree modulo this wait for
 * each other (`STRIPES` in vault/src/vault.rs): an upload kept open holds the sweep there.
 */
const STRIPES = 64;
const PAYLOAD_NAME = /^[0-9a-f]{64}$/;

const stripe = (hash) => parseInt(hash.slice(2, 4), 16) % STRIPES;

/** Fails unless `promise` rejects with the vault's `reason` and `status`. */
async function refused(promise, reason, status) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof VaultError, `a refusal by the vault, not ${error.stack}`);
    assert.deepEqual([error.reason, error.status], [reason, status], error.message);
    return true;
  });
}

describe('healthchain-vault crash safety', () => {
  let crypto;
  let node;
  let api;
  let patient;
  let patientKeys;
  let s3Server;
  const dirs = [];
  const stores = {};
  const counts = { uploadsKilled: 0, pendingAtKill: 0, erasedAfterRestart: 0, deletedBeforeKill: 0, abandonedParts: 0 };

  const clientOf = (vault) => new VaultClient(vault.url, { address: patient.address, sign: (bytes) => patient.sign(bytes) });

  /** `size` random bytes encrypted as the records client does: what a vault stores. */
  function payload(size) {
    const { dataKey, encrypted } = crypto.encryptPayload(randomBytes(size));
    return { dataKey, bytes: encrypted, hash: u8aToHex(crypto.contentHash(encrypted)) };
  }

  /**
   * Submits `calls` at once, with consecutive nonces (a few records or erasures fill a block),
   * and waits until every one is in a finalized block; fails if one failed. Resolves with each
   * one's events, and the number of the last block.
   */
  async function finalizedAll(calls) {
    const first = (await api.rpc.system.accountNextIndex(patient.address)).toNumber();
    const included = [];
    const failed = [];
    await Promise.all(
      calls.map((call, i) =>
        call.signAndSend(patient, { nonce: first + i }, ({ status, events, dispatchError }) => {
          if (status.isInBlock) included[i] = { blockHash: status.asInBlock, events, dispatchError };
          else if (status.isDropped || status.isInvalid || status.isUsurped) failed.push(`transaction ${i}: ${status.type}`);
        }),
      ),
    );
    await waitFor(async () => {
      assert.deepEqual(failed, []);
      return included.filter(Boolean).length === calls.length;
    }, `${calls.length} transactions to be included`, node);
    included.forEach((result) => assertSuccess(api, result));
    const numbers = await Promise.all(included.map(async ({ blockHash }) => (await api.rpc.chain.getHeader(blockHash)).number.toNumber()));
    const last = included[numbers.indexOf(Math.max(...numbers))];
    await waitForFinalized(api, last.blockHash, node);
    return { events: included.map(({ events }) => events), lastBlock: Math.max(...numbers) };
  }

  /** Adds one record per payload; notes each payload's record id. */
  async function addRecords(payloads) {
    const { events } = await finalizedAll(
      payloads.map(({ hash, dataKey }) =>
        api.tx.records.addRecord(patient.address, 'LabResult', hash, 'ContentHash', u8aToHex(crypto.wrapKey(dataKey, patientKeys.publicKey)), null),
      ),
    );
    payloads.forEach((p, i) => {
      const [, data] = eventsOf(events[i], 'records').find(([name]) => name === 'RecordAdded');
      p.recordId = data.recordId.toNumber();
    });
  }

  /** The local directory store, or the S3 one: how to start a vault on it and look inside. */
  async function storeOf(kind) {
    if (stores[kind]) return stores[kind];
    const dataDir = tempDir(`healthchain-e2e-vault-crash-${kind}-`);
    dirs.push(dataDir);
    let store;
    if (kind === 'directory') {
      const objects = join(dataDir, 'payloads');
      store = { args: [], env: {}, objects, abandoned: () => [] };
    } else {
      if (!s3Server) {
        const root = tempDir('healthchain-e2e-vault-crash-s3-');
        dirs.push(root);
        s3Server = await startS3Server(root, 'records');
        s3Server.root = root;
      }
      store = {
        args: ['--store', 's3://records/hospital-a'],
        env: { ...S3_CREDENTIALS, AWS_ENDPOINT: s3Server.endpoint },
        objects: join(s3Server.root, 'records', 'hospital-a'),
        // s3s-fs keeps the parts of a multipart upload not yet completed at its root.
        abandoned: () => readdirSync(s3Server.root).filter((name) => name.startsWith('.upload_id-')),
      };
    }
    store.kind = kind;
    store.dataDir = dataDir;
    store.start = async (port) => {
      const vault = await startVault({ chain: node.url, dataDir, port, args: ['--sweep-interval', '1s', ...store.args], env: store.env });
      await waitUntilReady(vault);
      return vault;
    };
    /** The files of the store's prefix: payloads under their hash, anything else apart. */
    store.files = () => {
      const names = existsSync(store.objects) ? readdirSync(store.objects) : [];
      return { payloads: names.filter((n) => PAYLOAD_NAME.test(n)), other: names.filter((n) => !PAYLOAD_NAME.test(n)) };
    };
    store.holds = (hash) => existsSync(join(store.objects, hash.slice(2)));
    /** Every object under a payload's name is whole: its bytes hash to its name. */
    store.assertWhole = () => {
      for (const name of store.files().payloads) {
        assert.equal(blake2AsHex(readFileSync(join(store.objects, name)), 256), `0x${name}`, `the object ${name} is whole`);
      }
    };
    stores[kind] = store;
    return store;
  }

  /**
   * Starts a signed upload of `p` and sends only its first `cut` bytes, leaving the request
   * open. Resolves with the request's end: an answer, or the error of a dropped connection.
   */
  async function uploadCutOff(vault, p, cut) {
    const path = `/v1/payloads/${p.hash}`;
    const signed = await clientOf(vault).signedHeaders({ method: 'PUT', path, bodyHash: p.hash });
    const put = request(`${vault.url}${path}`, {
      method: 'PUT',
      headers: { ...signed, 'content-type': 'application/octet-stream', 'content-length': String(p.bytes.length) },
    });
    const ended = new Promise((resolve) => {
      put.on('response', (response) => {
        response.resume();
        resolve({ status: response.statusCode });
      });
      put.on('error', (error) => resolve({ error }));
    });
    for (let offset = 0; offset < cut; offset += MiB) {
      if (!put.write(p.bytes.subarray(offset, Math.min(cut, offset + MiB)))) {
        const early = await Promise.race([once(put, 'drain').then(() => null), ended]);
        if (early) assert.fail(`the vault ended an upload before its body was whole: ${early.status ?? early.error.message}`);
      }
    }
    return ended;
  }

  /** SIGKILLs `vault`; every upload it was receiving ends with a dropped connection. */
  async function kill(vault, uploads) {
    const exit = await stop(vault, 'SIGKILL');
    assert.equal(exit.signal, 'SIGKILL');
    for (const ended of await Promise.all(uploads)) {
      assert.ok(ended.error && ended.status === undefined, `a cut-off upload got no answer, only a dropped connection (${ended.status})`);
    }
  }

  before(async () => {
    process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING = '1';
    crypto = await import(CRYPTO);
    await cryptoWaitReady();
    const chainDir = tempDir('healthchain-e2e-vault-crash-chain-');
    dirs.push(chainDir);
    node = await startDevNode({ basePath: chainDir });
    api = await connect(node, { rpc: healthchainRpc });
    ({ patient } = await devAccounts());
    patientKeys = crypto.generateKeyPair();
    await finalizedAll([api.tx.records.setEncryptionKey(u8aToHex(patientKeys.publicKey))]);
  });

  after(async () => {
    await api?.disconnect();
    if (s3Server) await stop(s3Server).catch(() => {});
    if (node) await stopNode(node).catch(() => {});
    dirs.forEach(removeDir);
    console.log(
      `vault crash: ${counts.uploadsKilled} uploads killed mid-body, ${counts.pendingAtKill} erasures pending at kill ` +
        `(${counts.deletedBeforeKill} done before it), all ${counts.erasedAfterRestart} erased after restart; ` +
        `${counts.abandonedParts} abandoned S3 multipart parts left to the bucket's lifecycle rule, none an object`,
    );
  });

  for (const kind of ['directory', 's3']) {
    test(`${kind}: a SIGKILL mid-upload leaves nothing to serve, and the upload succeeds again`, async () => {
      const store = await storeOf(kind);
      let vault = await store.start();
      try {
        const large = payload(LARGE);
        const small = payload(SMALL);
        // The records come first: a download then reaches the store rather than stopping at the chain.
        await addRecords([large, small]);
        const partsBefore = new Set(store.abandoned());

        const uploads = [uploadCutOff(vault, large, LARGE / 2), uploadCutOff(vault, small, SMALL / 2)];
        // The large one is being written: its staged body, or its first part, is in the store.
        await waitFor(
          async () => store.files().other.length > 0 || store.abandoned().some((name) => !partsBefore.has(name)),
          'the large upload to reach the store',
          vault,
        );
        for (const p of [large, small]) await refused(clientOf(vault).fetchPayload(p.recordId, p.hash), 'PayloadNotFound', 404);
        await kill(vault, uploads);
        counts.uploadsKilled += uploads.length;
        for (const p of [large, small]) assert.ok(!store.holds(p.hash), 'nothing under the payload name after the kill');
        store.assertWhole();

        vault = await store.start(vault.port);
        for (const p of [large, small]) await refused(clientOf(vault).fetchPayload(p.recordId, p.hash), 'PayloadNotFound', 404);
        assert.deepEqual(store.files().other, [], 'the restarted vault removed what the cut-off uploads staged');
        const abandoned = store.abandoned().filter((name) => !partsBefore.has(name));
        counts.abandonedParts += abandoned.length;

        for (const p of [large, small]) {
          const receipt = await clientOf(vault).upload(p.bytes, p.hash);
          assert.deepEqual([receipt.stored, receipt.size, receipt.referenced], [true, p.bytes.length, true]);
          const { bytes } = await clientOf(vault).fetchPayload(p.recordId, p.hash);
          assert.equal(blake2AsHex(bytes, 256), p.hash);
          assert.ok(u8aEq(bytes, p.bytes), 'the payload comes back byte for byte');
        }
        store.assertWhole();
        assert.deepEqual(store.files().other, []);
        console.log(
          `${kind}: 2 uploads killed mid-body, neither served nor left under its name; ` +
            `${abandoned.length} abandoned multipart parts; both uploaded whole after restart`,
        );
        await stop(vault);
      } finally {
        await stop(vault, 'SIGKILL');
      }
    });

    test(`${kind}: a SIGKILL mid-sweep, and every erasure completes after the restart`, async () => {
      const store = await storeOf(kind);
      let vault = await store.start();
      try {
        // An upload kept open holds the sweep at the erased payload of its stripe; the others
        // have stripes of their own, and the sweep takes them in upload order.
        const holder = payload(16 * MiB);
        const taken = new Set([stripe(holder.hash)]);
        const erased = [];
        for (let i = 0; i < ERASED; i += 1) {
          let p;
          do p = payload(64 * 1024);
          while (i === HELD_AT ? stripe(p.hash) !== stripe(holder.hash) : taken.has(stripe(p.hash)));
          taken.add(stripe(p.hash));
          erased.push(p);
        }
        const kept = Array.from({ length: KEPT }, () => payload(64 * 1024));
        for (const p of [...erased, ...kept]) await clientOf(vault).upload(p.bytes, p.hash);
        await addRecords([...erased, ...kept]);

        const partsBefore = new Set(store.abandoned());
        const holding = uploadCutOff(vault, holder, 12 * MiB);
        await waitFor(
          async () => store.files().other.length > 0 || store.abandoned().some((name) => !partsBefore.has(name)),
          'the held-open upload to reach the store',
          vault,
        );
        const { lastBlock } = await finalizedAll(erased.map(({ recordId }) => api.tx.records.eraseRecord(recordId)));
        // Killed once the vault has applied every erasure and the sweep has begun deleting; the
        // test holds wherever the kill lands.
        await waitFor(
          async () => (await clientOf(vault).health()).finalized >= lastBlock && erased.some((p) => !store.holds(p.hash)),
          'the vault to apply the erasures and begin deleting',
          vault,
        );
        // An upload under an erased hash the sweep has not reached, of bytes that are not the
        // payload's: refused, and the erasure is finished rather than forgotten.
        const last = erased[ERASED - 1];
        let finishedByUpload = 0;
        if (store.holds(last.hash)) {
          await refused(clientOf(vault).upload(randomBytes(4096), last.hash), 'HashMismatch', 400);
          assert.ok(!store.holds(last.hash), 'the upload finished the erasure it found pending');
          finishedByUpload = 1;
        }
        await kill(vault, [holding]);
        counts.uploadsKilled += 1;
        const pending = erased.filter((p) => store.holds(p.hash)).length;
        counts.pendingAtKill += pending;
        counts.deletedBeforeKill += ERASED - pending;

        vault = await store.start(vault.port);
        await waitFor(async () => erased.every((p) => !store.holds(p.hash)), 'every erased payload to leave the store', vault);
        counts.erasedAfterRestart += pending;
        for (const p of erased) await refused(clientOf(vault).fetchPayload(p.recordId, p.hash), 'RecordErased', 410);
        for (const p of kept) {
          assert.ok(store.holds(p.hash));
          assert.ok(u8aEq((await clientOf(vault).fetchPayload(p.recordId, p.hash)).bytes, p.bytes), 'a payload not erased is intact');
        }
        assert.ok(!store.holds(holder.hash), 'the upload cut off by the kill is not an object');
        assert.deepEqual(store.files().other, []);
        store.assertWhole();
        const metrics = await (await fetch(`${vault.url}/metrics`)).text();
        const afterRestart = Number(metrics.match(/^healthchain_vault_deletions_total\{why="erased"\} (\d+)$/m)?.[1] ?? 0);
        console.log(
          `${kind}: SIGKILL mid-sweep with ${pending} of ${ERASED} erasures pending (the sweep held at #${HELD_AT + 1}, ` +
            `${finishedByUpload} finished by a refused upload); all ${pending} erased after restart ` +
            `(${afterRestart} deletions counted there), ${KEPT} kept intact`,
        );
        await stop(vault);
      } finally {
        await stop(vault, 'SIGKILL');
      }
    });
  }
});
