// npm run bench: measures Clearpost against its targets and writes docs/benchmarks.md.
// Needs the build (npm run bench builds first), PostgreSQL at TEST_DATABASE_URL and Redis at REDIS_URL.
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import crypto from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { startProduct } = require('../support/product.cjs');
import { runPublishing } from './publishing.mjs';
import { benchCorpus, bothTemplates, compileForCorpus, GROUPS, loadCorpus } from './policy-corpus.mjs';
const chain = require('../../libs/audit-chain/dist/index.js');
const policyEngine = require('../../libs/policy-engine/dist/index.js');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S || 10);
const results = [];
const log = (...args) => console.log('[bench]', ...args);

function record(name, value, unit, target, meets, note = '') {
  results.push({ name, value, unit, target, meets, note });
  log(`${name}: ${value} ${unit}${target ? ` (target ${target}: ${meets ? 'met' : 'MISSED'})` : ''}${note ? ` — ${note}` : ''}`);
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function gql(baseUrl, query, variables, headers = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * Load sections run the product as deployed (NODE_ENV=production: JSON logs, one line per request)
 * with the request-rate limits lifted (one bench user sends far more than a person would); the
 * hostile-neighbour section measures with them lifted too: the worst case, an attacker with as many
 * accounts as it takes.
 */
const LOAD_ENV = { NODE_ENV: 'production', REQUEST_LIMIT_PER_USER: '100000000', REQUEST_LIMIT_PER_IP: '100000000' };
/** Connections for every throughput figure, the floor included. */
const CONNECTIONS = 16;

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { memberships { organization { id } } } } }`;
const RENAME = 'mutation Rename($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }';
const VERIFY = '{ verifyAuditChain { ok checkedCount headSeq } }';
const FLOOR = JSON.stringify({ query: '{ __typename }' });

/** One owner per organization; returns the headers each organization's requests carry. */
async function createOrganizations(baseUrl, count) {
  const tenants = [];
  for (let i = 0; i < count; i++) {
    const data = await gql(baseUrl, SIGN_UP, {
      input: { email: `bench${i}.${Date.now()}@example.com`, password: 'benchmark-password', name: `Bench ${i}`, organizationName: `Bench org ${i}` },
    });
    tenants.push({
      authorization: `Bearer ${data.signUp.accessToken}`,
      'x-organization-id': data.signUp.user.memberships[0].organization.id,
    });
  }
  return tenants;
}

const HZ = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in ticks
function cpuSeconds(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / HZ;
}
/** CPU seconds used so far by the API process and by every PostgreSQL process (Linux). */
function cpuNow(pid) {
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) postgres += cpuSeconds(stat);
    } catch {
      // the process ended
    }
  }
  return { api: cpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')), postgres };
}

/** autocannon for `seconds` on CONNECTIONS connections: rate, latencies, failures and CPU per request. */
async function load(product, seconds, options) {
  const before = cpuNow(product.pid);
  const r = await autocannon({ url: `${product.baseUrl}/graphql`, connections: CONNECTIONS, duration: seconds, method: 'POST', ...options });
  const after = cpuNow(product.pid);
  const per = (key) => ((after[key] - before[key]) / Math.max(1, r.requests.total)) * 1000;
  return {
    rate: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.non2xx + r.errors,
    apiMs: per('api'),
    postgresMs: per('postgres'),
  };
}
const cpuNote = (r) => `CPU per request: API ${fmt(r.apiMs, 2)} ms, PostgreSQL ${fmt(r.postgresMs, 2)} ms`;

/** The floor: `{ __typename }` through the same HTTP + Nest + Apollo stack (no guard, no database). */
const floorOf = (product, seconds) => load(product, seconds, { headers: { 'content-type': 'application/json' }, body: FLOOR });

/** A read measured against the floor taken just before it, as a share of the floor's rate. */
async function measureRead(product, label, headers, body, expectRows) {
  const seconds = Math.min(DURATION_S, 8);
  const sample = await fetch(`${product.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) =>
    r.json(),
  );
  if (sample.errors || expectRows(sample.data) !== true) throw new Error(`unexpected sample for ${label}: ${JSON.stringify(sample).slice(0, 300)}`);
  const floor = await floorOf(product, seconds);
  const r = await load(product, seconds, { headers: { 'content-type': 'application/json', ...headers }, body });
  const share = r.rate / floor.rate;
  record(
    label,
    `${fmt(r.rate)} requests/s = ${fmt(share * 100)} % of the floor`,
    `(floor ${fmt(floor.rate)}/s), p99 ${r.p99} ms`,
    '≥ 40 % of the floor, p99 < 50 ms',
    share >= 0.4 && r.p99 < 50,
    `${CONNECTIONS} connections, ${seconds} s each, p50 ${r.p50} ms, ${r.failed} failed; ${cpuNote(r)} (floor: API ${fmt(floor.apiMs, 2)} ms); floor p99 ${floor.p99} ms`,
  );
}

/**
 * The tenant the read targets are measured on: 50 clients, 10,000 brand accounts (owners among 20
 * editors), a client viewer of one client, and 100,000 audit events sealed in a valid chain.
 * Rows go in with SQL as the database owner; the people are real, signed in through the API.
 */
async function seedReadTenant(product, db) {
  const [owner] = await createOrganizations(product.baseUrl, 1);
  const organizationId = owner['x-organization-id'];
  await db.query(`insert into client (organization_id, id, name) select $1, gen_random_uuid(), 'Client ' || i from generate_series(1, 50) i`, [organizationId]);
  await db.query(
    `with people as (
       insert into app_user (id, email, name, password_hash)
       select gen_random_uuid(), 'editor' || i || '.' || $2 || '@example.com', 'Editor ' || i, 'not-a-hash' from generate_series(1, 20) i returning id, name
     )
     insert into membership (organization_id, user_id, role, sort_name) select $1, id, 'EDITOR', lower(name) from people`,
    [organizationId, Date.now()],
  );
  await db.query(
    `insert into social_account (organization_id, id, network, handle, display_name, kind, client_id, owner_user_id)
     select $1, gen_random_uuid(), 'X', 'handle_' || i, 'Account ' || i, 'BRAND', c.id, e.user_id
       from generate_series(1, 10000) i
       join (select id, row_number() over (order by id) - 1 as n from client where organization_id = $1) c on c.n = i % 50
       join (select user_id, row_number() over (order by user_id) - 1 as n from membership where organization_id = $1 and role = 'EDITOR') e on e.n = i % 20`,
    [organizationId],
  );
  await seedAuditChain(db, organizationId, 100_000);
  await seedPosts(db, organizationId);
  await db.query('analyze');

  const {
    rows: [someClient],
  } = await db.query(`select id from client where organization_id = $1 order by name limit 1`, [organizationId]);
  const email = `client.viewer.${Date.now()}@example.com`;
  await gql(
    product.baseUrl,
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
    { input: { email, role: 'CLIENT_VIEWER', clientIds: [someClient.id] } },
    owner,
  );
  const kept = await gql(product.baseUrl, `{ sentMail(first: 5) { edges { node { to text } } } }`, {}, owner);
  const token = /#token=([A-Za-z0-9_.-]+)/.exec(kept.sentMail.edges.find((e) => e.node.to === email).node.text)[1];
  const accepted = await gql(product.baseUrl, `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { auth { accessToken } } }`, {
    input: { token, name: 'Client viewer', password: 'benchmark-password' },
  });
  const viewer = { authorization: `Bearer ${accepted.acceptInvitation.auth.accessToken}`, 'x-organization-id': organizationId };
  return { owner, viewer };
}

