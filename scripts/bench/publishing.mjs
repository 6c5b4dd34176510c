// Publishing at volume: 10,000 publications due within the same minute on the sandbox connector
// (no latency), run by 1 and by 2 workers, then by 2 workers with Redis killed for 10 s in the
// middle. Reports lateness (due → published) p50/p99, throughput, duplicates and lost ones.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { startProduct } = require('../support/product.cjs');
const { Client } = require('pg');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKER = join(ROOT, 'apps', 'api', 'dist', 'worker.js');
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS || 10_000);
const SPREAD_S = 60;
const LEAD_S = 25; // time to seed and start the workers before the first is due

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

async function startRedis() {
  const port = await freePort();
  const start = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  let child = start();
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => child.kill('SIGKILL'),
    restart: async () => {
      child = start();
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
    stop: () => child.kill('SIGKILL'),
  };
}

function startWorker(env, name) {
  const child = spawn(process.execPath, [WORKER], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log += chunk.toString();
    if (log.length > 64_000) log = log.slice(-32_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Worker ready/.test(log)) (clearInterval(timer), resolve());
      else if (child.exitCode !== null) (clearInterval(timer), reject(new Error(`${name} exited:\n${log}`)));
    }, 50);
  });
  return { child, ready, stop: () => child.kill('SIGKILL') };
}

/** An organization, 10 brand accounts and PUBLICATIONS scheduled posts (one target each), due over a minute from `firstDue`. */
async function seed(db, organizationId, userId, firstDue) {
  await db.query(
    `insert into social_account (organization_id, id, network, handle, display_name, kind, owner_user_id)
     select $1, gen_random_uuid(), 'X', 'bench_' || i, 'Bench ' || i, 'BRAND', $2 from generate_series(1, 10) i`,
    [organizationId, userId],
  );
  await db.query(
    `with accounts as (select id, row_number() over (order by id) - 1 as n from social_account where organization_id = $1),
          made as (
            select gen_random_uuid() as id, gen_random_uuid() as publication_id, i, a.id as account_id,
                   $4::timestamptz + make_interval(secs => (i - 1) * $5::float8 / $3) as due
              from generate_series(1, $3::int) i join accounts a on a.n = i % 10
          ),
          posts as (
            insert into post (organization_id, id, author_id, state, revision, cycle, steps, scheduled_at, search_text)
            select $1, id, $2, 'SCHEDULED', 1, 1, '[]'::jsonb, due, 'bench ' || i from made returning id
          ),
          revisions as (
            insert into post_revision (organization_id, post_id, number, content, canonical, content_hash, author_id)
            select $1, m.id, 1, jsonb_build_object('v', 1, 'text', 'Bench post ' || m.i, 'targets', jsonb_build_array(jsonb_build_object('accountId', m.account_id, 'text', null)),
                                                   'links', '[]'::jsonb, 'media', '[]'::jsonb, 'scheduledAt', null),
                   '', encode(sha256(m.id::text::bytea), 'hex'), $2 from made m
          ),
          targets as (insert into post_target (organization_id, post_id, account_id, post_created_at) select $1, id, account_id, now() from made),
          publications as (
            insert into publication (organization_id, id, post_id, account_id, revision, content_hash, idempotency_key, state, due_at)
            select $1, publication_id, id, account_id, 1, encode(sha256(id::text::bytea), 'hex'), md5(publication_id::text), 'SCHEDULED', due from made
          )
     insert into outbox (id, organization_id, topic, payload, available_at)
     select gen_random_uuid(), $1, 'publication.publish', jsonb_build_object('publicationId', publication_id, 'postId', id), due from made`,
    [organizationId, userId, PUBLICATIONS, firstDue, SPREAD_S],
  );
}

async function measure(db, organizationId) {
  const { rows } = await db.query(
    `select extract(epoch from (p.published_at - p.due_at)) as late, p.published_at, p.due_at, p.state,
            (select count(*)::int from sandbox_post s where s.organization_id = p.organization_id and s.idempotency_key = p.idempotency_key) as copies
       from publication p where p.organization_id = $1`,
    [organizationId],
  );
  const published = rows.filter((r) => r.state === 'PUBLISHED');
  const late = published.map((r) => Number(r.late)).sort((a, b) => a - b);
  const pct = (q) => late[Math.min(late.length - 1, Math.floor(q * late.length))] ?? NaN;
  const first = Math.min(...rows.map((r) => r.due_at.getTime()));
  const last = Math.max(...published.map((r) => r.published_at.getTime()));
  return {
    published: published.length,
    lost: rows.length - published.length,
    duplicates: rows.reduce((n, r) => n + Math.max(0, r.copies - 1), 0),
    p50: pct(0.5),
    p99: pct(0.99),
    max: late.at(-1) ?? NaN,
    throughput: published.length / ((last - first) / 1000),
  };
}

/** One scenario on a fresh database: returns its figures. */
export async function runPublishing({ workers, killRedisForS = 0 }, log = console.log) {
  const redis = await startRedis();
  const shared = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: `bench-pub-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    OUTBOX_SWEEP_MS: '1000',
  };
  const product = await startProduct({ env: { ...shared, CLEARPOST_JOBS: 'false' } });
  const db = new Client({ connectionString: product.databaseUrl });
  await db.connect();
  const running = [];
  try {
    const res = await fetch(`${product.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: SignUpInput!) { signUp(input: $input) { user { id memberships { organization { id } } } } }`,
        variables: {
          input: {
            email: `bench.${randomBytes(3).toString('hex')}@example.test`,
            password: 'a long enough password',
            name: 'Bench',
            organizationName: 'Bench org',
          },
        },
      }),
    });
    const signUp = (await res.json()).data.signUp;
    const organizationId = signUp.user.memberships[0].organization.id;
    const firstDue = new Date(Date.now() + LEAD_S * 1000);
    await seed(db, organizationId, signUp.user.id, firstDue);
    for (let i = 0; i < workers; i++) running.push(startWorker({ ...process.env, ...shared, DATABASE_URL: product.databaseUrl }, `worker-${i}`));
    await Promise.all(running.map((w) => w.ready));
    log(
      `publishing: ${PUBLICATIONS} due from ${firstDue.toISOString()} over ${SPREAD_S} s, ${workers} worker(s)${killRedisForS ? `, Redis killed for ${killRedisForS} s` : ''}`,
    );
    if (killRedisForS) {
      const middle = firstDue.getTime() + (SPREAD_S / 2) * 1000 - Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, middle)));
      redis.kill();
      await new Promise((resolve) => setTimeout(resolve, killRedisForS * 1000));
      await redis.restart();
    }
    const deadline = firstDue.getTime() + (SPREAD_S + 120) * 1000;
    for (;;) {
      const { rows } = await db.query(`select count(*)::int as n from publication where organization_id = $1 and state = 'PUBLISHED'`, [organizationId]);
      if (rows[0].n >= PUBLICATIONS || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a duplicate would show by now
    return await measure(db, organizationId);
  } finally {
    running.forEach((w) => w.stop());
    await db.end();
    await product.stop();
    redis.stop();
  }
}
