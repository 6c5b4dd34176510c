import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import type { Tx } from '../database/tx';
import { REDIS, REDIS_SOCKET_OPTIONS } from '../redis/redis.module';
import { JOB_TOPIC, type Job, type JobContext } from './job';
import { OutboxRepository } from './outbox.repository';

const QUEUE = 'outbox';
export const MAX_ATTEMPTS = 5;
/** Due rows one sweep looks at (outbox_due's own cap). */
const SWEEP_BATCH = 1000;
/**
 * A job the sweep queued is not queued again by this process for this long: while a backlog waits
 * in BullMQ (or here), re-adding every due row each second would only flood Redis with duplicates.
 * A job Redis lost is queued again after it.
 */
const REQUEUE_AFTER_MS = 30_000;
/** Delayed work nearer than this waits in a timer in-process (without Redis); the sweep finds the rest. */
const IN_PROCESS_DELAY_HORIZON_MS = 10 * 60_000;
const NOBODY = { organizationId: null, userId: null };

/** 30 s, 2 min, 8 min, 32 min between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return 30 * 4 ** (attempts - 1);
}

/**
 * The BullMQ job for an outbox row after `attempts` attempts. A name per attempt count: the same
 * name twice is one job (the sweep finding what a delayed job already holds), while a row whose
 * last attempt died with its worker (its job stuck "active" in Redis) is queued anew.
 */
function jobIdOf(id: string, attempts: number): string {
  return attempts ? `${id}:${attempts}` : id;
}

/** What the outbox reports about itself (metrics). */
export interface OutboxEvents {
  ran(topic: string, outcome: 'done' | 'retry' | 'failed' | 'skipped', seconds: number): void;
}

