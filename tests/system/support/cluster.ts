import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Several Clearpost processes on one PostgreSQL database and one Redis prefix, as a scaled-out
 * deployment runs: API processes (`dist/main.js`) and workers (`dist/worker.js`), each a real
 * process that can be stopped gracefully or killed.
 */
const ROOT = join(__dirname, '..', '..', '..');
const defaultAdminUrl = () => process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function admin<T>(database: string | null, fn: (client: Client) => Promise<T>, server = defaultAdminUrl()): Promise<T> {
  const url = new URL(server);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
}

export interface ApiProc extends Proc {
  baseUrl: string;
}

export class Cluster {
  private readonly procs: Proc[] = [];

  private constructor(
    readonly database: string,
    readonly env: Record<string, string>,
    readonly adminUrl: string,
  ) {}

  /**
   * A fresh database and Redis prefix; `env` adds to (or with undefined values removes) the shared
   * settings. `adminUrl`: another PostgreSQL server (a throwaway one a test restarts).
   */
  static async create(env: Record<string, string | undefined> = {}, adminUrl = defaultAdminUrl()): Promise<Cluster> {
    const database = `clearpost_sys_${randomBytes(5).toString('hex')}`;
    await admin(null, (client) => client.query(`create database "${database}"`), adminUrl);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const shared: Record<string, string | undefined> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `clearpost-sys-${database}`,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      REQUEST_LIMIT_PER_USER: '1000000',
      REQUEST_LIMIT_PER_IP: '1000000',
      OUTBOX_SWEEP_MS: '300',
      ...env,
    };
    const defined = Object.fromEntries(Object.entries(shared).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return new Cluster(database, defined, adminUrl);
  }

  private spawn(name: string, script: 'main' | 'worker', env: Record<string, string>): Proc {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...this.env, ...env };
    for (const key of ['DATABASE_APP_URL', 'CLEARPOST_DATA_DIR']) delete childEnv[key];
    if (!this.env.REDIS_URL) delete childEnv.REDIS_URL;
    const child = spawn(process.execPath, [join(ROOT, 'apps', 'api', 'dist', `${script}.js`)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (chunk) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const proc: Proc = { name, child, output: () => log, exited };
    this.procs.push(proc);
    return proc;
  }

  /** An API process (HTTP); jobs off unless `jobs`. */
  async api(name: string, options: { jobs?: boolean; env?: Record<string, string> } = {}): Promise<ApiProc> {
    const port = await freePort();
    const proc = this.spawn(name, 'main', { PORT: String(port), HOST: '127.0.0.1', CLEARPOST_JOBS: options.jobs ? 'true' : 'false', ...options.env });
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited with ${proc.child.exitCode}:\n${proc.output()}`);
      const ok = await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { ...proc, baseUrl };
      if (Date.now() > deadline) throw new Error(`${name} not ready within 60 s:\n${proc.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A worker process (jobs, no HTTP). */
  async worker(name: string, env: Record<string, string> = {}): Promise<Proc> {
    const proc = this.spawn(name, 'worker', { LOG_LEVEL: 'info', ...env }); // its "Worker ready" line is info
    const deadline = Date.now() + 60_000;
    while (!/Worker ready/.test(proc.output())) {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited with ${proc.child.exitCode}:\n${proc.output()}`);
      if (Date.now() > deadline) throw new Error(`${name} not ready within 60 s:\n${proc.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return proc;
  }

  /** Sends `signal` and waits for the process to end (SIGKILL after `graceMs`). */
  async stop(proc: Proc, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
    const ended = await Promise.race([proc.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs))]);
    if (!ended) proc.child.kill('SIGKILL');
    return { code: await proc.exited, ms: Date.now() - started };
  }

  /** Statements on this cluster's database, as the superuser. */
  sql<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    return admin(this.database, fn, this.adminUrl);
  }

  async close(): Promise<void> {
    await Promise.all(this.procs.map((proc) => this.stop(proc, 'SIGKILL', 5_000)));
    await admin(null, (client) => client.query(`drop database if exists "${this.database}" with (force)`), this.adminUrl).catch(() => undefined);
    if (this.env.REDIS_URL) {
      const redis = new Redis(this.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, disconnectTimeout: 100 });
      try {
        await redis.connect();
        const keys = await redis.keys(`${this.env.REDIS_PREFIX}:*`);
        if (keys.length) await redis.del(...keys);
      } catch {
        // Redis not reachable: nothing was left there
      } finally {
        redis.disconnect();
      }
    }
  }
}

/** A GraphQL call; throws on errors. */
export async function gql<T = any>(baseUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

/** Signs up through the API; returns the headers acting as this owner in their organization. */
export async function signUp(baseUrl: string, label: string): Promise<Record<string, string>> {
  const data = await gql(baseUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { memberships { organization { id } } } } }`, {
    input: {
      email: `${label}.${randomBytes(4).toString('hex')}@example.test`,
      password: 'a long enough password',
      name: label,
      organizationName: `${label} org`,
    },
  });
  return { authorization: `Bearer ${data.signUp.accessToken}`, 'x-organization-id': data.signUp.user.memberships[0].organization.id };
}
