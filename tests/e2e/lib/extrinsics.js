// Extrinsics signed offline, for tests and benchmarks that submit thousands: ed25519 keys from
// Node's own crypto (about 35 µs a signature, against about 1 ms for sr25519 in wasm) and an
// encoder of the runtime's signed extrinsic, checked against polkadot.js.

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

import { Keyring, WsProvider } from '@polkadot/api';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** A fresh ed25519 key: its public key and a signing function. */
export function ed25519Key() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return keyFrom(publicKey, privateKey);
}

/** The ed25519 key of a 32-byte seed, as polkadot.js derives it from the same seed. */
export function ed25519FromSeed(seed) {
  // PKCS#8 wrapping of a raw ed25519 seed.
  const der = u8aConcat(hexToU8a('0x302e020100300506032b657004220420'), seed);
  const privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  return keyFrom(createPublicKey(privateKey), privateKey);
}

function keyFrom(publicKey, privateKey) {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  return { publicKey: new Uint8Array(raw), scheme: 0, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

/** A polkadot.js keyring pair as a signer of `encodeSigned`. */
export function sr25519Signer(pair) {
  return { publicKey: pair.publicKey, scheme: 1, sign: (message) => pair.sign(message) };
}

/** What a signature commits to about the chain: its genesis and the runtime's versions. */
export function chainOf(api) {
  return {
    genesis: api.genesisHash.toU8a(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    txVersion: api.runtimeVersion.transactionVersion.toNumber(),
  };
}

/**
 * A signed extrinsic (v4) of the encoded `call` from `signer` at `nonce`, immortal, with no
 * metadata hash, as hex. The runtime's extensions that carry bytes are CheckEra, CheckNonce,
 * ChargeTransactionPayment (the tip) and CheckMetadataHash (its mode); the signed payload
 * adds the spec and transaction versions, the genesis hash twice (an immortal era's block is
 * genesis) and the absent metadata hash.
 */
export function encodeSigned(signer, call, nonce, { genesis, specVersion, txVersion }, tip = 0n) {
  const extra = u8aConcat([0x00], compactToU8a(nonce), compactToU8a(tip), [0x00]);
  const implicit = u8aConcat(u32(specVersion), u32(txVersion), genesis, genesis, [0x00]);
  let payload = u8aConcat(call, extra, implicit);
  if (payload.length > 256) payload = blake2AsU8a(payload, 256);
  const body = u8aConcat([0x84, 0x00], signer.publicKey, [signer.scheme], signer.sign(payload), extra, call);
  return u8aToHex(u8aConcat(compactToU8a(body.length), body));
}

/** Where the signature of an `encodeSigned` extrinsic starts: after the length, version, address. */
export function signatureAt(bytes) {
  const lengthBytes = [1, 2, 4][bytes[0] & 0b11];
  return lengthBytes + 1 + 1 + 32 + 1;
}

function u32(n) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n, true);
  return bytes;
}

/**
 * Throws unless `encodeSigned` gives polkadot.js's bytes for each `[tx, nonce, tip]` of
 * `cases`: ed25519 signatures are deterministic, so the same key, call, nonce and tip must
 * give the same extrinsic.
 */
export function checkEncoder(api, cases) {
  const seed = blake2AsU8a('offline encoder check', 256);
  const pair = new Keyring({ type: 'ed25519' }).addFromSeed(seed);
  const key = ed25519FromSeed(seed);
  if (u8aToHex(key.publicKey) !== u8aToHex(pair.publicKey)) throw new Error('ed25519 keys differ from polkadot.js');
  const { genesisHash, runtimeVersion } = api;
  for (const [tx, nonce, tip] of cases) {
    const signed = tx.sign(pair, { nonce, tip, era: 0, blockHash: genesisHash, genesisHash, runtimeVersion });
    if (encodeSigned(key, tx.method.toU8a(), nonce, chainOf(api), tip) !== signed.toHex()) {
      throw new Error(`the offline encoder signs ${tx.method.section}.${tx.method.method} differently from polkadot.js`);
    }
  }
}

/** A raw JSON-RPC client of `url`, which neither reconnects nor resubmits. */
export async function rawProvider(url, timeoutMs = 600_000) {
  const provider = new WsProvider(url, false, {}, timeoutMs);
  await provider.connect();
  await provider.isReady;
  return provider;
}

/**
 * Throws, naming the block and the error, if a `sudo` call failed in a block after `fromBlock`
 * up to the best one: how a set-up made of Root batches finds the batch that did not go through.
 */
export async function assertRootCallsSucceeded(api, fromBlock) {
  const toBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let number = fromBlock + 1; number <= toBlock; number += 1) {
    const events = await (await api.at(await api.rpc.chain.getBlockHash(number))).query.system.events();
    for (const { event } of events) {
      if (event.section === 'sudo' && event.method === 'Sudid' && event.data.sudoResult.isErr) {
        const error = event.data.sudoResult.asErr;
        const { section, name } = error.isModule ? api.registry.findMetaError(error.asModule) : { section: '', name: error.toString() };
        throw new Error(`a Root batch failed in block #${number}: ${section}.${name}`);
      }
    }
  }
}
