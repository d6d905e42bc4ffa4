// A patient stores an encrypted lab result on Healthchain and shares it with a clinician, who
// logs the access, fetches the payload from the vault, checks it against the chain and
// decrypts it.
//
//   node records-client.js --ws ws://127.0.0.1:9944 --vault http://127.0.0.1:8090
//
// Also a module: `runRecordsStory(options)` runs the same story and returns what happened.
// README.md explains each step and the key envelope.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aEq, u8aToHex, u8aToString } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

import { VaultClient } from '../../../vault/client/vault-client.js';
import { contentHash, decryptPayload, encryptPayload, generateKeyPair, unwrapKey, wrapKey } from './crypto.js';

/**
 * The `records_get` JSON-RPC method, declared for polkadot.js (pass as the `rpc` option of
 * `ApiPromise.create`). The full set of Healthchain's methods is in docs/rpc.md.
 */
export const recordsRpc = {
  records: {
    get: {
      description: 'A record: { live: RecordDetails } or { erased: Tombstone }, or null when unknown.',
      params: [
        { name: 'recordId', type: 'u64' },
        { name: 'at', type: 'BlockHash', isOptional: true },
      ],
      type: 'Option<Json>',
    },
  },
};

export const DEFAULTS = {
  ws: 'ws://127.0.0.1:9944',
  vault: 'http://127.0.0.1:8090',
  patient: '//Patient',
  clinician: '//Clinician',
};

/** How long connecting, or one transaction, may take. */
const WAIT_LIMIT_MS = 120_000;