/** Appends `count` events to the organization's chain, sealed by libs/audit-chain, in bulk. */
async function seedAuditChain(db, organizationId, count) {
  const {
    rows: [head],
  } = await db.query(`select last_seq::int as seq, last_hash as hash from audit_head where organization_id = $1`, [organizationId]);
  let prevHash = head.hash;
  let seq = head.seq;
  const actions = ['account.owner_assigned', 'client.updated', 'member.role_changed', 'policy.published', 'account.added'];
  const t0 = Date.now() - count * 1000;
  for (let done = 0; done < count;) {
    const batch = { seq: [], id: [], at: [], action: [], data: [], canonical: [], prev: [], hash: [] };
    for (let i = 0; i < 5000 && done < count; i++, done++) {
      seq += 1;
      const content = {
        organizationId,
        seq,
        occurredAt: new Date(t0 + done * 1000).toISOString(),
        action: actions[seq % actions.length],
        actorUserId: null,
        targetType: 'social_account',
        targetId: `bench-${seq}`,
        data: { note: `Seeded event ${seq}` },
      };
      const sealed = chain.sealEvent(prevHash, content);
      batch.seq.push(seq);
      batch.id.push(crypto.randomUUID());
      batch.at.push(content.occurredAt);
      batch.action.push(content.action);
      batch.data.push(JSON.stringify(content.data));
      batch.canonical.push(sealed.canonical);
      batch.prev.push(prevHash);
      batch.hash.push(sealed.hash);
      prevHash = sealed.hash;
    }
    await db.query(
      `insert into audit_event (organization_id, seq, id, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash)
       select $1, s, i, a, ac, null, 'social_account', 'bench-' || s, d::jsonb, c, p, h
         from unnest($2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) as t(s, i, a, ac, d, c, p, h)`,
      [organizationId, batch.seq, batch.id, batch.at, batch.action, batch.data, batch.canonical, batch.prev, batch.hash],
    );
  }
  await db.query(`update audit_head set last_seq = $2, last_hash = $3 where organization_id = $1`, [organizationId, seq, prevHash]);
}

const ACCOUNTS_PAGE = JSON.stringify({
  query:
    '{ socialAccounts(first: 20) { edges { node { id handle displayName client { name } owner { name } needsOwner } } pageInfo { hasNextPage endCursor } } }',
});
const POSTS_PAGE = JSON.stringify({
  query:
    '{ posts(first: 20) { edges { node { id state text contentHash clientName createdAt author { name } targets { account { id displayHandle } } } } pageInfo { hasNextPage endCursor } } }',
});

/**
 * 100,000 posts in the read tenant, as the database owner: spread over its 50 clients (each
 * client's 2,000 over its accounts), mostly submitted (a client user sees those), each with its
 * first revision and its target.
 */
async function seedPosts(db, organizationId) {
  await db.query(
    `with authors as (select user_id, row_number() over (order by user_id) - 1 as n from membership where organization_id = $1 and role = 'EDITOR'),
          accounts as (select id, client_id, row_number() over (order by id) - 1 as n from social_account where organization_id = $1),
          made as (
            select gen_random_uuid() as id, i, a.id as account_id, a.client_id, au.user_id as author_id,
                   (array['DRAFT','IN_REVIEW','APPROVED','SCHEDULED','REJECTED','CANCELLED','CHANGES_REQUESTED'])[1 + i % 7] as state,
                   now() - make_interval(secs => i * 30) as created_at
              from generate_series(1, 100000) i
              join accounts a on a.n = i % 10000
              join authors au on au.n = i % 20
          ),
          posts as (
            insert into post (organization_id, id, client_id, author_id, state, revision, cycle, search_text, created_at, updated_at)
            select $1, id, client_id, author_id, state, 1, case when state = 'DRAFT' then 0 else 1 end, 'post number ' || i || ' about bread and coffee', created_at, created_at
              from made returning id, created_at
          ),
          revisions as (
            insert into post_revision (organization_id, post_id, number, content, canonical, content_hash, author_id, created_at)
            select $1, m.id, 1, jsonb_build_object('v', 1, 'text', 'Post number ' || m.i || ' about bread and coffee', 'targets', jsonb_build_array(jsonb_build_object('accountId', m.account_id, 'text', null)),
                                                   'links', '[]'::jsonb, 'media', '[]'::jsonb, 'scheduledAt', null),
                   '', encode(sha256(m.id::text::bytea), 'hex'), m.author_id, m.created_at
              from made m
          )
     insert into post_target (organization_id, post_id, account_id, post_created_at) select $1, id, account_id, created_at from made`,
    [organizationId],
  );
}

const AUDIT_PAGE = JSON.stringify({
  query:
    '{ auditEvents(first: 50) { edges { node { id seq occurredAt action actor { name } targetType targetId data } } pageInfo { hasNextPage endCursor } } }',
});

/** Audited renames spread over `tenants` for `seconds`: every request a real change with its event. */
function mutations(product, tenants, seconds) {
  let counter = 0;
  return load(product, seconds, {
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      const tenant = tenants[counter++ % tenants.length];
      const id = counter;
      let n = 0;
      const body = () => JSON.stringify({ query: RENAME, variables: { input: { name: `Renamed ${id} ${n}` } } });
      client.setHeaders({ 'content-type': 'application/json', ...tenant });
      client.setBody(body());
      client.on('response', () => {
        n += 1;
        client.setBody(body());
      });
    },
  });
}

/**
 * The read and write targets, each beside the `{ __typename }` floor measured just before it on the
 * same running API, so a noisy neighbour on the machine moves both.
 */
