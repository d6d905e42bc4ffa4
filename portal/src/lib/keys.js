// Each account's x25519 encryption key pair, kept in this browser (localStorage) and never
// sent anywhere; its public key is published on chain. Export and import keep it from being
// lost with the browser profile: without it, records wrapped to it cannot be opened.

import { fromHex, generateKeyPair, publicKeyOf, toHex } from './crypto.js';

const slot = (address) => `healthchain.encryption-key.${address}`;

/** The account's key pair in this browser, or null. */
export function loadKeyPair(address) {
  const stored = globalThis.localStorage?.getItem(slot(address));
  if (!stored) return null;
  const secretKey = fromHex(stored);
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

export function createKeyPair(address) {
  const pair = generateKeyPair();
  globalThis.localStorage.setItem(slot(address), toHex(pair.secretKey));
  return pair;
}

/** A JSON backup of the key pair, to download. */
export function exportKeyPair(address) {
  const pair = loadKeyPair(address);
  if (!pair) throw new Error('this browser holds no encryption key for the account');
  return JSON.stringify(
    { format: 'healthchain-encryption-key/v1', account: address, publicKey: toHex(pair.publicKey), secretKey: toHex(pair.secretKey) },
    null,
    2,
  );
}

/** Restores a backup made by `exportKeyPair` for the same account. */
export function importKeyPair(address, json) {
  const backup = JSON.parse(json);
  if (backup.format !== 'healthchain-encryption-key/v1') throw new Error('not a Healthchain key backup');
  if (backup.account !== address) throw new Error(`the backup is for ${backup.account}, not for this account`);
  const secretKey = fromHex(backup.secretKey);
  if (secretKey.length !== 32 || toHex(publicKeyOf(secretKey)) !== backup.publicKey) throw new Error('the backup is damaged');
  globalThis.localStorage.setItem(slot(address), toHex(secretKey));
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}
