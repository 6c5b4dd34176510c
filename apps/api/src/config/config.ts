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
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * The JWT key: from JWT_SECRET when given; otherwise generated once into the data dir, so the
 * embedded product needs no configuration and sessions survive restarts.
 */
function loadJwtSecret(dataDir: string, embedded: boolean): string {
  const fromEnv = process.env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return fromEnv;
  }
  if (!embedded) {
    throw new Error('JWT_SECRET is required when DATABASE_URL is set (generate one: openssl rand -base64 48)');
  }
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
  mkdirSync(dataDir, { recursive: true });
  const jwtSecret = randomBytes(48).toString('base64url');
  writeFileSync(file, JSON.stringify({ jwtSecret }, null, 2), { mode: 0o600 });
  return jwtSecret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || null;
  const dataDir = resolve(env.CLEARPOST_DATA_DIR || '.clearpost');
  const trustProxy = env.TRUST_PROXY;
  return {
    port: intFromEnv('PORT', 3000),
    production: env.NODE_ENV === 'production',
    databaseUrl,
    databaseAppUrl: env.DATABASE_APP_URL || null,
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'clearpost',
    dataDir,
    jwtSecret: loadJwtSecret(dataDir, databaseUrl === null),
    accessTokenTtlSeconds: intFromEnv('ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
    refreshTokenTtlSeconds: intFromEnv('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
    signInLimits: {
      perEmail: intFromEnv('SIGN_IN_LIMIT_PER_EMAIL', 5),
      perIp: intFromEnv('SIGN_IN_LIMIT_PER_IP', 30),
      windowSeconds: intFromEnv('SIGN_IN_LIMIT_WINDOW_SECONDS', 15 * 60),
    },
    webDist: resolve(env.WEB_DIST || join(__dirname, '..', '..', '..', 'web', 'dist')),
    trustProxy: trustProxy === undefined ? 'loopback' : trustProxy === 'true' ? true : trustProxy,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
