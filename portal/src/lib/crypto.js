// The client-side cryptography of a record, in the browser: the same formats as the records
// client example (docs/examples/records-client/crypto.js) and docs/privacy-model.md.
//
//   encrypted payload = nonce (12) || ciphertext || tag (16)                  AES-256-GCM
//   key envelope      = ephemeral x25519 public (32) || nonce (12) || wrapped data key (32) || tag (16)
//   KEK               = HKDF-SHA256(x25519(ephemeral secret, recipient public),
//                                   salt = ephemeral public || recipient public,
//                                   info = "healthchain/record-key/v1")
//   content hash      = blake2b-256(encrypted payload)

import { x25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';

const subtle = globalThis.crypto.subtle;
const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
export const ENVELOPE_LENGTH = KEY_LENGTH + NONCE_LENGTH + KEY_LENGTH + TAG_LENGTH;
const ENVELOPE_INFO = new TextEncoder().encode('healthchain/record-key/v1');

const random = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

export function toHex(bytes) {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function fromHex(hex) {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) throw new Error('not hex');
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A fresh x25519 key pair: the public key goes on chain, the secret stays here. */
export function generateKeyPair() {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function publicKeyOf(secretKey) {
  return x25519.getPublicKey(secretKey);
}

/** The content hash the chain records: blake2b-256 of the encrypted bytes. */
export function contentHash(encrypted) {
  return blake2b(encrypted, { dkLen: 32 });
}

async function seal(key, plaintext) {
  const nonce = random(NONCE_LENGTH);
  const aes = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, aes, plaintext));
  return concat(nonce, sealed);
}

async function open(key, sealed) {
  if (sealed.length < NONCE_LENGTH + TAG_LENGTH) throw new Error('the sealed data is too short');
  const aes = await subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(
      await subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, NONCE_LENGTH), tagLength: 128 }, aes, sealed.subarray(NONCE_LENGTH)),
    );
  } catch {
    throw new Error('decryption failed: a wrong key, or the data was altered');
  }
}

/** Encrypts `plaintext` under a fresh data key: `{ dataKey, encrypted }`. */
export async function encryptPayload(plaintext) {
  const dataKey = random(KEY_LENGTH);
  return { dataKey, encrypted: await seal(dataKey, plaintext) };
}

export function decryptPayload(encrypted, dataKey) {
  return open(dataKey, encrypted);
}

async function keyEncryptionKey(shared, ephemeralPublic, recipientPublic) {
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: concat(ephemeralPublic, recipientPublic), info: ENVELOPE_INFO },
    ikm,
    KEY_LENGTH * 8,
  );
  return new Uint8Array(bits);
}

/** Wraps `dataKey` to one recipient's x25519 public key: a 92-byte envelope. */
export async function wrapKey(dataKey, recipientPublicKey) {
  const ephemeral = generateKeyPair();
  const shared = x25519.getSharedSecret(ephemeral.secretKey, recipientPublicKey);
  const kek = await keyEncryptionKey(shared, ephemeral.publicKey, recipientPublicKey);
  return concat(ephemeral.publicKey, await seal(kek, dataKey));
}

/** Recovers the data key from an envelope wrapped to the public key of `secretKey`. */
export async function unwrapKey(envelope, secretKey) {
  if (envelope.length !== ENVELOPE_LENGTH) throw new Error(`a key envelope is ${ENVELOPE_LENGTH} bytes`);
  const ephemeralPublic = envelope.subarray(0, KEY_LENGTH);
  const shared = x25519.getSharedSecret(secretKey, ephemeralPublic);
  const kek = await keyEncryptionKey(shared, ephemeralPublic, publicKeyOf(secretKey));
  return open(kek, envelope.subarray(KEY_LENGTH));
}

/** An envelope as the chain's `WrappedKey` struct takes it. */
export function envelopeArg(envelope) {
  return {
    ephemeral_public: toHex(envelope.subarray(0, 32)),
    nonce: toHex(envelope.subarray(32, 44)),
    ciphertext: toHex(envelope.subarray(44, 76)),
    tag: toHex(envelope.subarray(76, 92)),
  };
}

/** blake2b-256 of a text (a justification or a note kept off chain), as the chain takes it. */
export function textHash(text) {
  return toHex(blake2b(new TextEncoder().encode(text), { dkLen: 32 }));
}