async function benchApi() {
  const pg = require('pg');
  const product = await startProduct({ env: LOAD_ENV });
  const db = new pg.Client({ connectionString: product.databaseUrl });
  try {
    await db.connect();
    const { owner, viewer } = await seedReadTenant(product, db);
    const pageOf = (key, n) => (data) => data[key].edges.length === n && data[key].pageInfo.hasNextPage;
    await measureRead(
      product,
      'First page of social accounts (20 of 10,000, with client and owner) as an owner',
      owner,
      ACCOUNTS_PAGE,
      pageOf('socialAccounts', 20),
    );
    await measureRead(
      product,
      'First page of social accounts (20 of their client’s 200) as a client user',
      viewer,
      ACCOUNTS_PAGE,
      pageOf('socialAccounts', 20),
    );
    await measureRead(product, 'First page of the audit trail (50 of 100,000 events)', owner, AUDIT_PAGE, pageOf('auditEvents', 50));
    await measureRead(product, 'First page of posts (20 of 100,000, with author, client and targets) as an owner', owner, POSTS_PAGE, pageOf('posts', 20));
    await measureRead(product, 'First page of posts (20 of their client’s submitted ones) as a client user', viewer, POSTS_PAGE, pageOf('posts', 20));

    const tenants = await createOrganizations(product.baseUrl, 8);
    const seconds = Math.min(DURATION_S, 8);
    const floor = await floorOf(product, seconds);
    const eight = await mutations(product, tenants, seconds);
    const share = eight.rate / floor.rate;
    record(
      'Audited mutations through the API, 8 organizations',
      `${fmt(eight.rate)} mutations/s = ${fmt(share * 100)} % of the floor`,
      `(floor ${fmt(floor.rate)}/s), p99 ${eight.p99} ms`,
      '≥ 45 % of the floor',
      share >= 0.45,
      `${CONNECTIONS} connections, ${seconds} s, p50 ${eight.p50} ms, ${eight.failed} failed; ${cpuNote(eight)} (floor: API ${fmt(floor.apiMs, 2)} ms)`,
    );
    const one = await mutations(product, tenants.slice(0, 1), seconds);
    record(
      'Audited mutations through the API, 1 organization (one chain: writers queue on its head)',
      `${fmt(one.rate)} mutations/s`,
      `p99 ${one.p99} ms`,
      '',
      true,
      `${CONNECTIONS} connections, ${seconds} s, p50 ${one.p50} ms, ${one.failed} failed`,
    );

    // Every one of those mutations left an event: the chains must hold and be gap-free.
    let events = 0;
    const started = performance.now();
    for (const tenant of tenants) {
      const { verifyAuditChain } = await gql(product.baseUrl, VERIFY, undefined, tenant);
      if (!verifyAuditChain.ok || verifyAuditChain.checkedCount !== verifyAuditChain.headSeq) {
        throw new Error(`chain broken after the load: ${JSON.stringify(verifyAuditChain)}`);
      }
      events += verifyAuditChain.checkedCount;
    }
    const verifySeconds = (performance.now() - started) / 1000;
    record(
      'Chains after the load',
      'intact and gap-free',
      '',
      '',
      true,
      `${fmt(events)} events in 8 chains verified through the API in ${fmt(verifySeconds, 2)} s`,
    );
    const { verifyAuditChain: big } = await gql(product.baseUrl, VERIFY, undefined, owner);
    if (!big.ok) throw new Error('the seeded 100,000-event chain does not verify');
  } finally {
    await db.end().catch(() => undefined);
    await product.stop();
  }
}

