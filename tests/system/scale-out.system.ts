import { TestSmtp } from '../../apps/api/test/support/smtp';
import { admin, Cluster, gql, signUp } from './support/cluster';

/**
 * Two API processes (jobs off) and two workers on one PostgreSQL and one Redis: every job runs
 * once. Invitations are made through both APIs; each mail must reach the SMTP server exactly once,
 * delivered by a worker, never by an API process.
 */
const INVITATIONS = 40;

describe.each([
  ['through BullMQ on Redis', true],
  ['without Redis (workers find work in PostgreSQL)', false],
])('2 API processes + 2 workers, %s', (_label, withRedis) => {
  let smtp: TestSmtp;
  let cluster: Cluster;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    cluster = await Cluster.create({ SMTP_URL: smtp.url, MAIL_FROM: 'Clearpost <no-reply@scale.test>', ...(withRedis ? {} : { REDIS_URL: undefined }) });
  });
  afterAll(async () => {
    await cluster?.close();
    await smtp?.close();
  });

  it('runs every job exactly once, on a worker', async () => {
    const apiA = await cluster.api('api-a');
    const apiB = await cluster.api('api-b');
    await Promise.all([cluster.worker('worker-1'), cluster.worker('worker-2')]);
    const owner = await signUp(apiA.baseUrl, 'scale');
    const emails = Array.from({ length: INVITATIONS }, (_, i) => `invitee-${i}@scale.test`);
    await Promise.all(
      emails.map((email, i) =>
        gql(i % 2 ? apiB.baseUrl : apiA.baseUrl, `mutation($e: String!) { inviteMember(input: { email: $e, role: MEMBER }) { id } }`, { e: email }, owner),
      ),
    );
    const deadline = Date.now() + 30_000;
    while (new Set(smtp.received.map((m) => m.headers.get('x-clearpost-mail-id'))).size < INVITATIONS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time for any duplicate to arrive
    const ids = smtp.received.map((m) => String(m.headers.get('x-clearpost-mail-id')));
    expect(new Set(ids).size).toBe(INVITATIONS);
    expect(ids.length).toBe(INVITATIONS);
    const rows = await admin(cluster.database, (client) =>
      client.query(
        `select count(*)::int as n, count(*) filter (where completed_at is not null and attempts = 1)::int as once from outbox where topic = 'mail.deliver'`,
      ),
    );
    expect(rows.rows[0]).toEqual({ n: INVITATIONS, once: INVITATIONS });
    // The API processes ran none of it.
    for (const api of [apiA, apiB]) {
      const metrics = await (await fetch(`${api.baseUrl}/metrics`)).text();
      expect(metrics).not.toMatch(/clearpost_jobs_total\{topic="mail.deliver"/);
    }
  });
});
