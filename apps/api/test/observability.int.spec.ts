import { graphql } from './gql';
import { Writable } from 'node:stream';
import request from 'supertest';
import { withAdmin } from './support/databases';
import { INVITE } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/** Structured logs, Prometheus metrics and readiness: what an operator sees. */
describe('logs', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    t = await TestApp.start({ logLevel: 'info' }, [], false, stream);
  });
  afterAll(() => t.close());

  it('writes JSON lines naming the request, its operation, organization and user — and no secret', async () => {
    const owner = await t.signUp('logs');
    const headers = { authorization: `Bearer ${owner.token}`, 'x-organization-id': owner.organizationId, cookie: owner.cookie, 'x-request-id': 'trace-me-42' };
    const res = await request(t.http).post('/graphql').set(headers).send({ query: 'query Members { members { id } }' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-me-42');
    // A refused input logs a warning inside the request: it carries the request's fields too.
    await request(t.http)
      .post('/graphql')
      .set({ ...headers, 'x-request-id': 'refused-43' })
      .send({ query: 'mutation Rename($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }', variables: { i: { name: 'a\u0000' } } });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const completed = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'trace-me-42');
    expect(completed).toMatchObject({ operation: 'query Members', organizationId: owner.organizationId, userId: owner.userId, res: { status: 200 } });
    const refused = lines.filter((l) => (l.req as { id?: string } | undefined)?.id === 'refused-43');
    expect(refused.map((l) => l.level)).toContain(40); // the warning
    for (const line of refused) expect(line).toMatchObject({ operation: 'mutation Rename', organizationId: owner.organizationId, userId: owner.userId });

    const everything = raw.join('\n');
    for (const secret of [owner.token, owner.password, owner.cookie.split('=')[1]]) expect(everything).not.toContain(secret);
  });

  it('never logs a mail body or an invitation link', async () => {
    const owner = await t.signUp('logs-mail');
    await t.gql(INVITE, { input: { email: 'logged@example.test', role: 'MEMBER' } }, { token: owner.token, organizationId: owner.organizationId });
    const kept = await t.gql(
      graphql(`
        query Observability1 {
          sentMail {
            edges {
              node {
                text
              }
            }
          }
        }
      `),
      {},
      { token: owner.token, organizationId: owner.organizationId },
    );
    const token = /#token=([\w.-]+)/.exec(kept.data!.sentMail.edges[0].node.text!)![1];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(raw.join('\n')).not.toContain(token);
  });
});

describe('metrics and readiness', () => {
  let t: TestApp;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start({ metricsToken: 'scrape-secret-token' });
    owner = await t.signUp('metrics');
  });
  afterAll(() => t.close());

  const scrape = async () => (await request(t.http).get('/metrics').set('authorization', 'Bearer scrape-secret-token')).text;
  const value = (text: string, line: RegExp) => Number(line.exec(text)?.[1] ?? NaN);

  it('is refused without the metrics token', async () => {
    expect((await request(t.http).get('/metrics')).status).toBe(401);
    expect((await request(t.http).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
  });

  it('counts operations by root field, audit appends, failed sign-ins, the pool and the outbox', async () => {
    const before = await scrape();
    await t.gql('{ me { id } }', {}, { token: owner.token });
    await t.gql(
      graphql(`
        mutation Observability2 {
          updateOrganization(input: { name: "Counted" }) {
            id
          }
        }
      `),
      {},
      { token: owner.token, organizationId: owner.organizationId },
    );
    await t.gql(`mutation { logIn(input: { email: "${owner.email}", password: "wrong password here" }) { accessToken } }`);
    const after = await scrape();
    expect(value(after, /clearpost_graphql_operation_duration_seconds_count\{type="query",operation="me",outcome="ok"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    // The rename and the failed sign-in.
    expect(value(after, /clearpost_audit_events_appended_total (\d+)/)).toBe(value(before, /clearpost_audit_events_appended_total (\d+)/) + 2);
    expect(value(after, /clearpost_sign_in_failures_total (\d+)/)).toBe(value(before, /clearpost_sign_in_failures_total (\d+)/) + 1);
    expect(after).toMatch(/clearpost_db_pool_connections\{state="idle"\} \d+/);
    expect(after).toMatch(/clearpost_db_round_trips_per_transaction_bucket\{le="3"\} \d+/);
    expect(after).toMatch(/clearpost_outbox_lag_seconds \d/);
    expect(after).toMatch(/clearpost_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="2xx"\} \d+/);
  });

  it('is ready with every migration applied, and says what is missing otherwise', async () => {
    const ready = await request(t.http).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'ok', migrations: 'ok', redis: 'ok' });
    expect((await request(t.http).get('/health/live')).body).toEqual({ status: 'ok' });
    const [last] = await withAdmin(
      (admin) => admin.query(`select id, timestamp, name from migrations order by id desc limit 1`).then((r) => r.rows),
      t.database,
    );
    await withAdmin((admin) => admin.query(`delete from migrations where id = $1`, [last.id]), t.database);
    try {
      const pending = await request(t.http).get('/health/ready');
      expect(pending.status).toBe(503);
      expect(pending.body).toMatchObject({ status: 'not ready', migrations: 'pending' });
    } finally {
      await withAdmin(
        (admin) => admin.query(`insert into migrations (id, timestamp, name) values ($1, $2, $3)`, [last.id, last.timestamp, last.name]),
        t.database,
      );
    }
  });

  it('is not ready when Redis is configured and cannot be reached', async () => {
    const down = await TestApp.start({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      const res = await request(down.http).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ database: 'ok', migrations: 'ok', redis: 'down' });
    } finally {
      await down.close();
    }
  });
});