/** A deterministic pseudo-random generator, so every run measures the same policy and post. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = [
  'ba',
  'ché',
  'lo',
  'mir',
  'tan',
  'vé',
  'ro',
  'sel',
  'dru',
  'ny',
  'quo',
  'pa',
  'gé',
  'lin',
  'cor',
  'fé',
  'mu',
  'tri',
  'zon',
  'bel',
  'ça',
  'dor',
  'ké',
  'vil',
];
const PROSE =
  'Notre équipe est fière de présenter la nouvelle collection automne hiver conçue à Lyon avec nos partenaires artisans. Rendez-vous samedi au magasin de la rue Mercière pour découvrir les créations, échanger avec les créateurs et profiter des offres réservées à nos abonnés. Merci à toutes et à tous pour votre fidélité depuis dix ans ! ';

function makePolicy(random) {
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const terms = new Set();
  while (terms.size < 10_000) {
    const r = random();
    terms.add(r < 0.1 ? `${word()} ${word()}` : r < 0.15 ? `${word()}*` : word());
  }
  const lexicon = { id: 'lexicon-10k', kind: 'lexicon', action: 'BLOCK', terms: [...terms], exceptions: ['pour rire'] };
  const others = [];
  for (let i = 0; i < 14; i++) {
    others.push({
      id: `lexicon-${i}`,
      kind: 'lexicon',
      action: i % 2 ? 'WARN' : 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      terms: [...Array.from({ length: 20 }, word), `${word()} NEAR/5 ${word()}`],
    });
  }
  for (let i = 0; i < 5; i++)
    others.push({
      id: `regex-${i}`,
      kind: 'regex',
      action: 'WARN',
      pattern: ['REF-[0-9]{4,6}', '\\bcode promo [A-Z0-9]{5,}', '[0-9]+ ?%', '(gratuit|offert)s?', 'https?://bit\\.ly/\\S+'][i],
    });
  others.push({ id: 'pii', kind: 'personal_data', action: 'BLOCK', allowEmails: ['contact@maison.fr'] });
  others.push({ id: 'colleagues', kind: 'colleague_names', action: 'WARN' });
  others.push({ id: 'confidential', kind: 'client_confidentiality', action: 'BLOCK' });
  others.push({
    id: 'disclaimer-staff',
    kind: 'disclaimer',
    action: 'BLOCK',
    phrases: ['avis personnels', 'views are my own'],
    whenMentioning: ['Maison'],
    appliesTo: { accountKinds: ['STAFF'] },
  });
  others.push({ id: 'disclaimer-ad', kind: 'disclaimer', action: 'WARN', phrases: ['#pub', '#partenariat'], whenMentioning: ['offert', 'partenaire'] });
  others.push({ id: 'links-deny', kind: 'link_domains', action: 'BLOCK', deny: ['bad.example', 'spam.example'] });
  others.push({ id: 'links-allow', kind: 'link_domains', action: 'WARN', allow: ['maison.fr', 'instagram.com'] });
  others.push({ id: 'length', kind: 'length', action: 'BLOCK' });
  others.push({
    id: 'schedule',
    kind: 'schedule',
    action: 'REQUIRE_APPROVAL',
    approverRole: 'ADMIN',
    windows: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00' }],
    blackouts: [{ from: '2027-05-01T00:00', to: '2027-05-02T00:00' }],
  });
  others.push({ id: 'media', kind: 'media_consent', action: 'BLOCK' });
  others.push({ id: 'counts', kind: 'counts', action: 'WARN', maxHashtags: 5, maxMentions: 5 });
  const context = {
    colleagues: Array.from({ length: 50 }, () => `${word()} ${word()}`),
    clients: Array.from({ length: 20 }, (_, i) => ({ id: `client-${i}`, name: `Client ${i}`, terms: Array.from({ length: 10 }, word) })),
  };
  return { lexicon, others, context, terms: [...terms] };
}

function makePost(terms) {
  let text = '';
  let k = 0;
  while (text.length < 3_000) {
    text += PROSE;
    if (k < 3) text += ` ${terms[k * 997]} `; // a few real hits
    k++;
  }
  text = `${text.slice(0, 2_930)} Écrivez à contact@maison.fr #automne #lyon https://maison.fr/collection`;
  return {
    text,
    network: 'LINKEDIN',
    accountKind: 'BRAND',
    clientId: 'client-3',
    media: [{ peopleTagged: 0, consentRecorded: false }],
    links: [],
    scheduledAt: '2027-03-10T10:00:00Z',
    timezone: 'Europe/Paris',
  };
}

function timeEach(iterations, fn) {
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    fn();
    samples[i] = performance.now() - started;
  }
  samples.sort();
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/** Side by side: the engine, one alternation regex, and one regex per term, on the same folded text. */
function benchPolicyEngine() {
  const { lexicon, others, context, terms } = makePolicy(prng(42));
  const post = makePost(terms);

  const compileTimes = [];
  let compiled;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    compiled = policyEngine.compile({ rules: [lexicon, ...others] }, context);
    compileTimes.push(performance.now() - started);
  }
  compileTimes.sort((a, b) => a - b);
  const compileMs = compileTimes[2];
  record(
    'Policy compile, 10,000-term lexicon + 30 other rules',
    fmt(compileMs, 1),
    'ms (median of 5)',
    '< 200 ms',
    compileMs < 200,
    'validation (zod), term parsing, one Aho–Corasick automaton, RE2 patterns',
  );

  const result = policyEngine.evaluate(compiled, post);
  for (let i = 0; i < 300; i++) policyEngine.evaluate(compiled, post);
  const whole = timeEach(3_000, () => policyEngine.evaluate(compiled, post));
  record(
    'Whole policy on a 3,000-character post (10,000 terms + 30 rules)',
    fmt(whole.p99 * 1000),
    'µs p99',
    '< 1,000 µs',
    whole.p99 < 1,
    `p50 ${fmt(whole.p50 * 1000)} µs; ${result.findings.length} findings; 3,000 runs after 300 warm-up`,
  );

  // Both built-in templates attached together (merged language packs: ~1,300 terms, NEAR pairs,
  // language detection, {organization}/{client}/{colleague}/{competitor} names) on 3,000-character
  // posts made of the corpus's own posts, French and English.
  const { world, posts: corpus } = loadCorpus();
  const merged = bothTemplates();
  const templates = compileForCorpus(merged, world);
  const longPost = (lang) => {
    let text = '';
    for (const p of corpus.filter((c) => c.lang === lang)) {
      if (text.length + p.text.length + 1 > 3_000) break;
      text += `${p.text} `;
    }
    return { text: text.trim(), network: 'LINKEDIN', accountKind: 'STAFF', clientId: 'dupont', timezone: world.timezone };
  };
  const [enPost, frPost] = [longPost('en'), longPost('fr')];
  for (let i = 0; i < 300; i++) policyEngine.evaluate(templates, i % 2 ? enPost : frPost);
  let turn = 0;
  const both = timeEach(3_000, () => policyEngine.evaluate(templates, turn++ % 2 ? enPost : frPost));
  const templateTerms = merged.filter((r) => r.kind === 'lexicon').reduce((n, r) => n + r.terms.length, 0);
  record(
    'Both built-in templates on a 3,000-character post (EN and FR in turn)',
    fmt(both.p99 * 1000),
    'µs p99',
    '< 1,000 µs',
    both.p99 < 1,
    `p50 ${fmt(both.p50 * 1000)} µs; ${merged.length} rules, ${templateTerms} lexicon terms before names are expanded; ${policyEngine.evaluate(templates, frPost).findings.length} findings on the French post`,
  );

  // The lexicon stage alone, three ways, each folding the text and finding whole-word hits.
  const lexiconOnly = policyEngine.compile({ rules: [lexicon] });
  const engineHits = policyEngine.evaluate(lexiconOnly, post).findings.reduce((n, f) => n + f.spans.length, 0);
  for (let i = 0; i < 300; i++) policyEngine.evaluate(lexiconOnly, post);
  const ours = timeEach(3_000, () => policyEngine.evaluate(lexiconOnly, post));

  const escape = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const toSource = (term) => {
    const folded = policyEngine.fold(term.replace(/\*$/, '')).text;
    return escape(folded) + (term.endsWith('*') ? '[a-z0-9]*' : '');
  };
  // Two forms of the one-alternation regex: whole words by lookarounds, and (often advised)
  // without them, whole words checked on each hit in JavaScript as the engine does. The faster
  // of the two is the baseline.
  const alternatives = terms.map(toSource).join('|');
  const isWord = (code) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
  const withLookarounds = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu');
  const plain = new RegExp(`(?:${alternatives})`, 'g');
  const variants = {
    'with lookarounds': () => [...policyEngine.fold(post.text).text.matchAll(withLookarounds)].length,
    'plain, boundaries checked per hit': () => {
      const folded = policyEngine.fold(post.text).text;
      let n = 0;
      for (const m of folded.matchAll(plain)) {
        const before = m.index === 0 ? 32 : folded.charCodeAt(m.index - 1);
        const after = m.index + m[0].length >= folded.length ? 32 : folded.charCodeAt(m.index + m[0].length);
        if (!isWord(before) && !isWord(after)) n++;
      }
      return n;
    },
  };
  const measured = Object.entries(variants).map(([label, fn]) => {
    const hits = fn();
    for (let i = 0; i < 3; i++) fn();
    return { label, hits, ...timeEach(15, fn) };
  });
  const alt = measured.reduce((best, m) => (m.p50 < best.p50 ? m : best));
  const alternationHits = alt.hits;
  const perTerm = terms.map((term) => new RegExp(`(?<![a-z0-9])${toSource(term)}(?![a-z0-9])`, 'g'));
  const loopRun = () => {
    const folded = policyEngine.fold(post.text).text;
    let n = 0;
    for (const re of perTerm) {
      re.lastIndex = 0;
      while (re.exec(folded)) n++;
    }
    return n;
  };
  for (let i = 0; i < 5; i++) loopRun();
  const loop = timeEach(15, loopRun);

  const speedup = alt.p50 / ours.p50;
  record(
    'Lexicon stage, 10,000 terms: this engine (fold + Aho–Corasick + findings)',
    fmt(ours.p50 * 1000, 1),
    'µs p50',
    '≥ 3× faster than one alternation regex',
    speedup >= 3,
    `p99 ${fmt(ours.p99 * 1000, 1)} µs; ${fmt(speedup, 1)}× faster than the alternation; ${engineHits} hits`,
  );
  for (const m of measured) {
    record(
      `Lexicon stage, same terms as one alternation regex ${m.label} (V8, same folding)`,
      fmt(m.p50 * 1000),
      'µs p50',
      '',
      true,
      `${m.hits} hits; 15 runs${m === alt ? '; the baseline' : ''}`,
    );
  }
  record(
    'Lexicon stage, one regex per term in a loop (for scale)',
    fmt(loop.p50 * 1000),
    'µs p50',
    '',
    true,
    `${fmt(loop.p50 / ours.p50, 0)}× slower than the engine`,
  );
  const wholeWithAlternation = whole.p50 - ours.p50 + alt.p50;
  record(
    'Whole policy with the alternation regex in place of the automaton (estimate)',
    fmt(wholeWithAlternation * 1000),
    'µs p50',
    '',
    true,
    `the engine’s whole policy is ${fmt(wholeWithAlternation / whole.p50, 1)}× faster`,
  );
}

