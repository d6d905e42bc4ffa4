#!/usr/bin/env node
// The Merkle root of a lot's serial numbers, and the proof of one serial, as the DrugLots
// pallet checks them (docs/supply-chain.md):
//   leaf = blake2b-256(0x00 ‖ serial as UTF-8 bytes)
//   node = blake2b-256(0x01 ‖ min(a, b) ‖ max(a, b))   (children sorted bytewise)
// An odd node at the end of a level moves up unchanged. A proof is the list of siblings from
// the leaf up.
//
//   scripts/serials.sh root SN1 SN2 SN3            # prints the root
//   scripts/serials.sh proof SN2 SN1 SN2 SN3       # prints {serial, root, proof}
//   scripts/serials.sh root --file serials.txt     # one serial per line
//
// scripts/serials.sh installs its one dependency (@noble/hashes, pinned in package-lock.json)
// on first use; `node scripts/serials/serials.mjs` works once `npm ci` has run here. It is
// also a module: root, proof, verify, leaf and node are exported.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { blake2b } from '@noble/hashes/blake2.js';

const blake2b256 = (...parts) => blake2b(Buffer.concat(parts.map((part) => Buffer.from(part))), { dkLen: 32 });
const u8aToHex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;
const compare = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function leaf(serial) {
  return blake2b256([0], Buffer.from(serial, 'utf8'));
}

export function node(a, b) {
  const [low, high] = compare(a, b) <= 0 ? [a, b] : [b, a];
  return blake2b256([1], low, high);
}

/** Every level of the tree, leaves first. */
function levels(serials) {
  if (serials.length === 0) throw new Error('a lot needs at least one serial');
  const all = [serials.map(leaf)];
  while (all[all.length - 1].length > 1) {
    const level = all[all.length - 1];
    const up = [];
    for (let i = 0; i < level.length; i += 2) up.push(i + 1 < level.length ? node(level[i], level[i + 1]) : level[i]);
    all.push(up);
  }
  return all;
}

/** The root, as 0x hex. */
export function root(serials) {
  const all = levels(serials);
  return u8aToHex(all[all.length - 1][0]);
}

/** The proof of `serial` (its siblings from the leaf up), as 0x hex. */
export function proof(serials, serial) {
  let index = serials.indexOf(serial);
  if (index < 0) throw new Error(`${serial} is not one of the lot's serials`);
  const siblings = [];
  for (const level of levels(serials).slice(0, -1)) {
    const sibling = index % 2 === 0 ? index + 1 : index - 1;
    if (sibling < level.length) siblings.push(u8aToHex(level[sibling]));
    index = Math.floor(index / 2);
  }
  return siblings;
}

/** Whether `serial` with `siblings` hashes up to `expected` (as the chain checks it). */
export function verify(expected, serial, siblings) {
  const hex = (value) => (typeof value === 'string' ? Buffer.from(value.slice(2), 'hex') : value);
  const top = siblings.reduce((acc, sibling) => node(acc, hex(sibling)), leaf(serial));
  return u8aToHex(top) === expected;
}

function main(argv) {
  const [command, ...rest] = argv;
  let serials = rest;
  let wanted;
  if (command === 'proof') [wanted, ...serials] = rest;
  const file = serials.indexOf('--file');
  if (file >= 0) serials = readFileSync(serials[file + 1], 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  if (command === 'root' && serials.length) {
    console.log(root(serials));
  } else if (command === 'proof' && wanted && serials.length) {
    console.log(JSON.stringify({ serial: wanted, root: root(serials), proof: proof(serials, wanted) }, null, 2));
  } else {
    console.error('usage: serials.sh root SERIAL... | proof SERIAL SERIAL... | [--file FILE]');
    process.exit(2);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
