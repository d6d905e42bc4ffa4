// The record flows both patients and clinicians use: adding one (encrypt, upload, register)
// and opening one (fetch, check, unwrap, decrypt).

import { Enum } from './chain.js';
import { contentHash, decryptPayload, encryptPayload, envelopeArg, fromHex, toHex, unwrapKey, wrapKey } from './crypto.js';
import { vaultFor } from './vault.js';

/** The patient's published x25519 key, or why there is none. */
export async function publishedKeyOf(chain, address) {
  const entry = await chain.api.query.Records.EncryptionKeys.getValue(address);
  if (!entry) throw { name: 'PatientHasNoKey', meaning: 'The patient has not published an encryption key yet: they open the portal once and create one.' };
  return fromHex(entry.key);
}

/**
 * Encrypts `file` in the browser, uploads the ciphertext to the vault (reporting progress),
 * and registers the record about `patient` with `author`'s signature.
 */
export async function addRecord({ chain, author, patient, category, file, purpose, run, onStage, onProgress }) {
  onStage('Encrypting in the browser…');
  const plaintext = new Uint8Array(await file.arrayBuffer());
  const patientKey = await publishedKeyOf(chain, patient);
  const { dataKey, encrypted } = await encryptPayload(plaintext);
  const hash = toHex(contentHash(encrypted));
  onStage('Uploading the encrypted file to the vault…');
  await vaultFor(author, { onProgress }).upload(encrypted, hash);
  onStage('Registering the record on chain…');
  const envelope = await wrapKey(dataKey, patientKey);
  const result = await run(
    'Add the record',
    chain.api.tx.Records.add_record({
      patient,
      category: Enum(category),
      content_hash: hash,
      locator: Enum('ContentHash'),
      patient_key_envelope: envelopeArg(envelope),
      purpose: purpose ? Enum(purpose) : undefined,
    }),
    author.signer,
  );
  onStage(null);
  return { result, hash };
}

/** What a decrypted payload is, from its first bytes: how to show it. */
export function sniff(bytes) {
  const starts = (...magic) => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46)) return { type: 'application/pdf', kind: 'pdf', extension: 'pdf' };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { type: 'image/png', kind: 'image', extension: 'png' };
  if (starts(0xff, 0xd8, 0xff)) return { type: 'image/jpeg', kind: 'image', extension: 'jpg' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { type: 'image/gif', kind: 'image', extension: 'gif' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    try {
      return { type: 'application/json', kind: 'text', extension: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { type: 'text/plain', kind: 'text', extension: 'txt', text };
    }
  } catch {
    return { type: 'application/octet-stream', kind: 'binary', extension: 'bin' };
  }
}

/**
 * Opens `record` as `reader`: fetches the ciphertext from the vault, checks it against the
 * chain's hash, unwraps the reader's data key and decrypts. A provider logs its access first
 * (`logPurpose`), and waits for that to be final, as the vault requires.
 */
export async function openRecord({ chain, reader, keyPair, record, logPurpose, run, onStage }) {
  const id = record.id;
  if (logPurpose) {
    onStage('Logging the access on chain…');
    await run('Log the access', chain.api.tx.Records.log_access({ record_id: id, purpose: Enum(logPurpose) }), reader.signer);
  }
  onStage('Fetching the encrypted payload from the vault…');
  const { bytes, route } = await vaultFor(reader).fetchPayload(id, record.content_hash);
  if (toHex(contentHash(bytes)) !== record.content_hash.toLowerCase()) {
    throw { name: 'HashMismatch', meaning: 'The vault returned other bytes than the record names: they were not opened.' };
  }
  onStage('Decrypting in the browser…');
  const envelope = record.envelopes.find((entry) => entry.recipient === reader.address);
  if (!envelope) {
    throw { name: 'KeyNotShared', meaning: 'The patient has not shared this record’s key with you: ask them to share it.' };
  }
  if (!keyPair) throw { name: 'NoEncryptionKey', meaning: 'This browser holds no encryption key for your account.' };
  const dataKey = await unwrapKey(envelope.wrapped_key, keyPair.secretKey);
  const plaintext = await decryptPayload(bytes, dataKey);
  onStage(null);
  return { plaintext, route, ...sniff(plaintext) };
}