/** checkPost over HTTP against an account whose effective policy is the 10,000-term one. */
async function benchCheckPost() {
  const { lexicon, others, terms } = makePolicy(prng(42));
  const post = makePost(terms);
  // One person sends every check here, so the per-person limit is lifted for the measurement.
  const product = await startProduct({ env: { ...LOAD_ENV, CHECK_POST_LIMIT_PER_MINUTE: '1000000' } });
  try {
    const [owner] = await createOrganizations(product.baseUrl, 1);
    const { addSocialAccount } = await gql(
      product.baseUrl,
      `mutation { addSocialAccount(input: { network: LINKEDIN, handle: "maison-bench", displayName: "Maison", kind: BRAND }) { id } }`,
      undefined,
      owner,
    );
    const { createPolicy } = await gql(
      product.baseUrl,
      `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`,
      { input: { name: 'Bench policy', rules: [lexicon, ...others] } },
      owner,
    );
    await gql(product.baseUrl, `mutation($id: ID!) { publishPolicyVersion(input: { policyId: $id }) { version } }`, { id: createPolicy.id }, owner);
    await gql(product.baseUrl, `mutation($id: ID!) { attachPolicy(input: { policyId: $id, scope: ORGANIZATION }) { id } }`, { id: createPolicy.id }, owner);
    const query = 'query($input: CheckPostInput!) { checkPost(input: $input) { blocked findings { ruleId spans { start end } } } }';
    const variables = { input: { accountId: addSocialAccount.id, text: post.text } };
    const first = performance.now();
    await gql(product.baseUrl, query, variables, owner); // compiles and caches the policy
    const firstMs = performance.now() - first;
    const duration = Math.min(DURATION_S, 5);
    const r = await autocannon({
      url: `${product.baseUrl}/graphql`,
      connections: 4,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...owner },
      body: JSON.stringify({ query, variables }),
    });
    const after = await gql(product.baseUrl, query, variables, owner); // throws if the checks were refused
    if (!after.checkPost.blocked) throw new Error('the benchmark post should be blocked by its policy');
    await benchSubmit(product, owner, addSocialAccount.id, post.text);
    await benchBacktest(product, owner);
    record(
      'checkPost over HTTP, 3,000-character post, 10,000-term policy + 30 rules',
      fmt(r.latency.p50),
      'ms p50',
      '',
      true,
      `p99 ${r.latency.p99} ms, ${fmt(r.requests.total / duration)} checks/s on 4 connections, ${r.non2xx + r.errors} failed; the first check, which compiles the policy: ${fmt(firstMs)} ms`,
    );
  } finally {
    await product.stop();
  }
}

/**
 * backtestPolicy: the French template (a draft, with the put-down × target pairs and the names of
 * the organization) on every post the check section leaves behind — 3,000-character drafts.
 */
async function benchBacktest(product, owner) {
  const { createPolicy } = await gql(
    product.baseUrl,
    `mutation { createPolicy(input: { name: "Charte (back-test)", templateId: "sme-social-media-policy-fr" }) { id } }`,
    undefined,
    owner,
  );
  const query = 'query($id: ID!) { backtestPolicy(input: { policyId: $id, limit: 5000 }) { scannedPosts scannedTexts flaggedPosts tookMs } }';
  await gql(product.baseUrl, query, { id: createPolicy.id }, owner); // warm-up
  const started = performance.now();
  const { backtestPolicy } = await gql(product.baseUrl, query, { id: createPolicy.id }, owner);
  const ms = performance.now() - started;
  record(
    'backtestPolicy, French template on 3,000-character posts',
    fmt(ms / backtestPolicy.scannedTexts, 2),
    'ms per text',
    '',
    true,
    `${backtestPolicy.scannedPosts} posts, ${backtestPolicy.scannedTexts} texts in ${fmt(ms)} ms over HTTP (${backtestPolicy.tookMs} ms in the service); ${backtestPolicy.flaggedPosts} flagged`,
  );
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * submitPost under the 10,000-term policy: 200 drafts of a 3,000-character post, submitted one
 * after another by one client (the path a person takes: the policy on the target, its findings
 * stored, the chain resolved, the approvers found and mailed, the audit event). The same client's
 * `{ __typename }` latency is measured in the same run as the floor.
 */
async function benchSubmit(product, owner, accountId, blockedText) {
  // An approver and an admin besides the author, so the default chain can be satisfied — and the
  // policy's posting-hours step (an admin's), which applies when the bench runs outside Mon–Fri
  // 08:00–20:00 Paris time.
  for (const role of ['APPROVER', 'ADMIN']) {
    const email = `${role.toLowerCase()}.${Date.now()}@example.com`;
    await gql(product.baseUrl, `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, { input: { email, role } }, owner);
    const kept = await gql(product.baseUrl, `{ sentMail(first: 5) { edges { node { to text } } } }`, {}, owner);
    const token = /#token=([A-Za-z0-9_.-]+)/.exec(kept.sentMail.edges.find((e) => e.node.to === email).node.text)[1];
    await gql(product.baseUrl, `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { role } }`, {
      input: { token, name: `Bench ${role.toLowerCase()}`, password: 'benchmark-password' },
    });
  }
  // The bench post trips BLOCK rules; as many words that trip none (under LinkedIn's 3,000 characters) make a post that goes to review.
  const text = blockedText.replace(/\S+/g, (word, offset) => (offset % 7 === 0 ? 'pain' : 'croissant')).slice(0, 2900);
  const timings = [];
  let submitted = 0;
  for (let i = 0; i < 200; i++) {
    const { createPost } = await gql(
      product.baseUrl,
      `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
      { input: { text: `${text} ${i}`, targets: [{ accountId }] } },
      owner,
    );
    const started = performance.now();
    const { submitPost } = await gql(product.baseUrl, `mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted } }`, { id: createPost.id }, owner);
    timings.push(performance.now() - started);
    if (submitPost.submitted) submitted++;
  }
  const floor = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await fetch(`${product.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: FLOOR }).then((r) => r.arrayBuffer());
    floor.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  const p99 = percentile(timings, 0.99);
  record(
    'submitPost, 3,000-character post, 10,000-term policy + 30 rules',
    `${fmt(p99, 1)} ms p99`,
    `(p50 ${fmt(percentile(timings, 0.5), 1)} ms)`,
    'p99 < 30 ms',
    p99 < 30,
    `200 submissions one after another (${submitted} went to review, the others were refused by BLOCK findings, which are stored too); floor \`{ __typename }\` on the same client p50 ${fmt(percentile(floor, 0.5), 1)} ms, p99 ${fmt(percentile(floor, 0.99), 1)} ms`,
  );
}

