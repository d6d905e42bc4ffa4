// The throughput benchmark (scripts/bench-throughput.sh) once, in a tiny configuration, so
// that it cannot rot: a few extrinsics of each kind on the debug node. It asserts what the
// benchmark's figures rest on, never a time: every extrinsic was included and succeeded (the
// benchmark fails otherwise), and each figure is a real measurement.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { KINDS, runThroughput, table } from './bench/throughput.js';

const N = 12;

test('the throughput benchmark runs every kind', { timeout: 600_000 }, async () => {
  const results = await runThroughput({ n: N, blockTimeMs: 1000, log: () => {} });
  console.log(table(results));
  assert.deepEqual(results.rows.map((r) => r.kind), KINDS);
  for (const row of results.rows) {
    assert.equal(row.included, N, `${row.kind}: every extrinsic included`);
    for (const figure of [row.txPerSecond, row.ceilingTxPerSecond, row.weightPerExtrinsic.refTime, row.weightPerExtrinsic.length]) {
      assert.ok(Number.isFinite(figure) && figure > 0, `${row.kind}: ${figure}`);
    }
    assert.ok(row.fitPerBlock >= 1, `${row.kind}: at least one fits in a block`);
    assert.ok(['refTime', 'proofSize', 'length'].includes(row.binds));
  }
  assert.equal(results.rows[0].ratioToTransfer, 1);
  assert.ok(results.peakRssMiB > 0);
});
