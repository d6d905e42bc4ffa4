// The query benchmark (scripts/bench-queries.sh) once, in a tiny configuration, so that it
// cannot rot: two small states on the debug node (200 and 400 records), tens of calls of each
// read. It asserts what the figures rest on, never a time: every read answered, and answered
// right (the page holds the patient's records, the lot is known and the serial belongs to it,
// the decision names the hospital's grant, ...), and each figure is a real measurement.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { report, runQueries } from './bench/queries.js';

const CALLS = 40;
const READS = ['consent_checkAccess', 'records_byPatient', 'records_accessLog', 'drugLots_verify', 'drugLots_verify + serial proof', 'trials_get'];

test('the query benchmark measures every read, and every answer is right', { timeout: 300_000 }, async () => {
  const results = await runQueries({ scales: [0.002, 0.004], calls: CALLS, concurrency: 8, rounds: 2, blockTimeMs: 1000, log: () => {} });
  report(results);

  const expected = [['state_getStorage', 'System.Account'], ...READS.flatMap((name) => [[name, 'rpc'], [name, 'state_call']])];
  const finite = (x) => Number.isFinite(x) && x > 0;
  for (const run of results.runs) {
    assert.equal(run.sizes.records, run.sizes.patients * 10);
    assert.ok(run.setup.calls > run.sizes.records, 'the set-up made every call');
    assert.deepEqual(run.reads.map((r) => [r.name, r.via]), expected);
    for (const read of run.reads) {
      const what = `${read.name} (${read.via}) at scale ${run.scale}`;
      assert.equal(read.calls, CALLS, what);
      assert.equal(read.wrong, 0, `${what}: ${read.firstWrong}`);
      for (const figure of [read.p50, read.p99, read.max, read.mean, read.callsPerSecond, read.ratioP99]) assert.ok(finite(figure), `${what}: ${figure}`);
      assert.ok(read.p50 <= read.p99 && read.p99 <= read.max, what);
    }
    assert.deepEqual(run.interference.map((r) => r.load), ['records_byPatient via rpc', 'records_byPatient via state_call']);
    for (const row of run.interference) {
      assert.equal(row.wrong, 0, `${row.load}: ${row.firstWrong}`);
      for (const figure of [row.p50, row.p99, row.loadCallsPerSecond]) assert.ok(finite(figure), `${row.load}: ${figure}`);
    }
  }
  assert.equal(results.growth.length, expected.length);
  for (const g of results.growth) assert.ok(finite(g.p50.growth) && finite(g.p99.growth), g.name);

  // A new benchmark component must say what it counts: the report tells whether a weight grows
  // with the chain's state.
  assert.ok(results.weights.components.length > 0);
  for (const c of results.weights.components) assert.doesNotMatch(c.counts, /not classified/, `${c.pallet}.${c.call}(${c.component})`);
});