/** A small FHIR Observation. Every value in it is made up. */
function syntheticObservation() {
  return {
    resourceType: 'Observation',
    meta: {
      // HL7 "test health data": this is not about a real person.
      tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' }],
    },
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: {
      coding: [
        { system: 'http://loinc.org', code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' },
      ],
    },
    subject: { display: 'Synthetic patient' },
    effectiveDateTime: new Date().toISOString(),
    valueQuantity: { value: 95, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
  };
}

/**
 * Runs the story against the node at `ws`, keeping payloads in the healthchain-vault at
 * `vault`, which follows that node. `patient` and `clinician` are secret URIs of funded
 * accounts; the patient grants the clinician's own account, so any account can play the
 * clinician. Resolves with a summary; rejects with a clear message on the first failure.
 */
export async function runRecordsStory({
  ws = DEFAULTS.ws,
  vault: vaultUrl = DEFAULTS.vault,
  patient: patientUri = DEFAULTS.patient,
  clinician: clinicianUri = DEFAULTS.clinician,
  log = console.log,
} = {}) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const patient = keyring.addFromUri(patientUri);
  const clinician = keyring.addFromUri(clinicianUri);
  // Each signs its own requests to the vault.
  const vaultAs = (pair) => new VaultClient(vaultUrl, { address: pair.address, sign: (bytes) => pair.sign(bytes) });

  const api = await connect(ws);
  try {
    if (!api.tx.records) throw new Error(`the runtime at ${ws} has no Records pallet`);
    if (!api.rpc.records?.get) throw new Error(`the node at ${ws} does not serve records_get`);
    const blocks = {};

    // 1. Both publish an x25519 public key. The secret keys never leave this process.
    const patientKeys = generateKeyPair();
    const clinicianKeys = generateKeyPair();
    const publish = (keys, signer, who) =>
      submit(api, api.tx.records.setEncryptionKey(u8aToHex(keys.publicKey)), signer, `${who}: setEncryptionKey`);
    const [patientKeySet, clinicianKeySet] = await Promise.all([
      publish(patientKeys, patient, 'patient'),
      publish(clinicianKeys, clinician, 'clinician'),
    ]);
    blocks.patientKey = patientKeySet.blockHash;
    blocks.clinicianKey = clinicianKeySet.blockHash;
    log(`1. keys published: patient ${patient.address}, clinician ${clinician.address}`);

    // 2. Encrypt under a fresh data key, hash the ciphertext, upload it to the vault. The
    //    vault never sees the plaintext or the key.
    const plaintext = stringToU8a(JSON.stringify(syntheticObservation()));
    const { dataKey, encrypted } = encryptPayload(plaintext);
    const hash = contentHash(encrypted);
    await vaultAs(patient)
      .upload(encrypted, u8aToHex(hash))
      .catch((error) => {
        throw new Error(`patient: the vault refused the upload: ${error.message}`);
      });
    log(`2. payload encrypted (${encrypted.length} bytes), uploaded to the vault under its content hash ${u8aToHex(hash)}`);

    // 3. The patient registers the record, with the data key wrapped to their own key.
    //    Bytes go as hex: polkadot.js reads a bare Uint8Array argument as SCALE-encoded.
    const added = await submit(
      api,
      api.tx.records.addRecord(
        patient.address,
        'LabResult',
        u8aToHex(hash),
        'ContentHash',
        u8aToHex(wrapKey(dataKey, patientKeys.publicKey)),
        null,
      ),
      patient,
      'patient: addRecord',
    );
    const recordId = eventData(api, added, 'RecordAdded').recordId.toNumber();
    blocks.added = added.blockHash;
    log(`3. record ${recordId} added (LabResult)`);

    // 4. The patient grants the clinician Read on lab results for treatment, then wraps the
    //    data key to the clinician's published key.
    const granted = await submit(
      api,
      api.tx.consent.grant(
        clinician.address,
        { wildcard: false, categories: ['LabResult'] },
        { read: true, write: false },
        'Treatment',
        null,
        null,
      ),
      patient,
      'patient: consent.grant',
    );
    const consentId = eventData(api, granted, 'ConsentGranted', 'consent').consentId.toNumber();
    blocks.granted = granted.blockHash;
    const shared = await submit(
      api,
      api.tx.records.shareKey(recordId, clinician.address, u8aToHex(wrapKey(dataKey, clinicianKeys.publicKey))),
      patient,
      'patient: shareKey',
    );
    eventData(api, shared, 'KeyShared');
    blocks.shared = shared.blockHash;
    log(`4. consent ${consentId} granted to the clinician, key shared`);

    // 5. The clinician logs the access first: the vault releases the payload only after
    //    seeing this in a finalized block.
    const accessed = await submit(
      api,
      api.tx.records.logAccess(recordId, 'Treatment'),
      clinician,
      'clinician: logAccess',
      { finalized: true },
    );
    eventData(api, accessed, 'RecordAccessed');
    blocks.accessed = accessed.blockHash;

    const view = await api.rpc.records.get(recordId);
    if (view.isNone) throw new Error(`records_get(${recordId}) returned null`);
    const record = view.unwrap().toJSON().live;
    if (!record) throw new Error(`record ${recordId} is not live: ${JSON.stringify(view.unwrap().toJSON())}`);
    const mine = record.envelopes.find(({ recipient }) => u8aEq(decodeAddress(recipient), clinician.publicKey));
    if (!mine) throw new Error(`record ${recordId} holds no key envelope for the clinician`);

    // The locator says the payload is in the custodian's store (here, the vault) under its
    // content hash.
    if (!('contentHash' in record.locator)) {
      throw new Error(`record ${recordId} is not in a content-addressed store: ${JSON.stringify(record.locator)}`);
    }
    const { bytes: fetched } = await vaultAs(clinician)
      .fetchPayload(recordId, record.contentHash)
      .catch((error) => {
        throw new Error(`clinician: the vault refused the payload: ${error.message}`);
      });
    if (!u8aEq(contentHash(fetched), hexToU8a(record.contentHash))) {
      throw new Error('the fetched payload does not match the content hash on chain');
    }
    const decrypted = decryptPayload(fetched, unwrapKey(hexToU8a(mine.wrappedKey), clinicianKeys.secretKey));
    const matched = u8aEq(decrypted, plaintext);
    if (!matched) throw new Error('the decrypted payload differs from the original');
    const observation = JSON.parse(u8aToString(decrypted));
    log(
      `5. clinician logged access, fetched and verified the payload, decrypted: ` +
        `${observation.code.coding[0].display} = ${observation.valueQuantity.value} ${observation.valueQuantity.unit}`,
    );

    return {
      patient: patient.address,
      clinician: clinician.address,
      recordId,
      consentId,
      contentHash: u8aToHex(hash),
      locator: record.locator,
      matched,
      blocks,
    };
  } finally {
    await api.disconnect();
  }
}

async function connect(ws) {
  const provider = new WsProvider(ws);
  try {
    // noInitWarn: the signed-extension notice polkadot.js prints is expected (docs/polkadot-js.md).
    return await withTimeout(
      ApiPromise.create({ provider, rpc: recordsRpc, noInitWarn: true, throwOnConnect: true }),
      `a connection to ${ws}`,
    );
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw new Error(`cannot connect to ${ws}: ${error.message}`);
  }
}

/**
 * Signs and submits `tx`; resolves with the block hash and events once it is in a block, or
 * once that block is finalized with `{ finalized: true }`.
 */
function submit(api, tx, signer, what, { finalized = false } = {}) {
  const inclusion = new Promise((resolve, reject) => {
    let unsubscribe;
    let done = false;
    const finish = (settle, value) => {
      done = true;
      unsubscribe?.();
      settle(value);
    };
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (done) return;
      if (status.isInBlock && dispatchError) {
        finish(reject, new Error(`${what} failed: ${describeError(api, dispatchError)}`));
      } else if (status.isInBlock && !finalized) {
        finish(resolve, { blockHash: status.asInBlock.toHex(), events });
      } else if (status.isFinalized && finalized) {
        finish(resolve, { blockHash: status.asFinalized.toHex(), events });
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        finish(reject, new Error(`${what}: transaction ${status.type}`));
      }
    })
      .then((u) => {
        unsubscribe = u;
        if (done) u();
      })
      .catch((error) => finish(reject, new Error(`${what}: ${error.message}`)));
  });
  return withTimeout(inclusion, `${what} to be included`);
}

