import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './cluster';

/**
 * Servers a fault test may kill: its own redis-server and its own PostgreSQL cluster (initdb on a
 * spare port), never the machine's shared ones.
 */
export class ThrowawayRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port, empty: a restarted Redis without persistence has lost its queues. */
  async up(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      const ok = await client.connect().then(
        () => client.ping().then(() => true),
        () => false,
      );
      client.disconnect();
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGKILL: no goodbye to its clients. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the test's own, run as the `postgres` user when the test runs as root. */
export class ThrowawayPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<ThrowawayPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'clearpost-pg-'));
    const pg = new ThrowawayPostgres(await freePort(), dir);
    if (process.getuid?.() === 0) chownSync(dir, Number(run('id', ['-u', 'postgres']).trim()), Number(run('id', ['-g', 'postgres']).trim()));
    pg.pg('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    pg.ctl('start');
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Fast shutdown (connections cut, transactions rolled back), then up again. */
  restart(): void {
    this.ctl('restart', ['-m', 'fast']);
  }

  stop(): void {
    this.ctl('stop', ['-m', 'immediate']);
  }

  close(): void {
    try {
      this.stop();
    } catch {
      // already down
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ctl(action: string, extra: string[] = []): void {
    this.pg('pg_ctl', [
      action,
      '-D',
      join(this.dir, 'data'),
      '-w',
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off`,
      ...extra,
    ]);
  }

  private pg(command: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const [bin, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args]] : [join(PG_BIN, command), args];
    run(bin, argv);
  }
}

function run(bin: string, args: string[]): string {
  const result = spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}
