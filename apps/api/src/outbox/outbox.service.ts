import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { REDIS, REDIS_SOCKET_OPTIONS } from '../redis/redis.module';

/** Does one piece of work, inside a transaction scoped to the organization that asked for it. */
export interface OutboxHandler<P = Record<string, unknown>> {
  run(manager: EntityManager, organizationId: string, payload: P): Promise<void>;
  /** Called (in the same kind of transaction) when an attempt failed; `final` when no retry follows. */
  failed?(manager: EntityManager, organizationId: string, payload: P, error: Error, final: boolean): Promise<void>;
}

const QUEUE = 'outbox';
export const MAX_ATTEMPTS = 5;
const SWEEP_BATCH = 100;

/** 30 s, 2 min, 8 min, 32 min between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return 30 * 4 ** (attempts - 1);
}

/**
 * Work that must happen because of a change (send a mail; later publish a post, remind someone)
 * is written to the `outbox` table in the change's own transaction, then dispatched once it has
 * committed: through a BullMQ queue when Redis is configured (any API or worker instance may run
 * it), in-process otherwise. A periodic sweep re-dispatches what is due and not done (retries,
 * delayed work, work whose dispatch was lost to a crash or a Redis outage), so nothing written is
 * lost. Running is idempotent: a row is locked (SKIP LOCKED) and completed exactly once.
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Outbox.name);
  private readonly handlers = new Map<string, OutboxHandler<never>>();
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  register<P>(topic: string, handler: OutboxHandler<P>): void {
    this.handlers.set(topic, handler as OutboxHandler<never>);
  }

  /** Adds work in the operation's transaction; it is dispatched when that transaction commits. */
  async add(manager: EntityManager, organizationId: string, topic: string, payload: Record<string, unknown>, delaySeconds = 0): Promise<string> {
    if (!this.handlers.has(topic)) throw new Error(`No outbox handler for ${topic}`);
    const id = randomUUID();
    await manager.query(
      `insert into outbox (id, organization_id, topic, payload, available_at) values ($1, $2, $3, $4::jsonb, now() + make_interval(secs => $5))`,
      [id, organizationId, topic, JSON.stringify(payload), delaySeconds],
    );
    // Added from background work (no operation transaction), the row waits for the next sweep.
    if (delaySeconds === 0 && this.db.inOperation) this.db.afterCommit(() => this.dispatch(id, organizationId));
    return id;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.redisUrl) {
      const connection = { ...REDIS_SOCKET_OPTIONS, url: this.config.redisUrl, maxRetriesPerRequest: null };
      const prefix = `${this.config.redisPrefix}:bull`;
      this.queue = new Queue(QUEUE, { connection, prefix });
      this.queue.on('error', (error) => this.logger.warn(`Queue: ${error.message}`));
      this.worker = new Worker(QUEUE, (job) => this.run(job.data.id as string, (job.data.organizationId as string | undefined) ?? null), {
        connection,
        prefix,
        concurrency: 4,
      });
      this.worker.on('error', (error) => this.logger.warn(`Worker: ${error.message}`));
      // Let the connections finish opening (when Redis is there) before the app counts as started:
      // closing a worker half-way through connecting leaves a socket behind.
      if (this.redis?.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        const ready = Promise.all([this.queue.waitUntilReady(), this.worker.waitUntilReady()]).catch(() => undefined);
        await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
        clearTimeout(timer);
      }
    }
    this.sweepTimer = setInterval(() => void this.track(this.sweep()), this.config.outboxSweepMs);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    // With Redis away a graceful close would wait for a connection that may never come back.
    const force = this.redis?.status !== 'ready';
    const closing = Promise.allSettled([this.worker?.close(force), this.queue?.close()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }

  /** Hands work to the queue, or runs it here when there is no Redis or Redis refuses it. */
  dispatch(id: string, organizationId: string): void {
    if (this.stopped) return;
    if (this.queue && this.redis?.status === 'ready') {
      void this.track(
        this.queue.add('run', { id, organizationId }, { jobId: id, removeOnComplete: true, removeOnFail: true }).catch((error: Error) => {
          this.logger.warn(`Queue unavailable (${error.message}); running ${id} here`);
          return this.run(id, organizationId);
        }),
      );
    } else {
      void this.track(this.run(id, organizationId));
    }
  }

  /** Dispatches everything due and not done. Returns how many rows it dispatched. */
  async sweep(): Promise<number> {
    if (this.stopped) return 0;
    try {
      // The outbox is under row-level security like every tenant table: due work across
      // organizations is found through a SECURITY DEFINER function that returns ids only.
      const rows = (await this.db.isolated({ organizationId: null, userId: null }, (manager) =>
        manager.query(`select id, organization_id from outbox_due($1)`, [SWEEP_BATCH]),
      )) as Array<{ id: string; organization_id: string }>;
      for (const row of rows) this.dispatch(row.id, row.organization_id);
      return rows.length;
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Outbox sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** Runs one row if it is due, not done and not being run elsewhere, scoped to its organization. */
  async run(id: string, organizationId: string | null): Promise<void> {
    if (this.stopped) return;
    const tenant = organizationId ?? (await this.organizationOf(id));
    if (!tenant) return;
    await this.db.isolated({ organizationId: tenant, userId: null }, async (manager) => {
      const [row] = (await manager.query(
        `select id, organization_id, topic, payload, attempts from outbox
          where id = $1 and completed_at is null and available_at <= now()
          for update skip locked`,
        [id],
      )) as Array<{ id: string; organization_id: string; topic: string; payload: Record<string, unknown>; attempts: number }>;
      if (!row) return;
      const handler = this.handlers.get(row.topic) as OutboxHandler<Record<string, unknown>> | undefined;
      if (!handler) throw new Error(`No outbox handler for ${row.topic}`);
      const attempts = row.attempts + 1;
      await manager.query('savepoint work');
      try {
        await handler.run(manager, row.organization_id, row.payload);
        await manager.query(`update outbox set attempts = $2, completed_at = now(), last_error = null where id = $1`, [id, attempts]);
      } catch (error) {
        await manager.query('rollback to savepoint work');
        const final = attempts >= MAX_ATTEMPTS;
        const message = (error as Error).message.slice(0, 1000);
        this.logger.warn(`Outbox ${row.topic} ${id} attempt ${attempts} failed${final ? ' (giving up)' : ''}: ${message}`);
        await handler.failed?.(manager, row.organization_id, row.payload, error as Error, final);
        await manager.query(
          `update outbox set attempts = $2, last_error = $3,
                  available_at = now() + make_interval(secs => $4), completed_at = case when $5 then now() end
            where id = $1`,
          [id, attempts, message, retryDelaySeconds(attempts), final],
        );
      }
    });
  }

  /** For jobs queued by versions that did not carry the organization. */
  private async organizationOf(id: string): Promise<string | null> {
    const [row] = (await this.db.isolated({ organizationId: null, userId: null }, (manager) =>
      manager.query(`select outbox_organization($1) as organization_id`, [id]),
    )) as Array<{ organization_id: string | null }>;
    return row?.organization_id ?? null;
  }

  private track<T>(work: Promise<T>): Promise<T | undefined> {
    const guarded = work.catch((error: Error) => {
      if (!this.stopped) this.logger.error(`Outbox: ${error.message}`);
      return undefined;
    });
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
    return guarded;
  }
}
