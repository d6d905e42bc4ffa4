// A local directory standing in for the off-chain store (an object store, IPFS, a hospital's
// system). It holds encrypted payloads only. A payload is named by the blake2b-256 hash of its
// bytes, so its locator is `file:<64 hex digits>`.
//
// A real store sits behind a gateway that releases a payload only to an accessor whose
// `RecordAccessed` event for that record it has seen on chain; this one does no checks.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const LOCATOR = /^file:([0-9a-f]{64})$/;

export class FileStore {
  constructor(dir) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Stores `bytes` and returns their locator. Storing the same bytes twice is harmless. */
  put(bytes) {
    const name = u8aToHex(blake2AsU8a(bytes, 256), -1, false);
    writeFileSync(join(this.dir, name), bytes);
    return `file:${name}`;
  }

  /** The bytes under `locator`; throws if there are none. */
  get(locator) {
    return new Uint8Array(readFileSync(this.#path(locator)));
  }

  /** Deletes the payload under `locator`, as the custodian must when a record is erased. */
  delete(locator) {
    rmSync(this.#path(locator), { force: true });
  }

  #path(locator) {
    // Only a well-formed locator maps to a file: nothing outside the directory is reachable.
    const match = LOCATOR.exec(locator);
    if (!match) throw new Error(`not a locator of this store: ${JSON.stringify(locator)}`);
    return join(this.dir, match[1]);
  }
}
