import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lock } from 'proper-lockfile';
import { readEmbeddedTemplate } from './embedded-template';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL (PGlite, compiled to WebAssembly) persisted in `dataDir`, served on a loopback
 * port so the ordinary `pg` driver and TypeORM talk to it as to any server.
 *
 * Every socket is the superuser and all sockets share one session: tenant isolation relies on
 * each transaction's `SET LOCAL ROLE` and `set_config(..., true)`, never on session state.
 */
export function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const early = starting.get(dataDir);
  if (early) {
    starting.delete(dataDir);
    return early;
  }
  return start(dataDir);
}

const starting = new Map<string, Promise<EmbeddedPostgres>>();

/**
 * Starts the embedded database before the application's modules load (main.ts), so the WebAssembly
 * compiles and the cluster opens while Node reads the rest of the code; the DatabaseModule's
 * `startEmbeddedPostgres` for the same directory then takes this one over.
 */
export function prestartEmbeddedPostgres(dataDir: string): void {
  const promise = start(dataDir);
  promise.catch(() => undefined); // reported when the DatabaseModule takes it over
  starting.set(dataDir, promise);
}

async function start(dataDir: string): Promise<EmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  mkdirSync(dataDir, { recursive: true });
  // Two processes on one PGlite data dir would corrupt it: the second one stops here.
  const unlock = await lock(dataDir, { lockfilePath: `${dataDir}.lock`, stale: 30_000 }).catch((error: { code?: string }) => {
    if (error.code === 'ELOCKED') {
      throw new Error(`Another Clearpost is already running on ${dataDir}. Stop it, or set CLEARPOST_DATA_DIR to another folder.`);
    }
    throw error;
  });
  const started = Date.now();
  // A new data dir starts from the cluster packed at build time rather than running initdb.
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const template = fresh ? readEmbeddedTemplate() : null;
  const db = await PGlite.create({ dataDir, ...(template ? { loadDataDir: template } : {}) });
  // The socket server serves one backend; 8 sockets are multiplexed onto it and a socket holding
  // an open transaction keeps the backend until it commits (the default of 1 drops a pool's 2nd socket).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  logger.log(`Embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${dataDir})`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      await unlock();
    },
  };
}
