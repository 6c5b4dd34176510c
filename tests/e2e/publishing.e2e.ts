import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { gql, PASSWORD, signUpByApi } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** An approver joins through the API (the review is not what this test is about) and approves. */
async function approverOf(owner: Record<string, string>, email: string): Promise<Record<string, string>> {
  await gql(product.baseUrl, `mutation($email: String!) { inviteMember(input: { email: $email, role: APPROVER }) { id } }`, { email }, owner);
  const data = await gql(product.baseUrl, `{ sentMail(first: 20) { edges { node { to text } } } }`, {}, owner);
  const text: string = data.sentMail.edges.find((e: { node: { to: string } }) => e.node.to === email)?.node.text ?? '';
  const token = /#token=([A-Za-z0-9_.-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`No invitation for ${email}`);
  const accepted = await gql(product.baseUrl, `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { auth { accessToken } } }`, {
    input: { token, name: 'Alex Approver', password: PASSWORD },
  });
  return { authorization: `Bearer ${accepted.acceptInvitation.auth.accessToken}`, 'x-organization-id': owner['x-organization-id'] };
}

const received: Array<{ event: string; body: string; signature: string }> = [];
let receiverUrl = '';
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ event: String(req.headers['clearpost-event']), body, signature: String(req.headers['clearpost-signature']) });
    res.end('ok');
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/clearpost`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test('an approved post scheduled a few seconds ahead goes out once: the post page turns PUBLISHED live with its link, the calendar and the sandbox feed show it, the audit chain holds', async () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerEmail = `owner.${suffix}@agence.fr`;
  const owner = await signUpByApi(product.baseUrl, ownerEmail, 'Agence Lumière', 'Olivia Owner');
  const me = (await gql(product.baseUrl, `{ me { id } }`, {}, owner)).me.id;
  const client = (await gql(product.baseUrl, `mutation { createClient(input: { name: "Boulangerie Dupont" }) { id } }`, {}, owner)).createClient.id;
  const account = (
    await gql(
      product.baseUrl,
      `mutation($client: ID!, $me: ID!) { addSocialAccount(input: { network: MASTODON, handle: "@dupont@boulangers.social", displayName: "Boulangerie Dupont", kind: BRAND, clientId: $client, ownerId: $me }) { id } }`,
      { client, me },
      owner,
    )
  ).addSocialAccount.id;
  const approver = await approverOf(owner, `approver.${suffix}@agence.fr`);
  const text = `La fournée du samedi est prête ${suffix}`;
  const post = (
    await gql(
      product.baseUrl,
      `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
      { input: { text, targets: [{ accountId: account }] } },
      owner,
    )
  ).createPost.id;
  const submitted = await gql(
    product.baseUrl,
    `mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted post { contentHash } } }`,
    { id: post },
    owner,
  );
  expect(submitted.submitPost.submitted).toBe(true);
  await gql(
    product.baseUrl,
    `mutation($id: ID!, $hash: String!) { approvePost(input: { postId: $id, contentHash: $hash }) { state } }`,
    { id: post, hash: submitted.submitPost.post.contentHash },
    approver,
  );

  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1440, height: 1000 } });
  const page: Page = await context.newPage();
  try {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Agence Lumière' }).waitFor();

    // Until it is connected, the brand account publishes to the sandbox; its menu offers Mastodon.
    await page.getByRole('navigation').getByRole('link', { name: 'Social accounts' }).click();
    const row = page.getByRole('row', { name: 'Boulangerie Dupont' });
    await row.getByText('Sandbox', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Actions for Boulangerie Dupont' }).click();
    await page.getByRole('menuitem', { name: 'Connect to Mastodon' }).click();
    await page.getByRole('dialog').getByLabel('Mastodon server').waitFor();
    expect(await page.getByRole('dialog').getByLabel('Mastodon server').inputValue()).toBe('boulangers.social');
    await screenshot(page, 'publishing-connect-mastodon');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // The agency's own system listens: a webhook added on the Webhooks page, its secret shown once.
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Address').fill(receiverUrl);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'publishing-webhooks');

    // Scheduled 8 seconds ahead, then the page is left alone: it must follow the post by itself.
    await gql(
      product.baseUrl,
      `mutation($id: ID!, $at: DateTime!) { schedulePost(input: { postId: $id, scheduledAt: $at }) { state } }`,
      {
        id: post,
        at: new Date(Date.now() + 8_000).toISOString(),
      },
      owner,
    );
    // The page is told over graphql-ws (/graphql/ws), not by polling: the frames it receives are kept.
    const pushed: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => pushed.push(String(frame.payload))));
    await page.goto(`/posts/${post}`);
    const publishing = page.getByRole('region', { name: 'Publishing' });
    await publishing.locator('[data-publication-state="SCHEDULED"]').waitFor();
    await screenshot(page, 'publishing-scheduled');
    await publishing.locator('[data-publication-state="PUBLISHED"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-state="PUBLISHED"]').first().waitFor();
    const link = publishing.getByRole('link', { name: 'View on the network' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/sandbox#[0-9a-f-]{36}$/);
    await screenshot(page, 'publishing-published');
    expect(pushed.some((frame) => frame.includes('"post.published"'))).toBe(true);

    // The sandbox network holds it exactly once, and the link opens it there.
    await page.goto(new URL(href!).pathname + new URL(href!).hash);
    const copies = page.locator('[data-sandbox-post]').filter({ hasText: text });
    await copies.first().waitFor();
    expect(await copies.count()).toBe(1);
    await screenshot(page, 'publishing-sandbox');

    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await page.locator(`[data-calendar-post="${post}"][data-state="PUBLISHED"]`).waitFor();
    await screenshot(page, 'publishing-calendar');

    // Another approved post, scheduled next Tuesday at 10:00, is dragged to Wednesday on the calendar.
    const later = (
      await gql(
        product.baseUrl,
        `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
        { input: { text: `Moved ${suffix}`, targets: [{ accountId: account }] } },
        owner,
      )
    ).createPost.id;
    const laterHash = (await gql(product.baseUrl, `mutation($id: ID!) { submitPost(input: { postId: $id }) { post { contentHash } } }`, { id: later }, owner))
      .submitPost.post.contentHash;
    await gql(
      product.baseUrl,
      `mutation($id: ID!, $hash: String!) { approvePost(input: { postId: $id, contentHash: $hash }) { state } }`,
      { id: later, hash: laterHash },
      approver,
    );
    const now = new Date();
    const tuesday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((9 - now.getUTCDay()) % 7 || 7), 10));
    if (now.getUTCDay() === 1) tuesday.setUTCDate(tuesday.getUTCDate() + 7); // on a Monday, tomorrow is this week: take next week's
    await gql(
      product.baseUrl,
      `mutation($id: ID!, $at: DateTime!) { schedulePost(input: { postId: $id, scheduledAt: $at }) { state } }`,
      { id: later, at: tuesday.toISOString() },
      owner,
    );
    await page.getByRole('button', { name: 'Next' }).click();
    const wednesday = new Date(tuesday.getTime() + 86_400_000).toISOString().slice(0, 10);
    await page.locator(`[data-calendar-post="${later}"]`).dragTo(page.locator(`[data-day="${wednesday}"]`));
    await page.locator(`[data-day="${wednesday}"] [data-calendar-post="${later}"]`).waitFor();
    const moved = await gql(product.baseUrl, `query($id: ID!) { post(id: $id) { scheduledAt state } }`, { id: later }, owner);
    expect(moved.post).toEqual({ state: 'SCHEDULED', scheduledAt: new Date(tuesday.getTime() + 86_400_000).toISOString() });
    await screenshot(page, 'publishing-calendar-moved');

    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    const table = page.getByRole('table');
    for (const action of ['post.approved', 'post.scheduled', 'publication.scheduled', 'publication.attempted', 'publication.published', 'post.published']) {
      await table.getByText(action, { exact: true }).first().waitFor();
    }
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('status').filter({ hasText: 'Chain intact' }).waitFor();
    await screenshot(page, 'publishing-audit');

    // The webhook heard of the publication, signed with the secret; the page shows it delivered.
    expect(received.some((r) => r.event === 'post.published' && JSON.parse(r.body).data.postId === post)).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('Delivered').first().waitFor();
    await screenshot(page, 'publishing-webhook-deliveries');
  } finally {
    await screenshot(page, 'last-publishing').catch(() => undefined);
    await context.close();
  }
});
