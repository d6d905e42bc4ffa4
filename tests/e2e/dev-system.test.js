// The README's first command, scripts/dev.sh, starts a working system: the dev chain, the
// vault beside it, following it, and the portal, which the vault serves. Ctrl-C stops both
// and removes the temporary data.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { freePort, NODE_BINARY, waitFor } from './lib/node.js';
import { VAULT_BINARY } from './lib/vault.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('scripts/dev.sh starts the chain and the vault, and stops both', async () => {
  const [rpcPort, p2pPort, vaultPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    join(ROOT, 'scripts/dev.sh'),
    ['--dev-block-time', '1000', '--rpc-port', String(rpcPort), '--port', String(p2pPort), '--no-prometheus'],
    {
      // The binaries the suite built: the script runs them instead of building.
      env: {
        ...process.env,
        HEALTHCHAIN_NODE: NODE_BINARY,
        HEALTHCHAIN_VAULT: VAULT_BINARY,
        HEALTHCHAIN_VAULT_LISTEN: `127.0.0.1:${vaultPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const script = { output: '' };
  const keep = (chunk) => {
    script.output = (script.output + chunk.toString()).slice(-50_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  try {
    // The vault answers 200 only once it follows the chain.
    await waitFor(async () => (await fetch(`http://127.0.0.1:${vaultPort}/healthz`)).ok, 'the dev vault', script);
    const health = await (await fetch(`http://127.0.0.1:${vaultPort}/healthz`)).json();
    assert.equal(health.chain, `ws://127.0.0.1:${rpcPort}`);
    assert.match(script.output, new RegExp(`chain: ws://127\\.0\\.0\\.1:${rpcPort}`));
    assert.match(script.output, new RegExp(`vault: http://127\\.0\\.0\\.1:${vaultPort}`));
    // The vault serves the portal, built by the suite before this test.
    const portal = await (await fetch(`http://127.0.0.1:${vaultPort}/`)).text();
    assert.match(portal, /<title>Healthchain portal<\/title>/);
    const data = /data: (\S+) \(removed when this stops/.exec(script.output)?.[1];
    assert.ok(data && existsSync(join(data, 'vault', 'vault.sqlite')), `the vault's database is under the chain's base path\n${script.output}`);

    // Ctrl-C reaches the whole process group, as in a terminal.
    process.kill(-child.pid, 'SIGINT');
    await exited;
    assert.ok(!existsSync(data), 'the temporary data is removed');
    await assert.rejects(fetch(`http://127.0.0.1:${vaultPort}/healthz`), 'the vault stopped');
  } finally {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }
});
