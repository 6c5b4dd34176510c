import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { gql, PASSWORD, signUpByApi } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  // No SMTP: mail is kept, and the owner reads the links on the Sent mail page (as a new user would).
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1440, height: 1000 } });
  return context.newPage();
}

/** The link with a token in the last kept mail to `to`, as the owner reads it. */
async function linkFromMail(owner: Record<string, string>, to: string): Promise<string> {
  const data = await gql(product.baseUrl, `{ sentMail(first: 50) { edges { node { to text } } } }`, {}, owner);
  const mail = data.sentMail.edges.find((edge: { node: { to: string } }) => edge.node.to === to)?.node;
  const link = /(https?:\/\/\S+#token=[A-Za-z0-9_.-]+)/.exec(mail?.text ?? '')?.[1];
  if (!link) throw new Error(`No link in the mail to ${to}`);
  return new URL(new URL(link).pathname + new URL(link).hash, product.baseUrl).toString();
}

test('an editor writes a post with live findings and submits it; the agency approves it from the queue; the client approves it from a link without an account', async () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerEmail = `owner.${suffix}@agence.fr`;
  const owner = await signUpByApi(product.baseUrl, ownerEmail, 'Agence Lumière', 'Olivia Owner');
  const client = (await gql(product.baseUrl, `mutation { createClient(input: { name: "Boulangerie Dupont" }) { id } }`, {}, owner)).createClient.id;
  await gql(
    product.baseUrl,
    `mutation($client: ID!) { addSocialAccount(input: { network: LINKEDIN, handle: "boulangerie-dupont", displayName: "Boulangerie Dupont", kind: BRAND, clientId: $client }) { id } }`,
    { client },
    owner,
  );
  const policy = (
    await gql(
      product.baseUrl,
      `mutation($rules: JSON) { createPolicy(input: { name: "Règles boulangerie", rules: $rules }) { id } }`,
      {
        rules: [
          {
            id: 'free',
            kind: 'lexicon',
            action: 'BLOCK',
            terms: ['gratuit'],
            message: { en: 'Nothing is free: say what the offer is.', fr: 'Rien n’est gratuit : dites quelle est l’offre.' },
          },
          { id: 'promo', kind: 'lexicon', action: 'WARN', terms: ['promo*'] },
        ],
      },
      owner,
    )
  ).createPolicy.id;
  await gql(product.baseUrl, `mutation($id: ID!) { publishPolicyVersion(input: { policyId: $id }) { version } }`, { id: policy }, owner);
  await gql(
    product.baseUrl,
    `mutation($id: ID!, $client: ID!) { attachPolicy(input: { policyId: $id, scope: CLIENT, targetId: $client }) { id } }`,
    { id: policy, client },
    owner,
  );
  await gql(
    product.baseUrl,
    `mutation($client: ID!) { setClientApproverEmails(input: { clientId: $client, emails: ["patron@boulangerie.fr"] }) }`,
    { client },
    owner,
  );
  await gql(
    product.baseUrl,
    `mutation($client: ID!) { setApprovalChain(input: { scope: CLIENT, scopeId: $client, reminderHours: 24, steps: [
      { name: "Agency", approvers: { roles: [APPROVER, ADMIN, OWNER], memberIds: [], clientApprovers: false }, mode: ANY, minApprovals: 1 },
      { name: "Client", approvers: { roles: [], memberIds: [], clientApprovers: true }, mode: ANY, minApprovals: 1 }
    ] }) { scope } }`,
    { client },
    owner,
  );
  const editorEmail = `editor.${suffix}@agence.fr`;
  await gql(product.baseUrl, `mutation($email: String!) { inviteMember(input: { email: $email, role: EDITOR }) { id } }`, { email: editorEmail }, owner);

  const editor = await newPage();
  const agency = await newPage();
  const boss = await newPage();
  try {
    // The editor joins and writes the post.
    await editor.goto(await linkFromMail(owner, editorEmail));
    await editor.getByLabel('Your name').fill('Léa Editor');
    await editor.getByRole('textbox', { name: 'Choose a password' }).fill(PASSWORD);
    await editor.getByRole('button', { name: 'Accept and create my account' }).click();
    await editor.getByRole('heading', { name: 'Agence Lumière' }).waitFor();
    await editor.getByRole('navigation').getByRole('link', { name: 'Posts' }).click();
    await editor.getByText('No posts yet').waitFor();
    await editor.getByRole('link', { name: 'New post' }).click();
    await editor.getByRole('combobox', { name: 'Accounts' }).fill('boulangerie');
    await editor.getByRole('option', { name: /Boulangerie Dupont/ }).click();
    await editor.keyboard.press('Escape');
    await editor.getByRole('textbox', { name: 'Text' }).fill('Croissant gratuit pour la promo de la semaine !');
    const findings = editor.getByRole('region', { name: 'What the policy finds' });
    await findings.locator('mark[data-action="BLOCK"]').first().waitFor();
    expect(await findings.locator('mark[data-action="BLOCK"]').allTextContents()).toEqual(['gratuit']);
    await findings.getByText('Nothing is free: say what the offer is.').waitFor();
    await screenshot(editor, 'post-composer-blocked');
    await editor.getByRole('textbox', { name: 'Text' }).fill('Deux croissants pour le prix d’un, cette semaine en promo !');
    await findings.locator('mark[data-action="BLOCK"]').first().waitFor({ state: 'detached' });
    await findings.locator('mark[data-action="WARN"]').first().waitFor();
    await screenshot(editor, 'post-composer');
    await editor.getByRole('button', { name: 'Save and submit for approval' }).click();
    await editor.getByText('In review').first().waitFor();
    await editor.getByRole('region', { name: 'Approval' }).getByText('Waiting').waitFor();
    await screenshot(editor, 'post-in-review');

    // The owner approves from the queue, from the keyboard.
    await agency.goto('/sign-in');
    await agency.getByLabel('Email').fill(ownerEmail);
    await agency.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await agency.getByRole('button', { name: 'Sign in' }).click();
    await agency.getByRole('heading', { name: 'Agence Lumière' }).waitFor();
    await agency.getByRole('navigation').getByRole('link', { name: 'Posts' }).click();
    await agency.getByRole('tab', { name: 'Waiting for me' }).click();
    const row = agency.getByRole('row', { name: /Deux croissants/ });
    await row.waitFor();
    await screenshot(agency, 'post-queue');
    await agency.keyboard.press('a');
    await agency.getByText('Decision recorded').waitFor();
    await agency.getByText('Nothing is waiting for you').waitFor();

    // The client's approver opens the link from the mail, without an account, and approves.
    await boss.goto(await linkFromMail(owner, 'patron@boulangerie.fr'));
    await boss.getByRole('heading', { name: 'Approval requested' }).waitFor();
    await boss.getByText('Deux croissants pour le prix d’un, cette semaine en promo !').first().waitFor();
    await screenshot(boss, 'post-seatless-approval');
    await boss.getByLabel('Your comment (optional)').fill('Parfait, merci !');
    await boss.getByRole('button', { name: 'Approve' }).click();
    await boss.getByText('Thank you: your decision was recorded.').waitFor();

    // The post is approved; its history says who did what.
    await agency.getByRole('tab', { name: 'All posts' }).click();
    await agency.getByRole('link', { name: /Deux croissants/ }).click();
    await agency.getByText('Approved', { exact: true }).first().waitFor();
    const history = agency.getByRole('region', { name: 'History' });
    await history.getByText('Approved: Agency').waitFor();
    await history.getByText('Approved: Client').waitFor();
    await history.getByText('patron@boulangerie.fr', { exact: false }).first().waitFor();
    await screenshot(agency, 'post-approved');
  } finally {
    for (const [page, name] of [
      [editor, 'last-post-editor'],
      [agency, 'last-post-agency'],
      [boss, 'last-post-boss'],
    ] as const) {
      await screenshot(page, name).catch(() => undefined);
      await page.context().close();
    }
  }
});
