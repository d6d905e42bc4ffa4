// Hostile and careless input at the transaction and RPC layer, through polkadot.js and raw
// JSON-RPC: each gets a clear JSON-RPC error or a named dispatch error, the node keeps
// producing blocks, and a failed call changes nothing but the fee. Prints its counts.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { stringToHex, u8aToHex } from '@polkadot/util';

import { assertFailedWith, errorName, eventsOf } from './lib/chain.js';
import { bestNumber, connect, devAccounts, startDevNode, stopNode, submitAndWatch, waitForHeight } from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';

const GTIN = '00012345600012';
const OTHER_GTIN = '10614141000415';
const bytes = (n, fill = 'a') => stringToHex(fill.repeat(n));
const hash = (n) => '0x' + n.toString(16).padStart(2, '0').repeat(32);

describe('bad input', () => {
  let node;
  let api;
  let accounts;
  const counts = { rpcErrors: 0, dispatchErrors: 0 };

  before(async () => {
    accounts = await devAccounts();
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
  });

  after(async () => {
    console.log(
      `bad input: ${counts.rpcErrors} refused with a JSON-RPC error, ${counts.dispatchErrors} failed with a named dispatch error`,
    );
    await api?.disconnect();
    if (node) await stopNode(node, 'SIGINT');
  });

  /** A raw JSON-RPC call over HTTP: the body as a client sends it, the reply as it comes. */
  const rpc = async (method, params) => {
    const response = await fetch(node.url.replace('ws://', 'http://'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return response.json();
  };

  /**
   * `method(params)` must fail with JSON-RPC error `code` (or one of several), its message
   * matching `message`.
   */
  const refused = async (method, params, code, message) => {
    const { error, result } = await rpc(method, params);
    assert.equal(result, undefined, `${method} must not succeed`);
    assert.ok([code].flat().includes(error?.code), `${method}: ${JSON.stringify(error)}`);
    if (message) assert.match(`${error.message} ${error.data ?? ''}`, message, `${method}: ${JSON.stringify(error)}`);
    counts.rpcErrors += 1;
    return error;
  };

  /** Signs `tx` for `signer` (with `options`) and returns the extrinsic's bytes. */
  const signedHex = async (tx, signer, options = {}) => (await tx.signAsync(signer, options)).toHex();

  /** Submits `tx` and expects the named dispatch error `expected`. */
  const fails = async (tx, signer, expected) => {
    const result = await submitAndWatch(tx, signer, node);
    assertFailedWith(api, result, expected);
    counts.dispatchErrors += 1;
    return result;
  };

  test('malformed, forged, replayed and oversized extrinsics are refused at submission', async () => {
    const { alice, bob } = accounts;
    const transfer = () => api.tx.balances.transferKeepAlive(bob.address, 1_000_000n);

    // Bytes that are no extrinsic at all: refused by the node's decoding (1040), or, when they
    // pass for a length-prefixed blob, by the runtime's (1002, a verification error).
    for (const garbage of ['0x', '0x00', '0x1234', '0x' + 'ff'.repeat(64), '0x08' + '00'.repeat(2)]) {
      await refused('author_submitExtrinsic', [garbage], [1002, 1040], /decode|verification/i);
    }
    await refused('author_submitExtrinsic', ['not hex'], -32602);

    // A valid extrinsic whose signature was tampered with.
    const tx = await transfer().signAsync(alice);
    const raw = tx.toU8a();
    const signature = tx.signature.toU8a();
    const at = raw.findIndex((_, i) => signature.every((b, j) => raw[i + j] === b));
    assert.ok(at > 0, 'the signature is in the extrinsic');
    const forged = raw.slice();
    forged[at + 10] ^= 0xff;
    await refused('author_submitExtrinsic', [u8aToHex(forged)], 1010, /bad signature/i);

    // A nonce already used, and the transaction it would replay.
    const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const first = await submitAndWatch(transfer(), alice, node);
    assert.equal(first.dispatchError, undefined);
    await refused('author_submitExtrinsic', [await signedHex(transfer(), alice, { nonce })], 1010, /outdated|stale/i);

    // Bigger than a whole block: refused before it reaches the pool.
    const code = (await api.rpc.state.getStorage(':code')).unwrap().toHex();
    const huge = api.tx.sudo.sudo(api.tx.system.setCode('0x' + '00'.repeat(6 * 1024 * 1024)));
    await refused('author_submitExtrinsic', [await signedHex(huge, alice)], 1010, /exhaust/i);
    assert.equal((await api.rpc.state.getStorage(':code')).unwrap().toHex(), code, 'the code is unchanged');

    // Remarks carry free bytes: refused to signed accounts, even inside a batch.
    const remark = api.tx.system.remark(stringToHex('patient X is HIV+'));
    await refused('author_submitExtrinsic', [await signedHex(remark, alice)], 1010, /call/i);
    await refused('author_submitExtrinsic', [await signedHex(api.tx.utility.batch([remark]), alice)], 1010, /call/i);
  });

  test('a future nonce waits in the pool without being included', async () => {
    const { ferdie, bob } = accounts;
    const nonce = (await api.rpc.system.accountNextIndex(ferdie.address)).toNumber();
    const free = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
    const future = await signedHex(api.tx.balances.transferKeepAlive(bob.address, 1n), ferdie, { nonce: nonce + 5 });
    const { result, error } = await rpc('author_submitExtrinsic', [future]);
    assert.equal(error, undefined, JSON.stringify(error));
    assert.match(result, /^0x[0-9a-f]{64}$/);
    await waitForHeight(api, (await bestNumber(api)) + 2, node);
    assert.equal((await api.query.system.account(ferdie.address)).data.free.toBigInt(), free, 'nothing ran');
    assert.equal((await api.rpc.system.accountNextIndex(ferdie.address)).toNumber(), nonce);
    // Removing it leaves the pool as it was.
    const removed = await api.rpc.author.removeExtrinsic([{ Hash: result }]);
    assert.equal(removed.length, 1);
  });

  test('fields one byte over their bounds, an invalid GTIN and unknown ids are named errors', async () => {
    const { alice, manufacturer, sponsor, patient, pharmacy, dave } = accounts;
    const held = async (who) => (await api.query.balances.holds(who.address)).reduce((s, h) => s + h.amount.toBigInt(), 0n);
    const manufacturerHeld = await held(manufacturer);

    // DrugLots: a product name of 129 bytes (the bound is 128), a GTIN whose check digit is
    // wrong, a lot number of 21 characters (the bound is 20), lots and shipments that do not
    // exist.
    await fails(api.tx.drugLots.registerProduct(stringToHex(GTIN), bytes(129)), manufacturer, 'drugLots.NameTooLong');
    await fails(api.tx.drugLots.registerProduct(stringToHex('00012345600013'), bytes(10)), manufacturer, 'drugLots.InvalidGtin');
    await fails(api.tx.drugLots.registerProduct(stringToHex('1234'), bytes(10)), manufacturer, 'drugLots.InvalidGtin');
    assert.ok((await api.query.drugLots.products(stringToHex(GTIN))).isNone, 'no product was registered');
    const registered = await submitAndWatch(api.tx.drugLots.registerProduct(stringToHex(OTHER_GTIN), bytes(128)), manufacturer, node);
    assert.equal(registered.dispatchError, undefined, 'a name of exactly 128 bytes is fine');
    const expiry = { year: 2030, month: 1, day: 1 };
    await fails(
      api.tx.drugLots.commissionLot(stringToHex(OTHER_GTIN), bytes(21, '1'), expiry, 10, null),
      manufacturer,
      'drugLots.InvalidLotNumber',
    );
    await fails(api.tx.drugLots.ship(stringToHex(OTHER_GTIN), stringToHex('NOPE'), pharmacy.address, 1), manufacturer, 'drugLots.UnknownLot');
    await fails(api.tx.drugLots.receive(999_999), pharmacy, 'drugLots.UnknownShipment');
    // Only the valid product holds a deposit: exactly its ticket, however many calls failed.
    const product = (await api.query.drugLots.products(stringToHex(OTHER_GTIN))).unwrap();
    const ticket = BigInt(product.deposit.toString());
    assert.ok(ticket > 0n);
    assert.equal((await held(manufacturer)) - manufacturerHeld, ticket, 'only the valid product holds a deposit');

    // Trials: a title of 257 bytes (256), a registry name of 17 bytes (16), an identifier of
    // 33 bytes (32), nine registry ids (8), and a trial that does not exist.
    const trial = (ids, title) =>
      api.tx.trials.registerTrial(ids, title, 'Phase2', hash(1), hash(2), 10, Date.now() + 365 * 24 * 3600 * 1000);
    const nct = [[stringToHex('NCT'), stringToHex('NCT01234567')]];
    await fails(trial(nct, bytes(257)), sponsor, 'trials.TitleTooLong');
    await fails(trial([[bytes(17), stringToHex('X1')]], bytes(8)), sponsor, 'trials.InvalidRegistryId');
    await fails(trial([[stringToHex('NCT'), bytes(33)]], bytes(8)), sponsor, 'trials.InvalidRegistryId');
    const nine = Array.from({ length: 9 }, (_, i) => [stringToHex(`R${i}`), stringToHex(`ID${i}`)]);
    await fails(trial(nine, bytes(8)), sponsor, 'trials.TooManyRegistryIds');
    assert.equal((await api.query.trials.nextTrialId()).toNumber(), 0, 'no trial was registered');
    await fails(api.tx.trials.enroll(999_999, hash(3)), patient, 'trials.NotFound');

    // Records: a record that does not exist.
    await fails(api.tx.records.logAccess(999_999, 'Treatment'), patient, 'records.NotFound');

    // Organizations: the registrar's fields one byte over (name 128, license 64), and a
    // jurisdiction that is no ISO 3166 code. Root's call fails inside `sudo`.
    for (const [name, license, jurisdiction, expected] of [
      [bytes(129), bytes(4), 'GB', 'organizations.NameTooLong'],
      [bytes(4), bytes(65), 'GB', 'organizations.LicenseTooLong'],
      [bytes(4), bytes(4), 'G1', 'organizations.InvalidJurisdiction'],
    ]) {
      const result = await submitAndWatch(
        api.tx.sudo.sudo(api.tx.organizations.register(dave.address, 'Clinic', name, license, stringToHex(jurisdiction))),
        alice,
        node,
      );
      const [[, data]] = eventsOf(result.events, 'sudo').filter(([event]) => event === 'Sudid');
      assert.ok(data.sudoResult.isErr, `${expected}: sudo reports the failure`);
      assert.equal(errorName(api, data.sudoResult.asErr), expected);
      counts.dispatchErrors += 1;
    }
    assert.ok((await api.rpc.organizations.get(dave.address)).isNone, 'nothing was registered');
  });

  test('every Healthchain RPC method refuses malformed parameters', async () => {
    let methods = 0;
    for (const [section, entries] of Object.entries(healthchainRpc)) {
      for (const [method, { params }] of Object.entries(entries)) {
        const name = `${section}_${method}`;
        methods += 1;
        // No parameters (where one is required), an object where an account, id or block hash
        // belongs, and a string that is no account, number or hash.
        if (params.some((p) => !p.isOptional)) await refused(name, [], -32602);
        await refused(name, [{ garbage: true }, 'x', -1], -32602);
        await refused(name, ['0xzz'], -32602);
      }
    }
    console.log(`malformed parameters: ${methods} methods, each refused three ways`);
    assert.ok(methods >= 20, `${methods} methods`);
  });

  test('drugLots_verify refuses a proof far longer than any lot needs', async () => {
    const long = Array.from({ length: 10_000 }, (_, i) => hash(i % 256));
    await refused('drugLots_verify', [GTIN, 'LOT-1', 'SN1', long], -32602, /at most/);
  });

  test('the node kept producing blocks throughout', async () => {
    const height = await bestNumber(api);
    await waitForHeight(api, height + 2, node);
  });
});
