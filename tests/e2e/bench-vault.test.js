// The vault benchmark (bench/vault.js) in its tiny configuration: 2 repetitions of 1 KiB and
// 1 MiB, 4 concurrent clients, a local directory and an S3 store. It checks that the benchmark
// runs to the end and that its figures are well formed, every download byte for byte the
// upload; never a time, which depends on the machine (scripts/bench-vault.sh measures).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { removeDir, tempDir } from './lib/node.js';

const BENCH = fileURLToPath(new URL('./bench/vault.js', import.meta.url));

/** Every number under `value`, with where it is. */
function numbers(value, path = '') {
  if (typeof value === 'number') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => numbers(inner, `${path}.${key}`));
  return [];
}

test('the vault benchmark runs and reports well-formed figures (tiny)', { timeout: 15 * 60_000 }, async () => {
  const dir = tempDir('healthchain-e2e-bench-vault-');
  after(() => removeDir(dir));
  const out = join(dir, 'vault.json');
  const child = spawn(process.execPath, [BENCH, '--tiny', '--json', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'exit');
  console.log(output);
  assert.equal(code, 0, `the benchmark failed:\n${output}`);

  const results = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(Object.keys(results.stores), ['directory', 's3']);
  for (const [kind, figures] of Object.entries(results.stores)) {
    for (const [path, value] of numbers(figures)) {
      assert.ok(Number.isFinite(value) && value > 0, `${kind}${path} is ${value}`);
    }
    assert.deepEqual(
      figures.throughput.map(({ bytes, reps }) => [bytes, reps]),
      [[1024, 2], [1024 * 1024, 2]],
    );
    for (const { size, reps, downloads, downloadsMatched } of figures.throughput) {
      assert.deepEqual([downloads, downloadsMatched], [reps, reps], `${kind} ${size}: every download is the upload's bytes`);
    }
    const { clients, requests, matched } = figures.latency;
    assert.deepEqual([clients, requests, matched], [4, 12, 12], `${kind}: every concurrent download is the upload's bytes`);
  }
  // --tiny has no 32 MiB payload: the latency and memory goals, for each store.
  assert.deepEqual(
    results.goals.map(({ store, goal }) => `${store}: ${goal}`),
    ['directory', 's3'].flatMap((store) => [
      `${store}: release decision p99 <= 3x one runtime API call`,
      `${store}: vault peak RSS < 256 MiB`,
    ]),
  );
  for (const goal of results.goals) {
    assert.ok(Number.isFinite(goal.value) && goal.value > 0, `${goal.store}: ${goal.goal} is ${goal.value}`);
    assert.equal(typeof goal.met, 'boolean');
  }
});
