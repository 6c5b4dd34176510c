// Starts the built product (`node apps/api/dist/main.js`) as a deployment would run it, for the
// browser tests and the benchmarks: on a fresh database of the real PostgreSQL and the real Redis,
// or embedded (PGlite) in a fresh data dir.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps', 'api', 'dist', 'main.js');

function adminUrl() {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function adminQuery(sql) {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, output, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Clearpost exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Clearpost did not become healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * @param {{ embedded?: boolean, dataDir?: string, env?: Record<string, string>, nodeArgs?: string[] }} [options]
 * @returns {Promise<{ baseUrl: string, startedInMs: number, databaseUrl: string | null, pid: number, stop(): Promise<void> }>}
 */
async function startProduct(options = {}) {
  if (!existsSync(MAIN)) throw new Error('Build first (npm run build): apps/api/dist/main.js is missing');
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', ...options.env };
  let cleanup;
  let databaseUrl = null;
  if (options.embedded) {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clearpost-'));
    Object.assign(env, { CLEARPOST_DATA_DIR: dataDir });
    for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY']) delete env[name];
    cleanup = async () => {
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    const database = `clearpost_e2e_${randomBytes(5).toString('hex')}`;
    await adminQuery(`create database "${database}"`);
    const url = new URL(adminUrl());
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    Object.assign(env, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `clearpost-${database}`,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...options.env,
    });
    cleanup = () => adminQuery(`drop database if exists "${database}" with (force)`);
  }

  let log = '';
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keeps the tail only: under load a product logging every request would otherwise fill memory.
  const keep = (chunk) => {
    log += chunk.toString();
    if (log.length > 256_000) log = log.slice(-128_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await cleanup();
  };
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, startedInMs: performance.now() - started, databaseUrl, pid: child.pid, stop };
}

module.exports = { startProduct, adminUrl };
