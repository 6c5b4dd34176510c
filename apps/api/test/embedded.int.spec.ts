import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { loadConfig, type AppConfig } from '../src/config/config';
import { Db } from '../src/database/db.service';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * The zero-configuration mode `npm start` uses: PGlite (every socket a superuser, one shared
 * session), so isolation rests entirely on SET LOCAL ROLE and transaction-local settings.
 */
describe('embedded mode (PGlite, no DATABASE_URL, no REDIS_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearpost-embedded-'));
  let config: AppConfig;
  let app: INestApplication;

  async function boot(): Promise<INestApplication> {
    const instance = await createApp(config, { logger: false });
    await instance.init();
    return instance;
  }

  function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    return request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
  }

  async function signUp(label: string) {
    const res = await gql(`mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id memberships { organization { id } } } } }`, {
      i: { email: `${label}@example.test`, password: 'embedded password', name: label, organizationName: `${label} org` },
    });
    if (!res.body.data) throw new Error(JSON.stringify(res.body));
    const payload = res.body.data.signUp;
    return { token: payload.accessToken as string, userId: payload.user.id as string, organizationId: payload.user.memberships[0].organization.id as string };
  }

  beforeAll(async () => {
    const env = { CLEARPOST_DATA_DIR: dataDir } as NodeJS.ProcessEnv;
    config = { ...loadConfig(env), port: 0, logLevel: 'silent' };
    app = await boot();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates the JWT secret into the data dir and runs without any server', async () => {
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ CLEARPOST_DATA_DIR: dataDir } as NodeJS.ProcessEnv).jwtSecret).toBe(config.jwtSecret);
    const health = await request(app.getHttpServer()).get('/health');
    expect(health.body).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
  });

  it('keeps tenants apart even though every PGlite connection is a superuser', async () => {
    const a = await signUp('emb-a');
    const b = await signUp('emb-b');
    const db = app.get(Db);
    // 20 interleaved transactions, alternating tenants, over the shared single session.
    const seen = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const tenant = i % 2 ? a : b;
        const tx = db.create({ organizationId: tenant.organizationId, userId: null });
        try {
          const rows = await tx.many<{ organization_id: string }>(`select organization_id from audit_event`);
          const role = await tx.one<{ name: string }>(`select current_user as name`);
          return { tenant: tenant.organizationId, orgs: [...new Set(rows.map((r) => r.organization_id))], role: role?.name };
        } finally {
          await tx.finish(false);
        }
      }),
    );
    for (const { tenant, orgs, role } of seen) {
      expect(orgs).toEqual([tenant]);
      expect(role).toBe('clearpost_app');
    }
    const forbidden = await gql(
      `{ auditEvents { edges { node { seq } } } }`,
      {},
      { authorization: `Bearer ${a.token}`, 'x-organization-id': b.organizationId },
    );
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('seals audit events in PGlite exactly as libs/audit-chain does (non-ASCII text included)', async () => {
    const owner = await signUp('emb-seal');
    const headers = { authorization: `Bearer ${owner.token}`, 'x-organization-id': owner.organizationId };
    for (const name of ['Café ☕ 𝄞 "quoted"', '日本語の組織']) {
      const renamed = await gql(`mutation($n: String!) { updateOrganization(input: { name: $n }) { id } }`, { n: name }, headers);
      expect(renamed.body.errors).toBeUndefined();
    }
    const res = await gql(`{ verifyAuditChain { ok headSeq checkedCount } }`, {}, headers);
    expect(res.body.data.verifyAuditChain).toEqual({ ok: true, headSeq: 5, checkedCount: 5 });
  });

  it('refuses a second process on the same data dir', async () => {
    await expect(startEmbeddedPostgres(join(dataDir, 'pgdata'))).rejects.toThrow(/already running/);
  });

  it('keeps data and sessions across a restart', async () => {
    const before = await signUp('emb-restart');
    await app.close();
    app = await boot();
    const res = await gql(`{ verifyAuditChain { ok headSeq } }`, {}, { authorization: `Bearer ${before.token}`, 'x-organization-id': before.organizationId });
    expect(res.body.data.verifyAuditChain).toEqual({ ok: true, headSeq: 3 });
  }, 120_000);
});
