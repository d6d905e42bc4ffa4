// healthchain-vault end to end: the real vault over HTTP, following a real dev chain. A patient
// encrypts and uploads, adds the record, grants and shares the key; a clinician logs the
// access, fetches, verifies and decrypts. Then every way the vault refuses, erasure (in the
// store itself, and across a restart of the vault), an S3-compatible store, and a chain that
// stops.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aEq, u8aToHex, u8aToString } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';

import { VaultClient, VaultError } from '../../vault/client/vault-client.js';
import { assertSuccess, eventsOf } from './lib/chain.js';
import {
  connect,
  devAccounts,
  removeDir,
  startDevNode,
  stopNode,
  submitAndWatch,
  tempDir,
  waitFor,
  waitForFinalized,
} from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';
import { S3_CREDENTIALS, startS3Server, startVault, stop, waitUntilReady } from './lib/vault.js';

const CRYPTO = '../../docs/examples/records-client/crypto.js';
const ACCESS_WINDOW_MS = 10 * 60_000;
const MAX_PAYLOAD = 1024 * 1024;
const QUOTA = 3 * 1024 * 1024;

/** A client of `vault` signing as `pair`. */
function clientOf(vault, pair) {
  return new VaultClient(vault.url, { address: pair.address, sign: (bytes) => pair.sign(bytes) });
}

/** Fails unless `promise` rejects with the vault's `reason` (and `status`, `denial`). */
async function refused(promise, reason, status, denial) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof VaultError, `a refusal by the vault, not ${error.stack}`);
    assert.equal(error.reason, reason, error.message);
    if (status) assert.equal(error.status, status, error.message);
    if (denial) assert.equal(error.denial, denial, error.message);
    return true;
  });
}

