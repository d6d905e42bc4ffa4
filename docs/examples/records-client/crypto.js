// The client-side cryptography of a Healthchain record, with no chain involved.
//
// A payload is encrypted once, under a fresh random data key. The chain stores the blake2b-256
// hash of the encrypted bytes, and the data key only wrapped (encrypted) to one recipient's
// x25519 public key at a time.
//
//   encrypted payload = nonce (12) || ciphertext || tag (16)          AES-256-GCM
//   key envelope      = ephemeral public key (32) || nonce (12)
//                       || wrapped data key (32) || tag (16)          92 bytes
//
// The key that wraps the data key (the KEK) is
//   HKDF-SHA256(x25519(ephemeral secret, recipient public),
//               salt = ephemeral public || recipient public, info = ENVELOPE_INFO, 32 bytes).

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

import { x25519 } from '@noble/curves/ed25519.js';
import { blake2AsU8a } from '@polkadot/util-crypto';

export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
/** Length of a key envelope: what `records.addRecord` and `records.shareKey` store. */
export const ENVELOPE_LENGTH = KEY_LENGTH + NONCE_LENGTH + KEY_LENGTH + TAG_LENGTH;
/** HKDF `info`: names the use, so a KEK derived here is never valid for anything else. */
export const ENVELOPE_INFO = 'healthchain/record-key/v1';

/** A fresh x25519 key pair. Only `publicKey` goes on chain (`records.setEncryptionKey`). */
export function generateKeyPair() {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/** The x25519 public key of `secretKey`. */
export function publicKeyOf(secretKey) {
  return x25519.getPublicKey(secretKey);
}

/** A fresh random 32-byte data key. Each payload, and each version of it, gets its own. */
export function generateDataKey() {
  return new Uint8Array(randomBytes(KEY_LENGTH));
}

/** AES-256-GCM with a random nonce: nonce || ciphertext || tag. */
function seal(key, plaintext) {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]));
}

/** The reverse of `seal`; throws if the bytes or the key are not the ones sealed. */
function open(key, sealed) {
  if (sealed.length < NONCE_LENGTH + TAG_LENGTH) throw new Error('sealed data is too short');
  const bytes = Buffer.from(sealed);
  const nonce = bytes.subarray(0, NONCE_LENGTH);
  const tag = bytes.subarray(bytes.length - TAG_LENGTH);
  const ciphertext = bytes.subarray(NONCE_LENGTH, bytes.length - TAG_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new Error('decryption failed: wrong key, or the data was altered');
  }
}

/**
 * Encrypts `plaintext` (bytes) under a fresh data key. Returns the data key, to be wrapped
 * for each recipient and then forgotten, and the encrypted bytes, to be stored off chain.
 */
export function encryptPayload(plaintext) {
  const dataKey = generateDataKey();
  return { dataKey, encrypted: seal(dataKey, plaintext) };
}

/** Decrypts the output of `encryptPayload` with its data key. */
export function decryptPayload(encrypted, dataKey) {
  if (dataKey.length !== KEY_LENGTH) throw new Error(`a data key is ${KEY_LENGTH} bytes`);
  return open(dataKey, encrypted);
}

/** The content hash the chain stores: blake2b-256 of the encrypted bytes. */
export function contentHash(encrypted) {
  return blake2AsU8a(encrypted, 256);
}

function keyEncryptionKey(sharedSecret, ephemeralPublic, recipientPublic) {
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(hkdfSync('sha256', sharedSecret, salt, ENVELOPE_INFO, KEY_LENGTH));
}

/** Wraps `dataKey` to the x25519 public key of one recipient: a 92-byte envelope. */
export function wrapKey(dataKey, recipientPublicKey) {
  if (dataKey.length !== KEY_LENGTH) throw new Error(`a data key is ${KEY_LENGTH} bytes`);
  if (recipientPublicKey.length !== KEY_LENGTH) throw new Error(`an x25519 public key is ${KEY_LENGTH} bytes`);
  // A new ephemeral key per envelope: no two envelopes share a KEK.
  const ephemeral = generateKeyPair();
  const shared = x25519.getSharedSecret(ephemeral.secretKey, recipientPublicKey);
  const kek = keyEncryptionKey(shared, ephemeral.publicKey, recipientPublicKey);
  const envelope = new Uint8Array(ENVELOPE_LENGTH);
  envelope.set(ephemeral.publicKey, 0);
  envelope.set(seal(kek, dataKey), KEY_LENGTH);
  return envelope;
}

/** Recovers the data key from an envelope wrapped to the public key of `recipientSecretKey`. */
export function unwrapKey(envelope, recipientSecretKey) {
  if (envelope.length !== ENVELOPE_LENGTH) {
    throw new Error(`a key envelope is ${ENVELOPE_LENGTH} bytes, got ${envelope.length}`);
  }
  const ephemeralPublic = envelope.subarray(0, KEY_LENGTH);
  const recipientPublic = publicKeyOf(recipientSecretKey);
  const shared = x25519.getSharedSecret(recipientSecretKey, ephemeralPublic);
  const kek = keyEncryptionKey(shared, ephemeralPublic, recipientPublic);
  return open(kek, envelope.subarray(KEY_LENGTH));
}
