// Records end to end: the client example (docs/examples/records-client) stores an encrypted lab
// result in a real healthchain-vault and shares it; then the patient revokes, a clinician breaks the glass, and the
// patient erases the record.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { assertFailedWith, assertSuccess, eventsOf, heldBalance, timestampAt } from './lib/chain.js';
import { connect, devAccounts, removeDir, startDevNode, stopNode, submitAndWatch, tempDir } from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';
import { startVault, stop, waitUntilReady } from './lib/vault.js';

const EXAMPLE = '../../docs/examples/records-client/records-client.js';

/** The runtime's EmergencyAccessDuration: 24 h. */
const EMERGENCY_ACCESS_MS = 86_400_000;

/** A key envelope of the example: ephemeral key, nonce, wrapped key, tag (92 bytes). */
const ENVELOPE_HEX = /^0x[0-9a-f]{184}$/;

/** The example, with its own copy of @polkadot/api from its own node_modules. */
async function importExample() {
  // Both copies are the same pinned versions: polkadot.js may load them side by side quietly.
  process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING = '1';
  try {
    return await import(EXAMPLE);
  } catch (error) {
    throw new Error(
      `cannot load the records client example (${error.message}); ` +
        'run `npm ci` in docs/examples/records-client first',
    );
  }
}