/** Sends `body` as fast as one client can until `until`; returns latencies (ms) and statuses. */
async function loop(baseUrl, headers, body, until) {
  const latencies = [];
  const statuses = {};
  while (Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return { latencies: latencies.sort((a, b) => a - b), statuses };
}

const ACCOUNT_ALL_FIELDS = `id network handle displayHandle profileUrl displayName kind active connected needsOwner needsOwnerReason timezone createdAt
  client { id name } owner { id name email active } ownershipHistory { owner { id name email active } assignedByName assignedAt endedAt endedReason }`;

/**
 * The hostile neighbour: p99 of a plain `me` while 4 clients keep sending the largest request the
 * limits allow (found here: the slowest of several shapes, each grown until one step more is refused).
 */
async function benchHostileNeighbour() {
  for (const mode of [
    { label: 'PostgreSQL', embedded: false, targetMs: 100 },
    { label: 'embedded PGlite', embedded: true, targetMs: 250 },
  ]) {
    const product = await startProduct({ embedded: mode.embedded, env: LOAD_ENV });
    try {
      const [owner] = await createOrganizations(product.baseUrl, 1);
      const clients = [];
      for (let i = 0; i < 20; i++) {
        clients.push(
          (
            await gql(
              product.baseUrl,
              `mutation($n: String!) { createClient(input: { name: $n, confidentialTerms: ["Projet ${i}"] }) { id } }`,
              { n: `Client ${i}` },
              owner,
            )
          ).createClient.id,
        );
      }
      for (let i = 0; i < 300; i++) {
        await gql(
          product.baseUrl,
          `mutation($i: AddSocialAccountInput!) { addSocialAccount(input: $i) { id } }`,
          {
            i: { network: 'X', handle: `neighbour_${i}`, displayName: `Account ${i}`, kind: 'BRAND', clientId: clients[i % 20] },
          },
          owner,
        );
      }
      const accepted = async (query) => {
        const response = await fetch(`${product.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...owner },
          body: JSON.stringify({ query }),
        });
        await response.arrayBuffer();
        return response.status === 200;
      };
      /** The largest n for which shape(n) is accepted. */
      const grow = async (shape, max) => {
        let lo = 1;
        let hi = max;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (await accepted(shape(mid))) lo = mid;
          else hi = mid - 1;
        }
        return shape(lo);
      };
      const aliases = (n, field) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      const candidates = {
        'socialAccounts with every field, largest page': await grow((n) => `{ socialAccounts(first: ${n}) { edges { node { ${ACCOUNT_ALL_FIELDS} } } } }`, 200),
        'aliased socialAccounts pages': await grow(
          (n) => aliases(15, `socialAccounts(first: ${n}) { edges { node { id handle client { name } owner { name } } } }`),
          200,
        ),
        'aliased clients pages with teams and terms': await grow(
          (n) => aliases(15, `clients(first: ${n}) { edges { node { id name confidentialTerms accountCount team { id name role } } } }`),
          200,
        ),
        '15 aliases of me': aliases(15, 'me { id name email memberships { role permissions organization { id name } } }'),
        'verifyAuditChain twice': aliases(2, 'verifyAuditChain { ok checkedCount headSeq }'),
        'aliased members and invitations': aliases(15, 'members { id name email role clients { id name } ownedAccountCount }'),
      };
      let hostile = null;
      for (const [label, query] of Object.entries(candidates)) {
        if (!(await accepted(query))) continue;
        const times = [];
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          await accepted(query);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        if (!hostile || times[2] > hostile.ms) hostile = { label, query, ms: times[2] };
      }
      const me = JSON.stringify({ query: '{ me { id } }' });
      const idle = await loop(product.baseUrl, owner, me, Date.now() + 3000);
      const duration = Math.min(DURATION_S, 10) * 1000;
      const until = Date.now() + duration;
      const neighbours = Array.from({ length: 4 }, () => loop(product.baseUrl, owner, JSON.stringify({ query: hostile.query }), until));
      const victim = await loop(product.baseUrl, owner, me, until);
      const noise = await Promise.all(neighbours);
      const hostileCount = noise.reduce((n, r) => n + r.latencies.length, 0);
      const hostileP50 = percentile(
        noise.flatMap((r) => r.latencies).sort((a, b) => a - b),
        0.5,
      );
      const p99 = percentile(victim.latencies, 0.99);
      record(
        `p99 of a plain \`me\` while 4 clients send the largest request the limits allow (${mode.label})`,
        fmt(p99, 1),
        'ms',
        `< ${mode.targetMs} ms`,
        p99 < mode.targetMs,
        `idle p99 ${fmt(percentile(idle.latencies, 0.99), 1)} ms (p50 ${fmt(percentile(idle.latencies, 0.5), 1)}); under load p50 ${fmt(percentile(victim.latencies, 0.5), 1)} ms over ${victim.latencies.length} requests; neighbours sent “${hostile.label}” (${fmt(hostile.ms)} ms alone, ${fmt(hostileP50)} ms p50 under load, ${hostileCount} answered)`,
      );
    } finally {
      await product.stop();
    }
  }
}

function benchVerifier() {
  const count = 200_000;
  const organizationId = '6f1c4b7e-8a53-4d0e-9d2a-1b2c3d4e5f60';
  const events = [];
  let prevHash = chain.GENESIS_HASH;
  const t0 = Date.parse('2026-11-25T08:00:00.000Z');
  for (let seq = 1; seq <= count; seq++) {
    const content = {
      organizationId,
      seq,
      occurredAt: new Date(t0 + seq * 1000).toISOString(),
      action: 'organization.renamed',
      actorUserId: '0b7d5c1a-2e3f-4a5b-8c9d-0e1f2a3b4c5d',
      targetType: 'organization',
      targetId: organizationId,
      data: { from: `Name ${seq - 1}`, to: `Name ${seq}` },
    };
    const sealed = chain.sealEvent(prevHash, content);
    events.push({ seq, prevHash, hash: sealed.hash, canonical: sealed.canonical, content });
    prevHash = sealed.hash;
  }
  const head = { seq: count, hash: prevHash };
  chain.verifyChain(events.slice(0, 5000), undefined); // warm-up
  for (const [label, withContent] of [
    ['hashes and links only', false],
    ['hashes, links and columns re-encoded (what the API does)', true],
  ]) {
    const input = withContent ? events : events.map(({ content: _content, ...rest }) => rest);
    const started = performance.now();
    const verdict = chain.verifyChain(input, head);
    const seconds = (performance.now() - started) / 1000;
    if (!verdict.ok) throw new Error('benchmark chain does not verify');
    const rate = count / seconds;
    record(
      `Chain verification in libs/audit-chain, ${label}`,
      fmt(rate),
      'events/s',
      '≥ 100,000/s',
      rate >= 100_000,
      `${fmt(count)} events in ${fmt(seconds, 2)} s`,
    );
  }
}

async function benchEmbeddedStart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearpost-bench-start-'));
  try {
    const fresh = await startProduct({ embedded: true, dataDir });
    const freshMs = fresh.startedInMs;
    await createOrganizations(fresh.baseUrl, 1); // some data to reopen
    await fresh.stop();
    record(
      'Embedded start to healthy, new data dir (node apps/api/dist/main.js)',
      fmt(freshMs / 1000, 2),
      's',
      '< 5 s',
      freshMs < 5000,
      'creating the PGlite cluster (from the template copied at first use) and running migrations',
    );
    const again = [];
    for (let i = 0; i < 3; i++) {
      const product = await startProduct({ embedded: true, dataDir });
      again.push(product.startedInMs);
      await product.stop();
    }
    const worst = Math.max(...again);
    record(
      'Embedded start to healthy on an existing data dir',
      fmt(worst / 1000, 2),
      's (worst of 3)',
      '< 2 s',
      worst < 2000,
      `best ${fmt(Math.min(...again) / 1000, 2)} s; what \`npm start\` costs every time after the first`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function machine() {
  const cpu = cpus();
  const pg = (() => {
    try {
      return execSync(`psql "${process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'}" -Atc "show server_version"`, {
        encoding: 'utf8',
      }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, PostgreSQL ${pg} (local, default settings), Redis (local)`;
}

/**
 * 10,000 publications due in one minute (sandbox, no latency): 1 worker, 2 workers, and 2 workers
 * with Redis killed for 10 s in the middle. Written to docs/benchmarks-publishing.md on its own
 * (it takes minutes), and into the main table.
 */
async function benchPublishing() {
  const scenarios = [
    { label: '1 worker', workers: 1 },
    { label: '2 workers', workers: 2 },
    { label: '2 workers, Redis killed for 10 s', workers: 2, killRedisForS: 10 },
  ];
  const lines = [];
  for (const scenario of scenarios) {
    const r = await runPublishing(scenario, log);
    log(`publishing (${scenario.label}):`, JSON.stringify(r));
    const ok = r.p99 < 2 && r.duplicates === 0 && r.lost === 0;
    record(
      `Publishing 10,000 due in one minute — ${scenario.label}`,
      `p50 ${fmt(r.p50, 2)} s / p99 ${fmt(r.p99, 2)} s`,
      's late',
      'p99 < 2 s, 0 duplicates, 0 lost',
      ok,
      `${fmt(r.throughput, 0)}/s, ${r.duplicates} duplicates, ${r.lost} not out 2 min after the last due`,
    );
    lines.push(
      `| ${scenario.label} | ${fmt(r.p50, 2)} s | ${fmt(r.p99, 2)} s | ${fmt(r.max, 2)} s | ${fmt(r.throughput, 0)}/s | ${r.duplicates} | ${r.lost} | ${ok ? 'met' : '**missed**'} |`,
    );
  }
  writeFileSync(
    join(ROOT, 'docs', 'benchmarks-publishing.md'),
    `# Publishing benchmark

Written by \`BENCH_ONLY=publishing node scripts/bench/run-all.mjs\` (also part of \`npm run bench\`); do not edit by hand.

- **When:** ${new Date().toISOString()}
- **Machine:** ${machine()}
- **What:** 10,000 publications (10 brand accounts, one organization) due evenly over one minute, on the sandbox connector
  without latency, seeded with SQL as scheduled posts with their publication and outbox rows; an API process (jobs off) and
  the workers (\`apps/api/dist/worker.js\`, JOB_CONCURRENCY=8 each) on PostgreSQL and a redis-server of the benchmark's own.
  Lateness is \`published_at - due_at\` per publication; duplicates are sandbox posts beyond one per publication's
  idempotency key; "not out" are publications not yet PUBLISHED two minutes after the last was due (still
  queued, not lost: the benchmark stops waiting there).
- **Target:** p99 lateness < 2 s, 0 duplicates, 0 lost.

| Scenario | p50 late | p99 late | max | throughput | duplicates | not out after 2 min | target |
| --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}
`,
  );
}

/**
 * Issue 14: the built-in templates on the held-out third of the labelled corpus. Written to
 * docs/benchmarks-policy-corpus.md, and into the main table.
 */
function benchPolicyCorpus() {
  const pct = (v) => (v === null ? '—' : `${fmt(v * 100, 0)} %`);
  const sections = [];
  for (const { name, result, heldOut, total } of benchCorpus()) {
    const rows = result.categories.map(
      (c) => `| ${c.category} | ${pct(c.precision)} | ${pct(c.recall)} | ${c.truePositives} | ${c.falsePositives} | ${c.falseNegatives} |`,
    );
    const recalls = result.categories.filter((c) => c.recall !== null).map((c) => c.recall);
    const precisions = result.categories.filter((c) => c.precision !== null).map((c) => c.precision);
    const minRecall = Math.min(...recalls);
    const minPrecision = Math.min(...precisions);
    log(`corpus (${name}): min recall ${pct(minRecall)}, min precision ${pct(minPrecision)}, false alarms ${pct(result.falseAlarmRate)}`);
    record(
      `Policy corpus — ${name}: lowest recall / precision`,
      `${pct(minRecall)} / ${pct(minPrecision)}`,
      '',
      'recall ≥ 95 %, precision ≥ 90 %',
      minRecall >= 0.95 && minPrecision >= 0.9,
      `held-out ${heldOut} of ${total} posts`,
    );
    record(
      `Policy corpus — ${name}: clean posts with a finding`,
      pct(result.falseAlarmRate),
      '',
      '≤ 5 %',
      (result.falseAlarmRate ?? 1) <= 0.05,
      `${result.clean} clean posts`,
    );
    sections.push(`### ${name}

Clean posts with any finding above MONITOR: **${pct(result.falseAlarmRate)}** of ${result.clean} (target ≤ 5 %).

| Category | Precision | Recall | TP | FP | FN |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`);
  }
  writeFileSync(
    join(ROOT, 'docs', 'benchmarks-policy-corpus.md'),
    `# Policy templates on the labelled corpus

Written by \`BENCH_ONLY=corpus node scripts/bench/run-all.mjs\` (also part of \`npm run bench\`); do not edit by hand.

- **When:** ${new Date().toISOString()}
- **Corpus:** \`libs/policy-engine/corpus\` — the held-out third only (posts numbered by multiples of 3). The organization's
  posting hours (${JSON.stringify(GROUPS.posting_hours.rules)} rule: Monday–Saturday 07:00–21:00, Europe/Paris) are added to every configuration.
- **Categories:** the corpus's labels grouped as the policy's rules stand for them (${Object.keys(GROUPS).join(', ')}). A post
  counts as flagged in a category when a rule of that category gives a finding above MONITOR.
- **Targets (issue 14):** recall ≥ 95 % and precision ≥ 90 % in every BLOCK and REQUIRE_APPROVAL category; ≤ 5 % of clean posts
  with any finding above MONITOR.

${sections.join('\n')}`,
  );
}

async function main() {
  // BENCH_ONLY=policy (or verifier, api, accounts, start) runs one section and leaves the docs alone.
  const only = process.env.BENCH_ONLY;
  const sections = {
    policy: benchPolicyEngine,
    check: benchCheckPost,
    verifier: benchVerifier,
    api: benchApi,
    hostile: benchHostileNeighbour,
    start: benchEmbeddedStart,
    publishing: benchPublishing,
    corpus: benchPolicyCorpus,
  };
  for (const [name, section] of Object.entries(sections)) if (!only || only === name) await section();
  if (only) return;

  const rows = results.map(
    (r) => `| ${r.name} | ${r.value} ${r.unit} | ${r.target || '—'} | ${r.target ? (r.meets ? 'met' : '**missed**') : '—'} | ${r.note} |`,
  );
  const markdown = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/run-all.mjs); do not edit by hand.

- **When:** ${new Date().toISOString()}
- **Machine:** ${machine()}
- **Command:** \`npm run bench\` (builds, then \`node scripts/bench/run-all.mjs\`; BENCH_DURATION_S=${DURATION_S})

| Measure | Result | Target | | Notes |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## How it is measured

- **The floor:** \`{ __typename }\` over the same HTTP + Nest + Apollo stack (no guard, no database),
  measured on the same running API just before each read or write target, with the same 16
  connections, so a noisy neighbour on this shared machine moves both. Targets are ratios to it.
  The API runs as deployed (\`NODE_ENV=production\`: JSON request logs) with the request-rate
  limits lifted. CPU per request is read from /proc for the API process and every PostgreSQL
  process, over the same seconds.
- **Reads:** one tenant of 50 clients, 10,000 brand accounts (owners among 20 editors), 100,000
  audit events sealed into a valid chain by libs/audit-chain and 100,000 posts (each with its
  revision and target, six states in seven submitted), inserted in bulk with SQL; an owner and a
  client viewer (invited and accepted through the API) read the first page of 20 accounts with
  client and owner and the first page of 20 posts with author, client and targets, and the owner
  reads the first 50 audit events. Every statement runs the
  RLS policies; the lists are served by indexes in their order (tested by list-plans.int.spec.ts).
- **Audited mutations:** \`updateOrganization\` with a new name each time, spread over 8
  organizations (then on one): the full path of a production request — JWT, session and membership
  check in the round trip that opens the transaction, the update, and the audit event sealed by
  PostgreSQL in the round trip that commits. Afterwards every chain is verified and must be intact
  and gap-free, or the benchmark fails.
- **Policy engine:** a deterministic policy (seed 42) of 10,000 generated French-like terms
  (10 % phrases, 5 % trailing wildcards) plus 30 other rules of every kind, 50 colleague names and
  20 clients' confidential terms, against a 3,000-character French post with a few hits. The
  lexicon stage is measured three ways on the same folded text: this engine's automaton, one V8
  alternation regex (whole words via lookarounds), and one regex per term.
- **Verification in the library:** ${'200,000'} sealed events verified in memory by \`verifyChain\`.
- **submitPost:** the same 10,000-term policy attached to the organization; 200 drafts of a
  3,000-character post that passes it, submitted one after another by one client (the policy on
  the target, findings stored, the chain resolved, approvers found and mailed, the audit event),
  beside the same client's \`{ __typename }\` latency.
- **Embedded start:** time from spawning the process to the first 200 from \`/health\`, on a new
  data directory, then three times on the same one. \`npm start\` adds the build before it (cached
  by Nx after the first run).

Where a target is missed, the analysis is in \`docs/decisions/0006-ready-for-the-posting-workflow.md\` (lists, writes, the
hostile neighbour, the embedded start), \`docs/decisions/0007-posts-and-approvals.md\` (posts, submitPost) and, for the
history of audited writes, \`docs/decisions/0002-audited-write-throughput.md\`.
`;
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), markdown);
  log('written to docs/benchmarks.md');
}

export { startProduct, seedReadTenant, createOrganizations, LOAD_ENV, gql };

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