/** `section.Name` of a pallet error, as the metadata names it. */
function describeError(api, dispatchError) {
  if (!dispatchError.isModule) return dispatchError.toString();
  const module = dispatchError.asModule;
  const { section, name, fields } = api.registry.findMetaError(module);
  if (!fields?.length) return `${section}.${name}`;
  // An error that carries a value, such as `records.AccessDenied(Revoked)`: the bytes after
  // the error's index are the value, of the type the metadata names.
  const type = api.registry.createLookupType(fields[0].type);
  const value = api.registry.createType(type, module.error.toU8a().subarray(1));
  return `${section}.${name}(${value.toString()})`;
}

/** The data of the `section.name` event of a submitted transaction. */
function eventData(api, { events }, name, section = 'records') {
  const found = events.find(({ event }) => api.events[section]?.[name]?.is(event));
  if (!found) throw new Error(`no ${section}.${name} event`);
  return found.event.data;
}

async function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_LIMIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const USAGE = `Usage: node records-client.js [--ws URL] [--vault URL] [--patient SURI] [--clinician SURI]

  --ws URL          the node's WebSocket RPC (default ${DEFAULTS.ws})
  --vault URL       the healthchain-vault that follows that node (default ${DEFAULTS.vault})
  --patient SURI    the patient's secret URI (default ${DEFAULTS.patient})
  --clinician SURI  the clinician's secret URI (default ${DEFAULTS.clinician})`;

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: {
        ws: { type: 'string' },
        vault: { type: 'string' },
        patient: { type: 'string' },
        clinician: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const summary = await runRecordsStory(options);
    console.log(
      `OK: record ${summary.recordId} shared under consent ${summary.consentId}; ` +
        'the clinician decrypted exactly the bytes the patient encrypted.',
    );
    return 0;
  } catch (error) {
    console.error(`FAILED: ${error.message}`);
    return 1;
  }
}

function invokedDirectly() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // Exit explicitly: nothing left open should keep a finished command waiting.
  process.exit(await main());
}
