import { graphql } from './gql';
import Redis from 'ioredis';
import { withAdmin } from './support/databases';
import { INVITE, mailText } from './support/people';
import { TestSmtp, unusedPort } from './support/smtp';
import { TestApp, type SignedIn } from './support/test-app';

const mailRow = (t: TestApp, to: string) =>
  withAdmin(
    (admin) =>
      admin
        .query(`select status, attempts, last_error, text_body, html_body, body_encrypted, transport from outbound_mail where to_address = $1`, [to])
        .then((r) => r.rows[0]),
    t.database,
  );

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each([
  ['through BullMQ on Redis', true],
  ['in-process (no Redis)', false],
])('invitation mail over SMTP, %s', (_label, withRedis) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let owner: SignedIn;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestApp.start({ smtpUrl: smtp.url, ...(withRedis ? {} : { redisUrl: null }) });
    owner = await t.signUp('mailer');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers the invitation with a working link, then keeps no body', async () => {
    const email = `smtp-${withRedis ? 'redis' : 'local'}@example.test`;
    const invited = await t.gql(INVITE, { input: { email, role: 'EDITOR' } }, { token: owner.token, organizationId: owner.organizationId });
    expect(invited.errors).toBeUndefined();
    const mail = await smtp.mailTo(email);
    expect(mail.subject).toBe('Test mailer invited you to mailer organization on Clearpost');
    expect(mail.from?.text).toContain('no-reply@clearpost.test');
    const token = /#token=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1];
    expect(mail.html).toContain('Accept the invitation');

    const preview = await t.gql(
      graphql(`
        query Mail1($token: String!) {
          invitation(token: $token) {
            email
            role
          }
        }
      `),
      { token: token! },
    );
    expect(preview.data?.invitation).toEqual({ email, role: 'EDITOR' });

    const row = await until(
      () => mailRow(t, email),
      (r) => r.status === 'SENT',
    );
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, text_body: null, html_body: null, body_encrypted: null, transport: 'SMTP' });
    const sent = await t.gql(
      graphql(`
        query Mail2 {
          sentMail {
            delivery
            edges {
              node {
                to
                status
                text
              }
            }
          }
        }
      `),
      {},
      { token: owner.token, organizationId: owner.organizationId },
    );
    expect(sent.data?.sentMail.delivery).toBe('SMTP');
    expect(sent.data?.sentMail.edges[0].node).toEqual({ to: email, status: 'SENT', text: null });

    // The work went through the BullMQ queue when Redis is configured (its job counter moved).
    const redis = new Redis(t.config.redisUrl ?? 'redis://127.0.0.1:6379');
    try {
      const jobs = Number((await redis.get(`${t.config.redisPrefix}:bull:outbox:id`)) ?? 0);
      expect(jobs > 0).toBe(withRedis);
    } finally {
      redis.disconnect();
    }
  });
});

describe('when the SMTP server is down', () => {
  it('keeps the mail queued with the error, retries, and delivers once the server is back', async () => {
    const port = await unusedPort();
    const t = await TestApp.start({ smtpUrl: `smtp://127.0.0.1:${port}` });
    let smtp: TestSmtp | null = null;
    try {
      const owner = await t.signUp('outage');
      const email = 'outage@example.test';
      const invited = await t.gql(INVITE, { input: { email, role: 'MEMBER' } }, { token: owner.token, organizationId: owner.organizationId });
      expect(invited.errors).toBeUndefined(); // the invitation is saved whatever the mail server does

      const failed = await until(
        () => mailRow(t, email),
        (r) => r.attempts >= 1,
      );
      expect(failed).toMatchObject({ status: 'QUEUED', attempts: 1 });
      expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(await mailText(t, email)).toContain('#token='); // kept until it is delivered…
      expect(failed.body_encrypted).not.toContain('#token='); // …encrypted at rest

      smtp = await TestSmtp.start(port);
      // Skip the 30 s back-off: make the retry due now; the sweep (every 200 ms in tests) picks it up.
      await withAdmin((admin) => admin.query(`update outbox set available_at = now() where completed_at is null`), t.database);
      const mail = await smtp.mailTo(email);
      expect(mail.text).toContain('#token=');
      const row = await until(
        () => mailRow(t, email),
        (r) => r.status === 'SENT',
      );
      expect(row).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
    } finally {
      await t.close();
      await smtp?.close();
    }
  });
});

describe('without SMTP_URL', () => {
  it('keeps mail, body and all, in the database for the Sent mail page', async () => {
    const t = await TestApp.start();
    try {
      const owner = await t.signUp('stored');
      await t.gql(INVITE, { input: { email: 'stored@example.test', role: 'MEMBER' } }, { token: owner.token, organizationId: owner.organizationId });
      const sent = await t.gql(
        `{ sentMail { delivery edges { node { to subject status text html } } } }`,
        {},
        { token: owner.token, organizationId: owner.organizationId },
      );
      expect(sent.data?.sentMail.delivery).toBe('DATABASE');
      expect(sent.data?.sentMail.edges[0].node).toMatchObject({ to: 'stored@example.test', status: 'STORED' });
      expect(sent.data?.sentMail.edges[0].node.text).toContain('http://clearpost.test/invitations/accept#token=');
      const outbox = await withAdmin((admin) => admin.query(`select count(*)::int as n from outbox`).then((r) => r.rows[0].n), t.database);
      expect(outbox).toBe(0); // nothing to deliver
    } finally {
      await t.close();
    }
  });
});
