import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureHeader, verifySignature } from '../src/webhooks/webhook-signature';
import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { approvedPost, bringWorkForward } from './support/approved-posts';
import { addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CREATE_HOOK = graphql(`
  mutation Webhooks1($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
        url
        events
      }
      secret
    }
  }
`);
const DELIVERIES = graphql(`
  query Webhooks2($id: String!) {
    webhookDeliveries(webhookId: $id) {
      id
      event
      status
      attempts
      lastStatus
      payload
    }
  }
`);
const REDELIVER = graphql(`
  mutation Webhooks3($id: ID!) {
    redeliverWebhook(input: { deliveryId: $id })
  }
`);
const DELETE_HOOK = graphql(`
  mutation Webhooks4($id: ID!) {
    deleteWebhook(input: { webhookId: $id })
  }
`);
const NOW = graphql(`
  mutation Webhooks8($id: ID!) {
    publishPostNow(input: { postId: $id }) {
      state
    }
  }
`);

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver that records what it gets and answers with the statuses queued, then 200. */
async function receiver(): Promise<{ url: string; received: Received[]; answers: number[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200);
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 120_000; // see FakeMastodon
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/clearpost`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

describe('Webhooks: signed, retried, logged, redeliverable', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let owner: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let viewer: SignedIn;
  let account: string;

  beforeAll(async () => {
    [t, hook] = await Promise.all([TestApp.start(), receiver()]);
    owner = await t.signUp('webhooks-owner');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    const clientId = await createClient(t, owner, 'Boulangerie');
    viewer = await join(t, owner, 'CLIENT_VIEWER', [clientId]);
    account = await addAccount(t, owner, { handle: 'boulangerie', clientId, ownerId: editor.userId });
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });

  const hurry = () => bringWorkForward(t);
  async function waitFor(what: string, done: () => boolean | Promise<boolean>) {
    const deadline = Date.now() + 15_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await hurry();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const approved = (text: string) => approvedPost(t, editor, approver, [account], text);

  it('only owners and admins manage webhooks; the address and events are checked', async () => {
    expect((await t.gql(CREATE_HOOK, { input: { url: hook.url, events: ['post.approved'] } }, as(editor))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`{ webhooks { id } }`, {}, as(viewer))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ftp = await t.gql(CREATE_HOOK, { input: { url: 'ftp://example.com/hook', events: ['post.approved'] } }, as(owner));
    expect(ftp.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const unknown = await t.gql(CREATE_HOOK, { input: { url: hook.url, events: ['post.deleted'] } }, as(owner));
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('delivers post.approved and post.published signed (timestamped HMAC-SHA256), retries a 500, keeps a log, redelivers, stops when deleted', async () => {
    const created = (await t.gql(CREATE_HOOK, { input: { url: hook.url, events: ['post.approved', 'post.published'] } }, as(owner))).data!.createWebhook;
    expect(created.secret).toMatch(/^whsec_/);
    const [stored] = await withAdmin(
      (db) => db.query(`select secret_encrypted from webhook where id = $1`, [created.webhook.id]).then((r) => r.rows),
      t.database,
    );
    expect(stored.secret_encrypted).not.toContain(created.secret);

    hook.answers.push(500);
    const postId = await approved('Webhook me');
    await waitFor('post.approved delivered after a retry', async () => {
      const list = (await t.gql(DELIVERIES, { id: created.webhook.id }, as(owner))).data!.webhookDeliveries;
      return list.some((d) => d.event === 'post.approved' && d.status === 'DELIVERED');
    });
    const approvedDeliveries = hook.received.filter((r) => r.headers['clearpost-event'] === 'post.approved');
    expect(approvedDeliveries).toHaveLength(2); // a 500, then the retry
    const last = approvedDeliveries[1];
    expect(verifySignature(created.secret, last.body, String(last.headers['clearpost-signature']))).toBe(true);
    expect(verifySignature(created.secret, last.body.replace('"revision":1', '"revision":2'), String(last.headers['clearpost-signature']))).toBe(false);
    const old = signatureHeader(created.secret, last.body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifySignature(created.secret, last.body, old)).toBe(false); // a replay an hour later is refused
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({ event: 'post.approved', organizationId: owner.organizationId, data: { postId, revision: 1 } });
    expect(body.id).toBe(last.headers['clearpost-delivery']);

    await t.gql(NOW, { id: postId }, as(editor));
    await waitFor('post.published delivered', () => hook.received.some((r) => r.headers['clearpost-event'] === 'post.published'));
    const published = JSON.parse(hook.received.find((r) => r.headers['clearpost-event'] === 'post.published')!.body);
    expect(published.data.publications[0]).toMatchObject({ accountId: account, state: 'PUBLISHED' });

    const log = (await t.gql(DELIVERIES, { id: created.webhook.id }, as(owner))).data!.webhookDeliveries;
    const first = log.find((d) => d.event === 'post.approved')!;
    expect(first).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatus: 200 });
    const count = hook.received.length;
    expect((await t.gql(REDELIVER, { id: first.id }, as(owner))).data?.redeliverWebhook).toBe(true);
    await waitFor('the redelivery', () => hook.received.length > count);
    expect(hook.received.at(-1)?.body).toBe(last.body); // the same body, signed again
    expect(verifySignature(created.secret, hook.received.at(-1)!.body, String(hook.received.at(-1)!.headers['clearpost-signature']))).toBe(true);

    expect((await t.gql(DELETE_HOOK, { id: created.webhook.id }, as(owner))).data?.deleteWebhook).toBe(true);
    const after = hook.received.length;
    await approved('Nobody listens now');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(hook.received.length).toBe(after);
    const actions = (await auditActions(t, owner.organizationId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.created', 'webhook.redelivered', 'webhook.deleted']));
  });
});