describe('healthchain-vault', () => {
  let crypto;
  let node;
  let api;
  let chainDir;
  let vaultDir;
  let vault;
  let accounts;
  const keys = {};
  const cleanup = [];

  /** Signs, submits and waits until `call` is in a finalized block; fails if it failed. */
  async function finalized(call, signer) {
    const result = await submitAndWatch(call, signer, node);
    assertSuccess(api, result);
    await waitForFinalized(api, result.blockHash, node);
    return result;
  }

  /** The patient encrypts `text`, uploads it through `through` and adds a record of it. */
  async function addRecord(text, category = 'LabResult', through = vault) {
    const plaintext = stringToU8a(text);
    const { dataKey, encrypted } = crypto.encryptPayload(plaintext);
    const hash = u8aToHex(crypto.contentHash(encrypted));
    const receipt = await clientOf(through, accounts.patient).upload(encrypted, hash);
    assert.deepEqual(
      { contentHash: receipt.contentHash, size: receipt.size, stored: receipt.stored },
      { contentHash: hash, size: encrypted.length, stored: true },
    );
    const added = await finalized(
      api.tx.records.addRecord(
        accounts.patient.address,
        category,
        hash,
        'ContentHash',
        u8aToHex(crypto.wrapKey(dataKey, keys.patient.publicKey)),
        null,
      ),
      accounts.patient,
    );
    const [, data] = eventsOf(added.events, 'records').find(([name]) => name === 'RecordAdded');
    return { recordId: data.recordId.toNumber(), hash, dataKey, encrypted, plaintext, block: added.blockHash };
  }

  const fileOf = (dir, hash) => join(dir, hash.slice(2));

  before(async () => {
    // The example's own copy of @polkadot/util-crypto, the same pinned version as ours.
    process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING = '1';
    crypto = await import(CRYPTO);
    await cryptoWaitReady();
    chainDir = tempDir('healthchain-e2e-vault-chain-');
    vaultDir = tempDir('healthchain-e2e-vault-');
    node = await startDevNode({ basePath: chainDir });
    api = await connect(node, { rpc: healthchainRpc });
    vault = await startVault({
      chain: node.url,
      dataDir: vaultDir,
      args: [
        '--max-payload', String(MAX_PAYLOAD),
        '--quota', String(QUOTA),
        '--access-window', '10m',
        '--sweep-interval', '1s',
      ],
    });
    await waitUntilReady(vault);
    accounts = await devAccounts();
    keys.patient = crypto.generateKeyPair();
    keys.clinician = crypto.generateKeyPair();
    await Promise.all([
      finalized(api.tx.records.setEncryptionKey(u8aToHex(keys.patient.publicKey)), accounts.patient),
      finalized(api.tx.records.setEncryptionKey(u8aToHex(keys.clinician.publicKey)), accounts.clinician),
    ]);
  });

  after(async () => {
    await api?.disconnect();
    if (vault) await stop(vault).catch(() => {});
    if (node) await stopNode(node).catch(() => {});
    for (const dir of [chainDir, vaultDir, ...cleanup]) if (dir) removeDir(dir);
  });

  let story;

  test('the whole story: upload, record, grant, share, log, fetch, verify, decrypt', async () => {
    const { patient, clinician } = accounts;
    const observation = JSON.stringify({ resourceType: 'Observation', code: 'glucose', value: 95, unit: 'mg/dL' });
    const record = await addRecord(observation);
    assert.ok(existsSync(fileOf(join(vaultDir, 'payloads'), record.hash)), 'the payload is in the store');
    // Uploading the same bytes again changes nothing.
    const again = await clientOf(vault, patient).upload(record.encrypted, record.hash);
    assert.equal(again.stored, false);
    assert.equal(again.referenced, true, 'the record references it by now');

    const granted = await finalized(
      api.tx.consent.grant(
        clinician.address,
        { wildcard: false, categories: ['LabResult'] },
        { read: true, write: false },
        'Treatment',
        null,
        null,
      ),
      patient,
    );
    const [, grant] = eventsOf(granted.events, 'consent').find(([name]) => name === 'ConsentGranted');
    await finalized(
      api.tx.records.shareKey(record.recordId, clinician.address, u8aToHex(crypto.wrapKey(record.dataKey, keys.clinician.publicKey))),
      patient,
    );

    const clinicianVault = clientOf(vault, clinician);
    // A consent is not enough: the access must be logged on chain first.
    await refused(clinicianVault.fetchPayload(record.recordId, record.hash), 'NoAccessLogged', 403);
    await finalized(api.tx.records.logAccess(record.recordId, 'Treatment'), clinician);

    const { bytes, route } = await clinicianVault.fetchPayload(record.recordId, record.hash);
    assert.equal(route, 'consent');
    assert.equal(blake2AsHex(bytes, 256), record.hash, 'the bytes are the ones the chain names');
    const view = (await api.rpc.records.get(record.recordId)).unwrap().toJSON().live;
    const envelope = view.envelopes.find(({ recipient }) => u8aEq(decodeAddress(recipient), clinician.publicKey));
    const dataKey = crypto.unwrapKey(hexToU8a(envelope.wrappedKey), keys.clinician.secretKey);
    assert.equal(u8aToString(crypto.decryptPayload(bytes, dataKey)), observation);

    // The vault asks the chain's own rule, which any client can read too.
    const rule = (await api.rpc.records.payloadRelease(record.recordId, clinician.address, record.hash, ACCESS_WINDOW_MS)).toJSON();
    assert.equal(rule.patient, patient.address);
    assert.deepEqual(rule.verdict.release.loggedAccess.via, { consent: grant.consentId.toNumber() });
    const changes = (await api.rpc.records.payloadChanges(record.block)).toJSON();
    assert.deepEqual(changes, [{ referenced: { recordId: record.recordId, contentHash: record.hash } }]);
    const live = (await api.rpc.records.livePayloads(null, 100)).toJSON();
    assert.ok(live.items.some(({ recordId, contentHash }) => recordId === record.recordId && contentHash === record.hash));

    // The patient fetches their own without logging.
    const own = await clientOf(vault, patient).fetchPayload(record.recordId, record.hash);
    assert.equal(own.route, 'patient');
    assert.ok(u8aEq(own.bytes, record.encrypted));

    // The patient reads every answer the vault gave about the record.
    const { items } = await clientOf(vault, patient).releases();
    const mine = items.filter(({ recordId }) => recordId === record.recordId);
    assert.deepEqual(
      mine.map(({ requester, released, reason, ground }) => [requester, released, reason, ground ? Object.keys(ground)[0] : null]),
      [
        [patient.address, true, null, 'patient'],
        [clinician.address, true, null, 'loggedAccess'],
        [clinician.address, false, 'NoAccessLogged', null],
      ],
    );
    assert.deepEqual(mine[1].ground.loggedAccess.via, { consent: grant.consentId.toNumber() });
    assert.equal(mine[1].ground.loggedAccess.purpose, 'Treatment');
    assert.equal(mine[1].contentHash, record.hash);
    // The clinician is nobody's patient here: its own log is empty.
    assert.deepEqual((await clinicianVault.releases()).items, []);
    story = { ...record, consentId: grant.consentId.toNumber() };
  });

  test('a revocation between the log and the fetch refuses the payload, before it is final', async () => {
    assert.ok(story, 'needs the first test');
    // In a block, not yet final: the vault asks the best block too.
    assertSuccess(api, await submitAndWatch(api.tx.consent.revoke(story.consentId), accounts.patient, node));
    await refused(clientOf(vault, accounts.clinician).fetchPayload(story.recordId, story.hash), 'AccessRevoked', 403, 'Revoked');
    const [latest] = (await clientOf(vault, accounts.patient).releases({ limit: 1 })).items;
    assert.deepEqual([latest.reason, latest.denial, latest.released], ['AccessRevoked', 'Revoked', false]);
  });

  test('break-glass: an emergency access releases the payload, and the release is logged', async () => {
    const { patient, clinician } = accounts;
    const record = await addRecord('{"allergy":"penicillin"}', 'Allergy');
    await refused(clientOf(vault, clinician).fetchPayload(record.recordId, record.hash), 'NoAccessLogged', 403);
    const broke = await finalized(
      api.tx.records.emergencyAccess(patient.address, 'PatientUnconscious', blake2AsHex('justification', 256)),
      clinician,
    );
    const [, granted] = eventsOf(broke.events, 'records').find(([name]) => name === 'EmergencyAccessGranted');
    await finalized(api.tx.records.logAccess(record.recordId, 'Treatment'), clinician);
    const { bytes, route } = await clientOf(vault, clinician).fetchPayload(record.recordId, record.hash);
    assert.equal(route, 'emergency');
    assert.ok(u8aEq(bytes, record.encrypted));
    const [latest] = (await clientOf(vault, patient).releases({ limit: 1 })).items;
    assert.equal(latest.recordId, record.recordId);
    assert.equal(latest.released, true);
    assert.deepEqual(latest.ground.loggedAccess.via, { emergency: granted.accessId.toNumber() });
    // Once the patient ends it, the same log no longer releases anything.
    await finalized(api.tx.records.endEmergencyAccess(patient.address, clinician.address), patient);
    await refused(clientOf(vault, clinician).fetchPayload(record.recordId, record.hash), 'AccessRevoked', 403);
    story.emergencyRecord = record;
  });

  test('every refusal has its status and reason, and changes nothing', async () => {
    assert.ok(story?.emergencyRecord, 'needs the earlier tests');
    const { patient, clinician, ferdie } = accounts;
    const patientVault = clientOf(vault, patient);
    const path = `/v1/payloads/${story.hash}`;
    const get = async (headers, query = `record=${story.recordId}`) => {
      const response = await fetch(`${vault.url}${path}?${query}`, { headers });
      return { status: response.status, body: await response.json().catch(() => null) };
    };

    // No signature at all.
    let answer = await get({});
    assert.deepEqual([answer.status, answer.body.error], [401, 'MissingSignature']);
    // Signed by another key than the account's.
    const headers = await patientVault.signedHeaders({ method: 'GET', path, query: `record=${story.recordId}` });
    const forged = await clientOf(vault, ferdie).signedHeaders({ method: 'GET', path, query: `record=${story.recordId}` });
    answer = await get({ ...headers, 'x-healthchain-signature': forged['x-healthchain-signature'] });
    assert.deepEqual([answer.status, answer.body.error], [401, 'BadSignature']);
    // Signed for another query.
    answer = await get(headers, `record=${story.emergencyRecord.recordId}`);
    assert.deepEqual([answer.status, answer.body.error], [401, 'BadSignature']);
    // Sent once, then replayed.
    answer = await fetch(`${vault.url}${path}?record=${story.recordId}`, { headers });
    assert.equal(answer.status, 200);
    answer = await get(headers);
    assert.deepEqual([answer.status, answer.body.error], [401, 'ReplayedRequest']);
    // Signed five minutes ago.
    const stale = await patientVault.signedHeaders({ method: 'GET', path, query: `record=${story.recordId}`, timestamp: Date.now() - 5 * 60_000 });
    answer = await get(stale);
    assert.deepEqual([answer.status, answer.body.error], [401, 'StaleRequest']);
    // A browser wallet's signature, over the text wrapped in <Bytes>, is accepted.
    const wallet = new VaultClient(vault.url, {
      address: patient.address,
      sign: (bytes) => patient.sign(stringToU8a(`<Bytes>${u8aToString(bytes)}</Bytes>`)),
    });
    assert.ok(u8aEq((await wallet.fetchPayload(story.recordId, story.hash)).bytes, story.encrypted));
    // A malformed hash.
    answer = await fetch(`${vault.url}/v1/payloads/0x1234?record=1`);
    assert.deepEqual([answer.status, (await answer.json()).error], [400, 'MalformedRequest']);

    // The wrong hash for a record, and a record that does not exist.
    await refused(patientVault.fetchPayload(story.recordId, story.emergencyRecord.hash), 'RecordHashMismatch', 409);
    await refused(patientVault.fetchPayload(999_999, story.hash), 'UnknownRecord', 404);

    // A tampered body: signed for one hash, carrying other bytes of the same length.
    const payload = new Uint8Array(2048).fill(7);
    const hash = blake2AsHex(payload, 256);
    const tampered = payload.slice();
    tampered[100] ^= 1;
    const signed = await patientVault.signedHeaders({ method: 'PUT', path: `/v1/payloads/${hash}`, bodyHash: hash });
    answer = await fetch(`${vault.url}/v1/payloads/${hash}`, { method: 'PUT', body: tampered, headers: signed });
    assert.deepEqual([answer.status, (await answer.json()).error], [400, 'HashMismatch']);
    assert.ok(!existsSync(fileOf(join(vaultDir, 'payloads'), hash)), 'nothing was stored');

    // Too large, over the quota, and from an account the chain does not know.
    const big = new Uint8Array(MAX_PAYLOAD + 1);
    await refused(patientVault.upload(big, blake2AsHex(big, 256)), 'PayloadTooLarge', 413);
    const ferdieVault = clientOf(vault, ferdie);
    for (let n = 0; n < 3; n += 1) {
      const part = new Uint8Array(MAX_PAYLOAD - 1).fill(n + 1);
      await ferdieVault.upload(part, blake2AsHex(part, 256));
    }
    const over = new Uint8Array(1024).fill(9);
    await refused(ferdieVault.upload(over, blake2AsHex(over, 256)), 'QuotaExceeded', 507);
    const stranger = new Keyring({ type: 'sr25519' }).addFromUri(mnemonicGenerate());
    await refused(clientOf(vault, stranger).upload(over, blake2AsHex(over, 256)), 'UnknownAccount', 403);

    // After the access window: a new grant and log, then the chain's clock moves on.
    await finalized(
      api.tx.consent.grant(clinician.address, { wildcard: false, categories: ['LabResult'] }, { read: true, write: false }, 'Treatment', null, null),
      patient,
    );
    await finalized(api.tx.records.logAccess(story.recordId, 'Treatment'), clinician);
    const clinicianVault = clientOf(vault, clinician);
    assert.ok(u8aEq((await clinicianVault.fetchPayload(story.recordId, story.hash)).bytes, story.encrypted));
    await api.rpc.dev.advanceTime(ACCESS_WINDOW_MS + 60_000);
    await waitFor(async () => {
      try {
        await clinicianVault.fetchPayload(story.recordId, story.hash);
        return false;
      } catch (error) {
        if (error.reason === 'AccessWindowPassed') return true;
        throw error;
      }
    }, 'the access window to pass', node);
  });

  test('erasure deletes the payload from the store, also when the vault was down', async () => {
    const store = join(vaultDir, 'payloads');
    const record = await addRecord('{"erase":"me"}');
    assert.ok(existsSync(fileOf(store, record.hash)));
    await finalized(api.tx.records.eraseRecord(record.recordId), accounts.patient);
    await waitFor(async () => !existsSync(fileOf(store, record.hash)), 'the erased payload to leave the store', vault);
    await refused(clientOf(vault, accounts.patient).fetchPayload(record.recordId, record.hash), 'RecordErased', 410);

    // The vault is killed; the record is erased while it is down; it erases on its return.
    const later = await addRecord('{"erase":"me too"}');
    assert.ok(existsSync(fileOf(store, later.hash)));
    await stop(vault, 'SIGKILL');
    await finalized(api.tx.records.eraseRecord(later.recordId), accounts.patient);
    vault = await startVault({ chain: node.url, dataDir: vaultDir, port: vault.port, args: ['--sweep-interval', '1s'] });
    await waitUntilReady(vault);
    await waitFor(async () => !existsSync(fileOf(store, later.hash)), 'the payload erased while the vault was down to go', vault);
    // What was not erased is still there.
    assert.ok(existsSync(fileOf(store, story.hash)));
  });

  test('an S3-compatible object store, checked in the store itself', async () => {
    const s3Root = tempDir('healthchain-e2e-s3-');
    const s3VaultDir = tempDir('healthchain-e2e-vault-s3-');
    cleanup.push(s3Root, s3VaultDir);
    const server = await startS3Server(s3Root, 'records');
    const s3Vault = await startVault({
      chain: node.url,
      dataDir: s3VaultDir,
      args: ['--store', 's3://records/hospital-a', '--sweep-interval', '1s'],
      env: { ...S3_CREDENTIALS, AWS_ENDPOINT: server.endpoint },
    });
    try {
      await waitUntilReady(s3Vault);
      const record = await addRecord('{"stored":"in S3"}', 'Imaging', s3Vault);
      const object = join(s3Root, 'records', 'hospital-a', record.hash.slice(2));
      assert.ok(u8aEq(readFileSync(object), record.encrypted), 'the object store holds exactly the ciphertext');
      const { bytes } = await clientOf(s3Vault, accounts.patient).fetchPayload(record.recordId, record.hash);
      assert.ok(u8aEq(bytes, record.encrypted));
      await finalized(api.tx.records.eraseRecord(record.recordId), accounts.patient);
      await waitFor(async () => !existsSync(object), 'the erased object to leave the S3 store', s3Vault);
    } finally {
      await stop(s3Vault);
      await stop(server);
    }
  });

  test('an upload no record references is deleted after its grace, and the metrics count it', async () => {
    const graceDir = tempDir('healthchain-e2e-vault-grace-');
    cleanup.push(graceDir);
    const graceVault = await startVault({ chain: node.url, dataDir: graceDir, args: ['--upload-grace', '10s', '--sweep-interval', '1s'] });
    try {
      await waitUntilReady(graceVault);
      const store = join(graceDir, 'payloads');
      const orphan = new Uint8Array(64).fill(3);
      const orphanHash = blake2AsHex(orphan, 256);
      await clientOf(graceVault, accounts.patient).upload(orphan, orphanHash);
      assert.ok(existsSync(fileOf(store, orphanHash)));
      // Referenced by a record within the grace: kept.
      const kept = await addRecord('{"kept":true}', 'Summary', graceVault);
      await waitFor(async () => !existsSync(fileOf(store, orphanHash)), 'the unreferenced upload to be deleted', graceVault);
      assert.ok(existsSync(fileOf(store, kept.hash)), 'the referenced payload stays');
      const metrics = await (await fetch(`${graceVault.url}/metrics`)).text();
      assert.match(metrics, /^healthchain_vault_deletions_total\{why="unreferenced"\} 1$/m);
      assert.match(metrics, /^healthchain_vault_uploads_total 2$/m);
      assert.match(metrics, /^healthchain_vault_chain_up 1$/m);
      assert.match(metrics, /^healthchain_vault_http_requests_total\{route="\/v1\/payloads\/\{hash\}",status="201"\} 2$/m);
    } finally {
      await stop(graceVault);
    }
  });

  test('when the chain stops, the vault fails closed; when it is back, the vault is too', async () => {
    const patientVault = clientOf(vault, accounts.patient);
    await api.disconnect();
    await stopNode(node, 'SIGKILL');
    await refused(patientVault.fetchPayload(story.recordId, story.hash), 'ChainUnavailable', 503);
    const health = await patientVault.health();
    assert.deepEqual([health.ok, health.status], [false, 'failClosed']);
    // The same chain, on the same port, from the same base path.
    node = await startDevNode({ basePath: chainDir, rpcPort: node.rpcPort });
    api = await connect(node, { rpc: healthchainRpc });
    await waitUntilReady(vault);
    const { bytes } = await patientVault.fetchPayload(story.recordId, story.hash);
    assert.ok(u8aEq(bytes, story.encrypted));
  });
});
