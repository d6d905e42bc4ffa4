// DrugLots end to end: a lot goes from the demo manufacturer through the distributor to the
// pharmacy, which dispenses and rejects a shipment it did not order; the regulator recalls; a
// further dispense fails; a scanner's drugLots_verify reports the recall and checks a serial
// against the lot's Merkle root, and the history shows every step in order, with the reason
// of the rejection. Also checks scripts/serials/serials.mjs against the chain.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { stringToHex } from '@polkadot/util';

import { proof, root, verify } from '../../scripts/serials/serials.mjs';
import { assertFailedWith, assertSuccess, eventsOf } from './lib/chain.js';
import { connect, devAccounts, startDevNode, stopNode, submitAndWatch } from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';

const GTIN = '00012345600012';
const LOT = 'LOT-2026-A';
const SERIALS = ['SN0001', 'SN0002', 'SN0003', 'SN0004', 'SN0005'];

describe('serials script', () => {
  test('every serial proves against the root, and nothing else does', () => {
    const top = root(SERIALS);
    for (const serial of SERIALS) assert.ok(verify(top, serial, proof(SERIALS, serial)), serial);
    assert.ok(!verify(top, 'SN9999', proof(SERIALS, 'SN0001')));
    assert.ok(!verify(root(['X1', 'X2']), 'SN0001', proof(SERIALS, 'SN0001')));
    assert.throws(() => proof(SERIALS, 'SN9999'));
  });
});

describe('DrugLots', () => {
  let node;
  let api;
  let accounts;

  before(async () => {
    accounts = await devAccounts();
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node, 'SIGINT');
  });

  const send = async (tx, signer) => {
    const result = await submitAndWatch(tx, signer, node);
    assertSuccess(api, result);
    return result;
  };
  const gtin = stringToHex(GTIN);
  const lot = stringToHex(LOT);
  const receiveLatest = async (signer) => {
    const [pending] = (await api.rpc.drugLots.pendingShipments(signer.address)).toJSON().items;
    assert.ok(pending, 'a shipment is waiting');
    await send(api.tx.drugLots.receive(pending.id), signer);
  };

  test('manufacturer to distributor to pharmacy, dispensing, recall, verification', async () => {
    const { manufacturer, distributor, pharmacy, regulator } = accounts;
    await send(api.tx.drugLots.registerProduct(gtin, stringToHex('Aspirin 75 mg tablets')), manufacturer);
    await send(
      api.tx.drugLots.commissionLot(gtin, lot, { year: 2030, month: 6, day: 30 }, 100, root(SERIALS)),
      manufacturer,
    );
    await send(api.tx.drugLots.ship(gtin, lot, distributor.address, 60), manufacturer);
    await receiveLatest(distributor);
    await send(api.tx.drugLots.ship(gtin, lot, pharmacy.address, 20), distributor);
    await receiveLatest(pharmacy);
    await send(api.tx.drugLots.dispense(gtin, lot, 2), pharmacy);
    // A shipment the pharmacy did not order goes back, and the history keeps why.
    await send(api.tx.drugLots.ship(gtin, lot, pharmacy.address, 5), distributor);
    const [unwanted] = (await api.rpc.drugLots.pendingShipments(pharmacy.address)).toJSON().items;
    await send(api.tx.drugLots.reject(unwanted.id, 'WrongQuantity'), pharmacy);

    const recalled = await send(api.tx.drugLots.recall(gtin, lot, '0x' + '11'.repeat(32)), regulator);
    const [[, data]] = eventsOf(recalled.events, 'drugLots').filter(([name]) => name === 'LotRecalled');
    const holders = data.holders.map((h) => h.toString()).sort();
    assert.deepEqual(holders, [manufacturer.address, distributor.address, pharmacy.address].sort());

    const refused = await submitAndWatch(api.tx.drugLots.dispense(gtin, lot, 1), pharmacy, node);
    assertFailedWith(api, refused, 'drugLots.LotNotDispensable');

    const verification = (
      await api.rpc.drugLots.verify(GTIN, LOT, 'SN0003', proof(SERIALS, 'SN0003'))
    ).toJSON();
    assert.equal(verification.known, true);
    assert.equal(verification.status, 'Recalled');
    assert.equal(verification.expired, false);
    assert.equal(verification.manufacturer, manufacturer.address);
    assert.equal(verification.serialValid, true);
    const wrong = (await api.rpc.drugLots.verify(GTIN, LOT, 'SN9999', proof(SERIALS, 'SN0003'))).toJSON();
    assert.equal(wrong.serialValid, false);
    assert.equal((await api.rpc.drugLots.verify(GTIN, 'NOPE', null, null)).toJSON().known, false);

    const history = (await api.rpc.drugLots.history(GTIN, LOT)).toJSON();
    assert.deepEqual(
      history.items.map(({ event }) => event),
      ['Commissioned', 'Shipped', 'Received', 'Shipped', 'Received', 'Dispensed', 'Shipped', 'Rejected', 'Recalled'],
    );
    assert.deepEqual(
      history.items.map(({ reason }) => reason),
      [null, null, null, null, null, null, null, { rejected: 'WrongQuantity' }, null],
    );
    const details = (await api.rpc.drugLots.get(GTIN, LOT)).unwrap().toJSON();
    assert.equal(details.quantity, 100);
    assert.equal(details.dispensed, 2);
    assert.equal(details.held, 98);
    const holdings = (await api.rpc.drugLots.holdings(GTIN, LOT)).toJSON();
    assert.equal(holdings.next, null);
    assert.equal(holdings.items.reduce((sum, { quantity }) => sum + quantity, 0), 98);
    const lots = (await api.rpc.drugLots.byManufacturer(manufacturer.address)).toJSON();
    assert.ok(lots.items.some(({ gtin, lotNumber }) => gtin === GTIN && lotNumber === LOT));
    // A proof longer than any lot needs is refused before the runtime is asked.
    await assert.rejects(
      api.rpc.drugLots.verify(GTIN, LOT, 'SN0003', Array(33).fill('0x' + '00'.repeat(32))),
      /at most 32 hashes/,
    );
  });
});
