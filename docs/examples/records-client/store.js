// A local directory standing in for the off-chain store (healthchain-vault, an object store).
// It holds encrypted payloads only, each under its content hash: the blake2b-256 hash of its
// bytes, the hash the record carries on chain. The record's locator is therefore
// `ContentHash`, and says nothing else.
//
// A real store sits behind a gateway that releases a payload only to an accessor whose
// `RecordAccessed` event for that record it has seen on chain; this one does no checks.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const CONTENT_HASH = /^0x([0-9a-f]{64})$/;

export class FileStore {
  constructor(dir) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Stores `bytes` and returns their content hash (`0x` hex). Storing them twice is harmless. */
  put(bytes) {
    const hash = u8aToHex(blake2AsU8a(bytes, 256));
    writeFileSync(this.#path(hash), bytes);
    return hash;
  }

  /** The bytes under `contentHash`; throws if there are none. */
  get(contentHash) {
    return new Uint8Array(readFileSync(this.#path(contentHash)));
  }

  /** Deletes the payload under `contentHash`, as the custodian must when a record is erased. */
  delete(contentHash) {
    rmSync(this.#path(contentHash), { force: true });
  }

  #path(contentHash) {
    // Only a well-formed hash maps to a file: nothing outside the directory is reachable.
    const match = CONTENT_HASH.exec(contentHash);
    if (!match) throw new Error(`not a content hash: ${JSON.stringify(contentHash)}`);
    return join(this.dir, match[1]);
  }
}
