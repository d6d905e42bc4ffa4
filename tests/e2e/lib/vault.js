// Starting, talking to and stopping a real `healthchain-vault` process, and the S3-compatible
// server its tests store into (`s3s-fs` from crates.io, which scripts/setup.sh installs).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { freePort, waitFor } from './node.js';

const TARGET = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/healthchain/target');

/** The vault under test: `$HEALTHCHAIN_VAULT`, or the debug build in the shared target dir. */
export const VAULT_BINARY = process.env.HEALTHCHAIN_VAULT ?? join(TARGET, 'debug/healthchain-vault');

/** The S3-compatible server: `$HEALTHCHAIN_S3S_FS` (scripts/env.sh sets it). */
export const S3_SERVER_BINARY = process.env.HEALTHCHAIN_S3S_FS;

/** The credentials the S3 server is started with, as the vault reads them. */
export const S3_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'healthchain-test',
  AWS_SECRET_ACCESS_KEY: 'healthchain-test-secret',
  AWS_REGION: 'us-east-1',
  AWS_ALLOW_HTTP: 'true',
};

const running = new Set();

after(async () => {
  for (const process of running) await stop(process, 'SIGKILL').catch(() => {});
});

function track(child, name) {
  const process = { child, name, output: '' };
  const keep = (chunk) => {
    process.output = (process.output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  process.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  running.add(process);
  return process;
}

/**
 * Starts the vault on a free port, following the node at `chain` (a ws:// URL), with its
 * database in `dataDir`. `args` are more flags; `env` more environment. Resolves once it
 * answers `/healthz` (with any status: a vault whose chain is down answers 503).
 */
export async function startVault({ chain, dataDir, args = [], env = {}, port }) {
  const listen = port ?? (await freePort());
  const child = spawn(
    VAULT_BINARY,
    ['--listen', `127.0.0.1:${listen}`, '--chain', chain, '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'info', ...env } },
  );
  const vault = track(child, 'healthchain-vault');
  vault.port = listen;
  vault.url = `http://127.0.0.1:${listen}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`healthchain-vault exited early (${child.exitCode}):\n${vault.output}`);
    await fetch(`${vault.url}/healthz`);
    return true;
  }, `the vault at ${vault.url}`, vault);
  return vault;
}

/** Waits until the vault follows the chain: `/healthz` answers 200. */
export async function waitUntilReady(vault) {
  await waitFor(async () => (await fetch(`${vault.url}/healthz`)).ok, `the vault to follow the chain`, vault);
}

/**
 * Starts the S3-compatible server on a free port, serving `root` (a bucket is a directory in
 * it) with `bucket` created, and S3's request signing on.
 */
export async function startS3Server(root, bucket) {
  if (!S3_SERVER_BINARY) throw new Error('HEALTHCHAIN_S3S_FS names the s3s-fs binary: run the suite through scripts/test.sh');
  mkdirSync(join(root, bucket), { recursive: true });
  const port = await freePort();
  const child = spawn(
    S3_SERVER_BINARY,
    [
      '--host', '127.0.0.1', '--port', String(port),
      '--access-key', S3_CREDENTIALS.AWS_ACCESS_KEY_ID, '--secret-key', S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      root,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server = track(child, 's3s-fs');
  server.endpoint = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`s3s-fs exited early (${child.exitCode}):\n${server.output}`);
    await fetch(server.endpoint);
    return true;
  }, 'the S3 server', server);
  return server;
}

/** Stops a process started here with `signal`; resolves with its exit. */
export async function stop(process, signal = 'SIGINT') {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill(signal);
  const exit = await process.exited;
  running.delete(process);
  return exit;
}
