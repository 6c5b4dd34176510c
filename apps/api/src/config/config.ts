import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the API reads from its environment, read once at start. */
export interface AppConfig {
  port: number;
  production: boolean;
  /** Real PostgreSQL for migrations (owner role). Unset: embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Optional separate connection for the app itself (e.g. as the `clearpost_app` login role). */
  databaseAppUrl: string | null;
  /** Unset: in-process queues and rate-limit counters. */
  redisUrl: string | null;
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  signInLimits: { perEmail: number; perIp: number; windowSeconds: number };
  webDist: string;
  trustProxy: string | boolean;
  /** The address people open the web app at; links in mail point there. */
  publicUrl: string;
  /** Unset: mail is kept in the database and shown on the Sent mail page instead of being sent. */
  smtpUrl: string | null;
  mailFrom: string;
  /** AES-256-GCM key (32 bytes) for secrets stored at rest, such as OAuth tokens. */
  encryptionKey: Buffer;
  invitationTtlDays: number;
  /** How long a seatless client approval link works. */
  approvalLinkTtlDays: number;
  /** Invitations (sent or resent) per organization per hour. */
  invitationsPerHour: number;
  /** How often due outbox work is looked for (it is also dispatched right after each commit). */
  outboxSweepMs: number;
  /** How long one attempt at a job holds it before another worker may take it over (crashed worker). */
  outboxLeaseSeconds: number;
  /** Jobs one process runs at once (BullMQ worker concurrency). */
  jobConcurrency: number;
  /** The sandbox network's answer delay (after it has stored the post), for demos and fault tests. */
  sandboxLatencyMs: number;
  /** Whether this process runs jobs (claims outbox work). API-only replicas set CLEARPOST_JOBS=false. */
  runJobs: boolean;
  /** checkPost calls allowed per person per minute. */
  checkPostPerMinute: number;
  /** pino level: trace, debug, info, warn, error, fatal, silent. */
  logLevel: string;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Requests to /graphql per signed-in person and per IP address, per window of `windowSeconds`. */
  requestLimits: { perUser: number; perIp: number; windowSeconds: number };
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

interface DataDirSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

/**
 * Secrets generated once into the data dir, so the embedded product needs no configuration and
 * sessions (and encrypted tokens) survive restarts. Keys added by later versions are filled in.
 */
function dataDirSecrets(dataDir: string): DataDirSecrets {
  const file = join(dataDir, 'secrets.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DataDirSecrets>) : {};
  const secrets: DataDirSecrets = {
    jwtSecret: existing.jwtSecret ?? randomBytes(48).toString('base64url'),
    encryptionKey: existing.encryptionKey ?? randomBytes(32).toString('base64'),
  };
  if (existing.jwtSecret !== secrets.jwtSecret || existing.encryptionKey !== secrets.encryptionKey) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

function loadJwtSecret(env: NodeJS.ProcessEnv, dataDir: string, embedded: boolean): string {
  const fromEnv = env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return fromEnv;
  }
  if (!embedded) {
    throw new Error('JWT_SECRET is required when DATABASE_URL is set (generate one: openssl rand -base64 48)');
  }
  return dataDirSecrets(dataDir).jwtSecret;
}

function loadEncryptionKey(env: NodeJS.ProcessEnv, dataDir: string, embedded: boolean): Buffer {
  const fromEnv = env.ENCRYPTION_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  if (!embedded) {
    throw new Error('ENCRYPTION_KEY is required when DATABASE_URL is set (generate one: openssl rand -base64 32)');
  }
  return Buffer.from(dataDirSecrets(dataDir).encryptionKey, 'base64');
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function logLevel(raw: string | undefined): string {
  if (!raw) return 'info';
  if (!LOG_LEVELS.includes(raw)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || null;
  const dataDir = resolve(env.CLEARPOST_DATA_DIR || '.clearpost');
  const trustProxy = env.TRUST_PROXY;
  const port = intFromEnv('PORT', 3000);
  return {
    port,
    production: env.NODE_ENV === 'production',
    databaseUrl,
    databaseAppUrl: env.DATABASE_APP_URL || null,
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'clearpost',
    dataDir,
    jwtSecret: loadJwtSecret(env, dataDir, databaseUrl === null),
    accessTokenTtlSeconds: intFromEnv('ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
    refreshTokenTtlSeconds: intFromEnv('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
    signInLimits: {
      perEmail: intFromEnv('SIGN_IN_LIMIT_PER_EMAIL', 5),
      perIp: intFromEnv('SIGN_IN_LIMIT_PER_IP', 30),
      windowSeconds: intFromEnv('SIGN_IN_LIMIT_WINDOW_SECONDS', 15 * 60),
    },
    webDist: resolve(env.WEB_DIST || join(__dirname, '..', '..', '..', 'web', 'dist')),
    trustProxy: trustProxy === undefined ? 'loopback' : trustProxy === 'true' ? true : trustProxy,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Clearpost <no-reply@clearpost.invalid>',
    encryptionKey: loadEncryptionKey(env, dataDir, databaseUrl === null),
    invitationTtlDays: intFromEnv('INVITATION_TTL_DAYS', 7),
    approvalLinkTtlDays: intFromEnv('APPROVAL_LINK_TTL_DAYS', 7),
    invitationsPerHour: intFromEnv('INVITATION_LIMIT_PER_HOUR', 200),
    outboxSweepMs: intFromEnv('OUTBOX_SWEEP_MS', 1000),
    outboxLeaseSeconds: intFromEnv('OUTBOX_LEASE_SECONDS', 120),
    jobConcurrency: intFromEnv('JOB_CONCURRENCY', 8),
    sandboxLatencyMs: env.SANDBOX_LATENCY_MS && env.SANDBOX_LATENCY_MS !== '0' ? intFromEnv('SANDBOX_LATENCY_MS', 0) : 0,
    runJobs: env.CLEARPOST_JOBS !== 'false',
    checkPostPerMinute: intFromEnv('CHECK_POST_LIMIT_PER_MINUTE', 240),
    logLevel: logLevel(env.LOG_LEVEL),
    metricsToken: env.METRICS_TOKEN || null,
    requestLimits: {
      perUser: intFromEnv('REQUEST_LIMIT_PER_USER', 600),
      perIp: intFromEnv('REQUEST_LIMIT_PER_IP', 3000),
      windowSeconds: intFromEnv('REQUEST_LIMIT_WINDOW_SECONDS', 60),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