/**
 * Work that must happen because of a change (send a mail; later publish a post, remind someone)
 * is written to the `outbox` table in the change's own transaction, then dispatched once it has
 * committed: through a BullMQ queue when Redis is configured (any worker may run it), in-process
 * otherwise. A periodic sweep re-dispatches what is due and not done (retries, delayed work, work
 * whose dispatch was lost to a crash or a Redis outage), so nothing written is lost.
 *
 * Running a job is claim → work → record: the claim (an attempt id and a lease) commits before
 * any network call; the work runs outside any transaction with an idempotency key; the outcome is
 * recorded in a new transaction, and only by the attempt that still holds the claim. Handlers are
 * found at start: providers marked @JobHandler, in `*.jobs.ts` files.
 *
 * Processes with jobs turned off (CLEARPOST_JOBS=false: API-only replicas) still write and
 * dispatch to the queue; they do not run or sweep.
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(Outbox.name);
  private readonly handlers = new Map<string, Job<never, unknown, unknown>>();
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** BullMQ job ids this process's sweep queued, and when. */
  private readonly recentlyQueued = new Map<string, number>();
  /** In-process runs (without Redis) beyond the concurrency wait here, first in first out. */
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private stopped = false;
  private listener: OutboxEvents | null = null;

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxRepository,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /**
   * Adds work in `tx`, due in `delaySeconds`; it is dispatched when `tx` commits — delayed work as
   * a BullMQ delayed job (or an in-process timer without Redis), found again by the sweep if that
   * is lost.
   */
  async add(tx: Tx, organizationId: string, topic: string, payload: Record<string, unknown>, delaySeconds = 0): Promise<string> {
    if (this.handlers.size && !this.handlers.has(topic)) throw new Error(`No job handler for ${topic}`);
    const id = randomUUID();
    const delay = Math.max(0, delaySeconds);
    await this.outbox.insert(tx, { id, organizationId, topic, payload, delaySeconds: delay });
    // A delayed job has a name of its own, so that the sweep can still run the row if it becomes
    // due sooner (its time moved) — the claim lets only one of the two through.
    tx.afterCommit(() => this.dispatch(id, organizationId, delay * 1000, delay ? `${id}:delayed` : id));
    return id;
  }

  /** Job runs are reported here (metrics). */
  report(listener: OutboxEvents): void {
    this.listener = listener;
  }

  /** Jobs in the Redis queue by state (metrics); empty without Redis. */
  async queueCounts(): Promise<Record<string, number>> {
    return this.queue ? this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed') : {};
  }

  get runsJobs(): boolean {
    return this.config.runJobs;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const topic = wrapper.metatype ? this.reflector.get<string | undefined>(JOB_TOPIC, wrapper.metatype) : undefined;
      if (topic && wrapper.instance) this.handlers.set(topic, wrapper.instance as Job<never, unknown, unknown>);
    }
    if (this.config.redisUrl) {
      const connection = { ...REDIS_SOCKET_OPTIONS, url: this.config.redisUrl, maxRetriesPerRequest: null };
      const prefix = `${this.config.redisPrefix}:bull`;
      this.queue = new Queue(QUEUE, { connection, prefix });
      this.queue.on('error', (error) => this.logger.warn(`Queue: ${error.message}`));
      if (this.config.runJobs) {
        this.worker = new Worker(QUEUE, (job) => this.run(job.data.id as string, (job.data.organizationId as string | undefined) ?? null), {
          connection,
          prefix,
          concurrency: this.config.jobConcurrency,
        });
        this.worker.on('error', (error) => this.logger.warn(`Worker: ${error.message}`));
      }
      // Let the connections finish opening (when Redis is there) before the app counts as started:
      // closing a worker half-way through connecting leaves a socket behind.
      if (this.redis?.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        const ready = Promise.all([this.queue.waitUntilReady(), this.worker?.waitUntilReady()]).catch(() => undefined);
        await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
        clearTimeout(timer);
      }
    }
    if (this.config.runJobs) {
      this.sweepTimer = setInterval(() => void this.track(this.sweep()), this.config.outboxSweepMs);
      this.sweepTimer.unref();
    }
  }

  /**
   * First step of a shutdown (before the HTTP server stops): take no more work, and let the jobs
   * under way finish and record their outcome. Work not yet claimed stays in the outbox for the
   * next process; requests still finishing may queue more (the queue stays open until the end).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    // With Redis away a graceful close would wait for a connection that may never come back.
    const force = this.redis?.status !== 'ready';
    await this.within(10_000, Promise.allSettled([this.worker?.close(force), ...this.running]));
  }

  /** Last step: the queue's connection. */
  async onApplicationShutdown(): Promise<void> {
    await this.within(3_000, Promise.allSettled([this.queue?.close(), ...this.running]));
  }

  private async within(ms: number, work: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /**
   * Hands work to the queue (`delayMs` later), or runs it here when there is no Redis or Redis
   * refuses it. `jobId` names the BullMQ job: the same id twice is one job (the sweep re-dispatching
   * what a delayed job already holds); a retry takes a new one.
   */
  dispatch(id: string, organizationId: string, delayMs = 0, jobId = id): void {
    if (this.queue && this.redis?.status === 'ready') {
      void this.track(
        this.queue.add('run', { id, organizationId }, { jobId, delay: delayMs, removeOnComplete: true, removeOnFail: true }).catch((error: Error) => {
          this.logger.warn(`Queue unavailable (${error.message}); ${this.config.runJobs && !this.stopped ? `running ${id} here` : 'the sweep will find it'}`);
          return this.config.runJobs ? this.runLater(id, organizationId, delayMs) : undefined;
        }),
      );
    } else if (this.config.runJobs && !this.stopped) {
      this.runLater(id, organizationId, delayMs);
    }
  }

  /** In-process: now, or after a timer when due soon; later work is left to the sweep. */
  private runLater(id: string, organizationId: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.runHere(id, organizationId);
    } else if (delayMs <= IN_PROCESS_DELAY_HORIZON_MS) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.runHere(id, organizationId);
      }, delayMs);
      this.timers.add(timer);
    }
  }

  /** Runs a job in this process, at most `jobConcurrency` at once (as the BullMQ worker does). */
  private runHere(id: string, organizationId: string): void {
    const start = () => {
      this.active++;
      void this.track(this.run(id, organizationId)).finally(() => {
        this.active--;
        this.waiting.shift()?.();
      });
    };
    if (this.active < this.config.jobConcurrency) start();
    else this.waiting.push(start);
  }

  /** Dispatches what is due and not done (and not queued by this sweep lately). Returns how many rows it dispatched. */
  async sweep(): Promise<number> {
    if (this.stopped) return 0;
    try {
      // The outbox is under row-level security like every tenant table: due work across
      // organizations is found through a SECURITY DEFINER function that returns ids only.
      const rows = await this.db.run(NOBODY, (tx) => this.outbox.due(tx, SWEEP_BATCH));
      const now = Date.now();
      for (const [jobId, at] of this.recentlyQueued) if (now - at >= REQUEUE_AFTER_MS) this.recentlyQueued.delete(jobId);
      let dispatched = 0;
      for (const row of rows) {
        const jobId = jobIdOf(row.id, row.attempts);
        if (this.recentlyQueued.has(jobId)) continue;
        this.recentlyQueued.set(jobId, now);
        this.dispatch(row.id, row.organization_id, 0, jobId);
        dispatched++;
      }
      return dispatched;
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Outbox sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** Claim → work → record, for one row, if it is due, not done and not held by another attempt. */
  async run(id: string, organizationId: string | null): Promise<void> {
    if (this.stopped) return;
    const tenant = organizationId ?? (await this.db.run(NOBODY, (tx) => this.outbox.organizationOf(tx, id)));
    if (!tenant) return;
    const scope = { organizationId: tenant, userId: null };
    const attemptId = randomUUID();
    const claimed = await this.db.run(scope, (tx) => this.outbox.claim(tx, id, attemptId, this.config.outboxLeaseSeconds));
    if (!claimed) return;
    const started = performance.now();
    const handler = this.handlers.get(claimed.topic) as Job<Record<string, unknown>, unknown, unknown> | undefined;
    const job: JobContext<Record<string, unknown>> = {
      id,
      organizationId: tenant,
      payload: claimed.payload,
      attempt: claimed.attempts,
      attemptId,
      idempotencyKey: id,
    };
    let outcome: { ok: true; result: unknown } | { ok: false; error: Error } | { ok: 'skipped' };
    try {
      if (!handler) throw new Error(`No job handler for ${claimed.topic}`);
      const work = await this.db.run(scope, (tx) => handler.prepare(tx, job));
      outcome = work === null ? { ok: 'skipped' } : { ok: true, result: await handler.perform(job, work) };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    const seconds = (performance.now() - started) / 1000;
    await this.db.run(scope, async (tx) => {
      if (outcome.ok !== false) {
        if ((await this.outbox.complete(tx, id, attemptId)) && outcome.ok === true) await handler?.succeeded?.(tx, job, outcome.result);
        this.listener?.ran(claimed.topic, outcome.ok === true ? 'done' : 'skipped', seconds);
        return;
      }
      const { delaySeconds, final } = handler?.retry?.(outcome.error, job.attempt) ?? {
        delaySeconds: retryDelaySeconds(job.attempt),
        final: job.attempt >= MAX_ATTEMPTS,
      };
      const message = outcome.error.message.slice(0, 1000);
      this.logger.warn(`Job ${claimed.topic} ${id} attempt ${job.attempt} failed${final ? ' (giving up)' : ''}: ${message}`);
      if (await this.outbox.fail(tx, id, attemptId, message, delaySeconds, final)) {
        await handler?.failed?.(tx, job, outcome.error, final, final ? null : new Date(Date.now() + delaySeconds * 1000));
        if (!final) tx.afterCommit(() => this.dispatch(id, tenant, delaySeconds * 1000, jobIdOf(id, job.attempt)));
      }
      this.listener?.ran(claimed.topic, final ? 'failed' : 'retry', seconds);
    });
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
