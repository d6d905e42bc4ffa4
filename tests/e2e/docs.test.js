// The JavaScript in the docs runs as written: the blocks of docs/polkadot-js.md as one
// program, the example of docs/rpc.md and the README's, each against a fresh dev chain. The
// only change made is the node's address, ws://127.0.0.1:9944 in the docs.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { healthchainRpc } from './lib/rpc.js';
import { connect, freeBalance, runCli, startDevNode, stopNode } from './lib/node.js';

const E2E_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(E2E_DIR, '..', '..');
const DOCS_ADDRESS = 'ws://127.0.0.1:9944';
/** How long one doc program may run before the test fails. */
const PROGRAM_LIMIT_MS = 5 * 60_000;

/** The runtime wasm a program may read, as a build leaves it: the node's genesis code. */
const RUNTIME_WASM = 'healthchain_runtime.compact.compressed.wasm';
let wasm;
function runtimeWasm() {
  if (!wasm) {
    const exported = runCli(['export-genesis-wasm', '--chain', 'dev']);
    assert.equal(exported.status, 0, exported.stderr);
    wasm = Buffer.from(exported.stdout.trim().slice(2), 'hex');
  }
  return wasm;
}

/** The ```js blocks of a Markdown file, in order. */
function jsBlocks(markdownPath) {
  const markdown = readFileSync(join(ROOT, markdownPath), 'utf8');
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map(([, code]) => code);
}

/**
 * Runs `code` as an ES module with `node`, in a fresh directory inside tests/e2e (so that the
 * suite's node_modules resolve), next to a copy of healthchain-rpc.js and the runtime wasm,
 * as the docs ask. Resolves with its exit code and output.
 */
async function runProgram(code, node) {
  assert.ok(code.includes(DOCS_ADDRESS), `the program connects to ${DOCS_ADDRESS}`);
  const dir = mkdtempSync(join(E2E_DIR, '.doc-run-'));
  try {
    writeFileSync(join(dir, 'program.mjs'), code.replaceAll(DOCS_ADDRESS, node.url));
    copyFileSync(join(ROOT, 'docs/examples/healthchain-rpc.js'), join(dir, 'healthchain-rpc.js'));
    if (code.includes(RUNTIME_WASM)) writeFileSync(join(dir, RUNTIME_WASM), runtimeWasm());

    const child = spawn(process.execPath, ['program.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROGRAM_LIMIT_MS);
    const [status, signal] = await once(child, 'exit');
    clearTimeout(timer);
    return { status, signal, stdout, stderr, log: `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}\n--- node ---\n${node.output}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the docs run as written', () => {
  let node;
  let api;

  before(async () => {
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node);
  });

  // Each program expects the chain as the one before it left it: the tour, which changes
  // most, comes last.
  test('docs/rpc.md, the polkadot.js example', async () => {
    const [example, ...rest] = jsBlocks('docs/rpc.md');
    assert.equal(rest.length, 0, 'one example');
    const run = await runProgram(example, node);
    assert.equal(run.status, 0, run.log);
    assert.match(run.stdout, /Healthchain General Hospital/, run.log);
    assert.match(run.stdout, /denied/, run.log);
  });

  test("the README's transfer", async () => {
    const [example, ...rest] = jsBlocks('README.md');
    assert.equal(rest.length, 0, 'one example');
    const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
    const before = await freeBalance(api, bob);
    const run = await runProgram(example, node);
    assert.equal(run.status, 0, run.log);
    // The README submits and does not wait: the transfer lands in a coming block.
    const deadline = Date.now() + 60_000;
    while ((await freeBalance(api, bob)) === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(await freeBalance(api, bob), before + 10n ** 12n);
  });

  test('docs/polkadot-js.md, every block in order, as one program', async () => {
    const blocks = jsBlocks('docs/polkadot-js.md');
    assert.ok(blocks.length >= 15, `${blocks.length} blocks`);
    const run = await runProgram(blocks.join('\n'), node);
    assert.equal(run.status, 0, run.log);
    const lines = run.stdout.split('\n');
    const printed = (expected) => assert.ok(lines.some((line) => line.includes(expected)), `prints ${expected}\n${run.log}`);
    printed('healthchain');
    printed('HLTH');
    printed('balances.Transfer');
    printed('Nurse');
    printed("{ allowed: { consent: 0 } }");
    printed('consent.NotPatient');
    printed("Only the grant's patient may revoke");
    printed("{ denied: 'Revoked' }");
    printed('true 186');
    printed('{ consent: 1 }');
    printed('broke the glass until');
    printed("{ allowed: { consent: 2 } }");
    printed("{ denied: 'Expired' }");
    printed('Ferdie Labs');
    printed('runtime upgraded');
    // What the program did is on chain.
    const ferdie = '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL';
    assert.equal((await api.rpc.organizations.get(ferdie)).unwrap().toJSON().name, 'Ferdie Labs');
  });
});
