// Reading what a transaction did: its events, its error, the deposits it held.

import assert from 'node:assert/strict';

/** The events of pallet `section` in `events`, as `[name, data]`. */
export function eventsOf(events, section) {
  return events
    .filter(({ event }) => event.section === section)
    .map(({ event }) => [event.method, event.data]);
}

/** `section.Name` of a dispatch error, decoded from the metadata when it is a pallet's. */
export function errorName(api, dispatchError) {
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

/** Fails with the decoded error when a dispatch failed. */
export function assertSuccess(api, { dispatchError }) {
  if (dispatchError) assert.fail(`the extrinsic failed: ${errorName(api, dispatchError)}`);
}

/** Fails unless the dispatch failed with the pallet error `expected` (`section.Name`). */
export function assertFailedWith(api, { dispatchError }, expected) {
  assert.ok(dispatchError, `the extrinsic should fail with ${expected}, but it succeeded`);
  assert.equal(errorName(api, dispatchError), expected);
}

/** The sum of the balances held from `address` (every hold reason), at `blockHash` or now. */
export async function heldBalance(api, address, blockHash) {
  const query = blockHash ? (await api.at(blockHash)).query : api.query;
  const holds = await query.balances.holds(address);
  return holds.reduce((sum, { amount }) => sum + amount.toBigInt(), 0n);
}

/** The chain's time (`pallet_timestamp`, ms) at `blockHash`. */
export async function timestampAt(api, blockHash) {
  return (await (await api.at(blockHash)).query.timestamp.now()).toNumber();
}
