import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { Db } from '../database/db.service';
import { Outbox } from '../outbox/outbox.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { REDIS } from '../redis/redis.module';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics (GET /metrics): request and GraphQL operation latency by operation, the
 * database pool, round trips per transaction, the outbox's lag and the queue's depth, jobs, audit
 * appends and failed sign-ins. Label values are bounded: operations are named by their root
 * fields (the schema's, not the client's choice of operation name).
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'clearpost_http_request_duration_seconds',
    help: 'HTTP requests, by method, route and status class.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'clearpost_graphql_operation_duration_seconds',
    help: 'GraphQL operations, by type, root fields and outcome.',
    labelNames: ['type', 'operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly roundTrips = new Histogram({
    name: 'clearpost_db_round_trips_per_transaction',
    help: 'Database round trips of each transaction (a read is three: check, statement, commit).',
    buckets: [1, 2, 3, 4, 6, 10, 20, 50],
    registers: [this.registry],
  });

  readonly auditAppends = new Counter({ name: 'clearpost_audit_events_appended_total', help: 'Audit events appended.', registers: [this.registry] });

  readonly signInFailures = new Counter({
    name: 'clearpost_sign_in_failures_total',
    help: 'Sign-ins refused for a wrong email or password.',
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'clearpost_jobs_total',
    help: 'Job attempts, by topic and outcome.',
    labelNames: ['topic', 'outcome'],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'clearpost_job_duration_seconds',
    help: 'Job attempts, prepare to outcome, by topic.',
    labelNames: ['topic'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(
    private readonly db: Db,
    dataSource: DataSource,
    private readonly outbox: Outbox,
    outboxRows: OutboxRepository,
    @Inject(REDIS) redis: Redis | null,
  ) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    new Gauge({
      name: 'clearpost_db_pool_connections',
      help: 'Database pool connections, by state (in use, idle, waiting for one).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    const database = this.db;
    const due = new Gauge({ name: 'clearpost_outbox_due_jobs', help: 'Outbox rows due and not taken.', registers: [this.registry] });
    new Gauge({
      name: 'clearpost_outbox_lag_seconds',
      help: 'How long the oldest due outbox row has waited.',
      registers: [this.registry],
      async collect() {
        const stats = await database.run({ organizationId: null, userId: null }, (tx) => outboxRows.dueStats(tx)).catch(() => null);
        due.set(stats?.count ?? 0);
        this.set(stats?.oldestSeconds ?? 0);
      },
    });
    const outboxService = this.outbox;
    new Gauge({
      name: 'clearpost_queue_jobs',
      help: 'Jobs in the Redis queue, by state (absent without Redis).',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        if (!redis || redis.status !== 'ready') return;
        const counts = await outboxService.queueCounts().catch(() => null);
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'clearpost_process_' });
  }

  onModuleInit(): void {
    this.db.onFinish((stats) => this.roundTrips.observe(stats.roundTrips));
    this.outbox.report({
      ran: (topic, outcome, seconds) => {
        this.jobs.inc({ topic, outcome });
        this.jobDuration.observe({ topic }, seconds);
      },
    });
  }
}
