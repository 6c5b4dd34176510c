import { randomBytes } from 'node:crypto';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { admin, Cluster, gql, signUp } from './support/cluster';

/**
 * SIGTERM under load: the process stops accepting, finishes the operations and jobs under way,
 * and closes. Every change a client saw succeed is in the database with its audit event; nothing
 * is left open; mail queued before the stop is delivered after a restart, once.
 */
describe('graceful shutdown under load', () => {
  let smtp: TestSmtp;
  let cluster: Cluster;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    cluster = await Cluster.create({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await cluster?.close();
    await smtp?.close();
  });

  it('loses no committed work and leaves no transaction open', async () => {
    const api = await cluster.api('api', { jobs: true });
    const owner = await signUp(api.baseUrl, 'shutdown');
    const confirmed: string[] = [];
    const invited: string[] = [];
    let running = true;
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const name = `Renamed ${n}-${i}-${randomBytes(2).toString('hex')}`;
        try {
          await gql(api.baseUrl, `mutation($n: String!) { updateOrganization(input: { name: $n }) { id } }`, { n: name }, owner);
          confirmed.push(name);
          if (i % 5 === 0) {
            const email = `late-${n}-${i}@shutdown.test`;
            await gql(api.baseUrl, `mutation($e: String!) { inviteMember(input: { email: $e, role: MEMBER }) { id } }`, { e: email }, owner);
            invited.push(email);
          }
        } catch {
          // refused or cut off by the shutdown: it is not counted as done
        }
      }
    };
    const clients = Array.from({ length: 6 }, (_, n) => client(n));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stopped = await cluster.stop(api, 'SIGTERM');
    running = false;
    await Promise.all(clients);

    // A slow stop fails with what the process logged while it stopped (warnings and errors).
    if (stopped.ms >= 15_000) throw new Error(`Stopping took ${stopped.ms} ms. The process logged:\n${api.output().slice(-4_000)}`);
    expect(confirmed.length).toBeGreaterThan(10);
    const renames = await admin(cluster.database, (c) =>
      c
        .query(`select data->>'to' as name from audit_event where action = 'organization.renamed'`)
        .then((r) => new Set(r.rows.map((row) => row.name as string))),
    );
    expect(confirmed.filter((name) => !renames.has(name))).toEqual([]);
    const open = await admin(null, (c) => c.query(`select count(*)::int as n from pg_stat_activity where datname = $1`, [cluster.database]));
    expect(open.rows[0].n).toBe(0);

    // Mail queued before (or during) the stop goes out once the product is back, exactly once.
    await cluster.api('api-again', { jobs: true });
    const deadline = Date.now() + 30_000;
    const delivered = () => new Set(smtp.received.map((m) => JSON.stringify(m.to)));
    while (invited.some((email) => ![...delivered()].some((to) => to.includes(email))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const email of invited) expect(smtp.received.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);
  });
});