describe('Records', () => {
  let node;
  let api;
  let accounts;
  let vaultDir;
  let vault;
  let runRecordsStory;
  /** What the example did: record, consent, block hashes. */
  let story;

  before(async () => {
    ({ runRecordsStory } = await importExample());
    accounts = await devAccounts();
    vaultDir = tempDir('healthchain-e2e-vault-');
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
    vault = await startVault({ chain: node.url, dataDir: vaultDir });
    await waitUntilReady(vault);
  });

  after(async () => {
    await api?.disconnect();
    if (vault) await stop(vault);
    if (node) await stopNode(node, 'SIGINT');
    if (vaultDir) removeDir(vaultDir);
  });

  const logAccess = (recordId) =>
    submitAndWatch(api.tx.records.logAccess(recordId, 'Treatment'), accounts.clinician, node);
  const accessLog = async () => (await api.rpc.records.accessLog(accounts.patient.address)).toJSON();

  test('the client example: the clinician decrypts what the patient stored and shared', async () => {
    const { patient, clinician } = accounts;
    story = await runRecordsStory({ ws: node.url, vault: vault.url, log: () => {} });
    assert.equal(story.patient, patient.address);
    assert.equal(story.clinician, clinician.address);
    assert.equal(story.matched, true, 'the decrypted bytes are the original bytes');

    const record = (await api.rpc.records.get(story.recordId)).unwrap().toJSON().live;
    assert.ok(record, 'the record is live');
    assert.equal(record.id, story.recordId);
    assert.equal(record.patient, patient.address);
    assert.equal(record.author, patient.address);
    assert.equal(record.category, 'LabResult');
    assert.equal(record.contentHash, story.contentHash);
    assert.deepEqual(record.locator, { contentHash: null });
    assert.deepEqual(story.locator, record.locator);
    assert.equal(record.status, 'Current');
    assert.equal(record.previous, null);
    assert.equal(record.supersededBy, null);
    assert.equal(record.retraction, null);
    assert.equal(record.createdAt, await timestampAt(api, story.blocks.added));
    const recipients = record.envelopes.map(({ recipient }) => recipient);
    assert.deepEqual(recipients.sort(), [patient.address, clinician.address].sort());
    for (const { wrappedKey } of record.envelopes) assert.match(wrappedKey, ENVELOPE_HEX);

    const listed = (await api.rpc.records.byPatient(patient.address, 'LabResult')).toJSON();
    assert.deepEqual(listed.items.map(({ id }) => id), [story.recordId]);
    assert.equal(listed.next, null);

    // The clinician's logAccess is in the patient's access log, allowed through the grant.
    const { items } = await accessLog();
    assert.equal(items.length, 1);
    const [entry] = items;
    assert.equal(entry.recordId, story.recordId);
    assert.equal(entry.accessor, clinician.address);
    assert.equal(entry.purpose, 'Treatment');
    assert.deepEqual(entry.via, { consent: story.consentId });
    assert.equal(entry.at, await timestampAt(api, story.blocks.accessed));
  });

  test('after the patient revokes, the clinician can no longer log access', async () => {
    assert.ok(story, 'needs the record of the first test');
    const revoked = await submitAndWatch(api.tx.consent.revoke(story.consentId), accounts.patient, node);
    assertSuccess(api, revoked);
    assert.deepEqual(eventsOf(revoked.events, 'consent').map(([name]) => name), ['ConsentRevoked']);

    const refused = await logAccess(story.recordId);
    assertFailedWith(api, refused, 'records.AccessDenied(Revoked)');
    assert.equal((await accessLog()).items.length, 1, 'a refused access is not logged');
  });

  test('emergency access: a hospital clinician breaks the glass, and it is logged', async () => {
    assert.ok(story, 'needs the record of the first test');
    const { patient, clinician, hospital } = accounts;
    const justificationHash = blake2AsHex('synthetic justification note, kept off chain', 256);

    const granted = await submitAndWatch(
      api.tx.records.emergencyAccess(patient.address, 'PatientUnconscious', justificationHash),
      clinician,
      node,
    );
    assertSuccess(api, granted);
    const startedAt = await timestampAt(api, granted.blockHash);
    const event = eventsOf(granted.events, 'records').find(([name]) => name === 'EmergencyAccessGranted');
    assert.ok(event, 'EmergencyAccessGranted is emitted');
    const [, data] = event;
    assert.equal(data.patient.toString(), patient.address);
    assert.equal(data.accessor.toString(), clinician.address);
    assert.equal(data.organization.toString(), hospital.address);
    assert.equal(data.reason.toString(), 'PatientUnconscious');
    assert.equal(data.justificationHash.toHex(), justificationHash);
    assert.equal(data.expiresAt.toNumber(), startedAt + EMERGENCY_ACCESS_MS);

    const accessId = data.accessId.toNumber();
    const page = (await api.rpc.records.emergencyAccesses(patient.address)).toJSON();
    assert.equal(page.next, null);
    assert.equal(page.items.length, 1);
    assert.deepEqual(page.items[0], {
      id: accessId,
      accessor: clinician.address,
      organization: hospital.address,
      reason: 'PatientUnconscious',
      justificationHash,
      startedAt,
      expiresAt: startedAt + EMERGENCY_ACCESS_MS,
      endedAt: null,
      endedBy: null,
      flag: null,
      active: true,
    });

    // The decision says so, in the same JSON through the RPC and the runtime API.
    const args = [patient.address, clinician.address, 'LabResult', 'Read', 'Treatment'];
    const viaRpc = (await api.rpc.consent.checkAccess(...args)).toJSON();
    assert.deepEqual(viaRpc, { allowed: { emergency: accessId } });
    assert.deepEqual((await api.call.consentApi.checkAccess(...args)).toJSON(), viaRpc);

    // The revoked grant no longer applies; the emergency access does, and the log says so.
    const accessed = await logAccess(story.recordId);
    assertSuccess(api, accessed);
    assert.ok(eventsOf(accessed.events, 'records').some(([name]) => name === 'RecordAccessed'));
    const { items } = await accessLog();
    assert.equal(items.length, 2);
    assert.equal(items[0].recordId, story.recordId);
    assert.equal(items[0].accessor, clinician.address);
    assert.equal(items[0].purpose, 'Treatment');
    assert.deepEqual(items[0].via, { emergency: accessId });
    assert.equal(items[0].at, await timestampAt(api, accessed.blockHash));
  });

  test('erasure leaves a tombstone and returns the deposits', async () => {
    assert.ok(story, 'needs the record of the first test');
    const { patient } = accounts;
    const live = (await api.rpc.records.get(story.recordId)).unwrap().toJSON().live;
    // Held just before the record was added: the encryption key's deposit only (the grant's
    // deposit came later and went back on revocation).
    const { parentHash } = await api.rpc.chain.getHeader(story.blocks.added);
    const heldBeforeRecord = await heldBalance(api, patient.address, parentHash);
    assert.ok((await heldBalance(api, patient.address)) > heldBeforeRecord, 'the record holds a deposit');

    const erased = await submitAndWatch(api.tx.records.eraseRecord(story.recordId), patient, node);
    assertSuccess(api, erased);
    const event = eventsOf(erased.events, 'records').find(([name]) => name === 'RecordErased');
    assert.ok(event, 'RecordErased is emitted');
    assert.equal(event[1].recordId.toNumber(), story.recordId);
    assert.equal(event[1].patient.toString(), patient.address);
    assert.equal(event[1].versions.toNumber(), 1);

    const view = (await api.rpc.records.get(story.recordId)).unwrap().toJSON();
    assert.equal(view.live, undefined, 'the record is no longer live');
    const { erased: tombstone } = view;
    assert.equal(tombstone.id, story.recordId);
    assert.equal(tombstone.category, 'LabResult');
    assert.equal(tombstone.version, live.version);
    assert.equal(tombstone.previous, null);
    assert.equal(tombstone.erasedAt, await timestampAt(api, erased.blockHash));
    // Nothing that pointed at the payload or its keys is left.
    for (const field of ['patient', 'author', 'contentHash', 'locator', 'envelopes']) {
      assert.equal(tombstone[field], undefined, `a tombstone has no ${field}`);
    }
    const listed = (await api.rpc.records.byPatient(patient.address)).toJSON();
    assert.ok(!listed.items.some(({ id }) => id === story.recordId), 'an erased record is not listed');
    assert.equal(await heldBalance(api, patient.address), heldBeforeRecord);
  });
});
