import { graphql } from '../gql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import type { AppConfig } from '../../src/config/config';
import { createTestDatabase, databaseUrl, dropTestDatabase } from './databases';

/** A typed document as plain text, for tests that send variables the schema refuses on purpose. */
export function untyped(document: DocumentNode): string {
  return print(document);
}

export interface GqlOptions {
  token?: string;
  organizationId?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; field?: string; [key: string]: unknown } }>;
  setCookie: string[];
}

export interface SignedIn {
  token: string;
  cookie: string;
  userId: string;
  organizationId: string;
  email: string;
  password: string;
}

/** An API instance on its own fresh database, talking to the real PostgreSQL and Redis (or embedded: `startEmbedded`). */
export class TestApp {
  private baseUrl: string | null = null;

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    /** The PostgreSQL database of this app; '' for an embedded one (its data dir is `config.dataDir`). */
    readonly database: string,
  ) {}

  static async start(
    overrides: Partial<AppConfig> = {},
    extraModules: Type[] = [],
    logger: false | LoggerService = false,
    logStream?: DestinationStream,
  ): Promise<TestApp> {
    const database = await createTestDatabase();
    const config = testConfig({ databaseUrl: databaseUrl(database), redisPrefix: `clearpost-test:${database}`, ...overrides });
    const app = await createApp(config, { logger: logStream ? undefined : logger, extraModules, logStream });
    await app.init();
    return new TestApp(app, config, database);
  }

  /** The zero-configuration mode: embedded PGlite in a fresh data dir, no Redis. */
  static async startEmbedded(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'clearpost-test-embedded-'));
    const config = testConfig({ databaseUrl: null, redisUrl: null, dataDir, ...overrides });
    const app = await createApp(config, { logger: false });
    await app.init();
    return new TestApp(app, config, '');
  }

  get embedded(): boolean {
    return this.config.databaseUrl === null;
  }

  /** Listens on a loopback port (once) and returns the address, for clients other than supertest. */
  async url(): Promise<string> {
    if (!this.baseUrl) {
      await this.app.listen(0, '127.0.0.1');
      const { port } = this.app.getHttpServer().address() as AddressInfo;
      this.baseUrl = `http://127.0.0.1:${port}`;
    }
    return this.baseUrl;
  }

  get http() {
    return this.app.getHttpServer();
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A document typed by codegen (`graphql(...)`, test/gql) answers with its typed data; a plain string with `any`. */
  async gql<TData, TVariables>(query: TypedDocumentNode<TData, TVariables>, variables?: TVariables, options?: GqlOptions): Promise<GqlResponse<TData>>;
  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<T>>;
  async gql(query: string | DocumentNode, variables: unknown = {}, options: GqlOptions = {}): Promise<GqlResponse<any>> {
    const req = request(this.http).post('/graphql').set('content-type', 'application/json');
    if (options.token) req.set('authorization', `Bearer ${options.token}`);
    if (options.organizationId) req.set('x-organization-id', options.organizationId);
    if (options.cookie) req.set('cookie', options.cookie);
    for (const [name, value] of Object.entries(options.headers ?? {})) req.set(name, value);
    const res = await req.send({ query: typeof query === 'string' ? query : print(query), variables });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return { status: res.status, data: res.body.data ?? null, errors: res.body.errors, setCookie };
  }

  /** Signs up a new person with their own organization. */
  async signUp(label = 'user'): Promise<SignedIn> {
    const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'a long enough password';
    const res = await this.gql(
      graphql(`
        mutation TestApp1($input: SignUpInput!) {
          signUp(input: $input) {
            accessToken
            user {
              id
              memberships {
                organization {
                  id
                }
              }
            }
          }
        }
      `),
      {
        input: { email, password, name: `Test ${label}`, organizationName: `${label} organization` },
      },
    );
    if (!res.data) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
    return {
      token: res.data.signUp.accessToken,
      cookie: refreshCookie(res.setCookie)!,
      userId: res.data.signUp.user.id,
      organizationId: res.data.signUp.user.memberships[0].organization.id,
      email,
      password,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.embedded) rmSync(this.config.dataDir, { recursive: true, force: true });
    else await dropTestDatabase(this.database);
    if (this.config.redisUrl) await deleteRedisKeys(this.config.redisUrl, `${this.config.redisPrefix}:*`);
  }
}

/** The configuration of a test app: real PostgreSQL and Redis by default, fresh secrets, generous request limits. */
function testConfig(overrides: Partial<AppConfig>): AppConfig {
  return {
    port: 0,
    production: false,
    databaseUrl: null,
    databaseAppUrl: null,
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisPrefix: `clearpost-test:${randomBytes(6).toString('hex')}`,
    dataDir: '/nonexistent',
    jwtSecret: randomBytes(32).toString('hex'),
    accessTokenTtlSeconds: 900,
    refreshTokenTtlSeconds: 3600,
    signInLimits: { perEmail: 5, perIp: 1000, windowSeconds: 900 },
    webDist: '/nonexistent',
    trustProxy: 'loopback',
    publicUrl: 'http://clearpost.test',
    smtpUrl: null,
    mailFrom: 'Clearpost <no-reply@clearpost.test>',
    encryptionKey: randomBytes(32),
    invitationTtlDays: 7,
    approvalLinkTtlDays: 7,
    invitationsPerHour: 200,
    outboxSweepMs: 200,
    outboxLeaseSeconds: 30,
    jobConcurrency: 4,
    sandboxLatencyMs: 0,
    runJobs: true,
    checkPostPerMinute: 240,
    requestLimits: { perUser: 100_000, perIp: 100_000, windowSeconds: 60 },
    logLevel: 'silent',
    metricsToken: null,
    ...overrides,
  };
}

/** Removes what a test app left in Redis (queues, counters) under its own prefix. */
async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, disconnectTimeout: 100 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length) await redis.del(...keys);
    }
  } catch {
    // Redis unreachable (a test of exactly that): nothing was left there.
  } finally {
    redis.disconnect();
  }
}

/** The `name=value` part of the refresh cookie among Set-Cookie headers, or null when it was cleared. */
export function refreshCookie(setCookie: string[]): string | null {
  const header = setCookie.find((c) => c.startsWith('clearpost_refresh='));
  if (!header) return null;
  const pair = header.split(';')[0];
  return pair === 'clearpost_refresh=' ? null : pair;
}
