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

/** Accepts an invitation through the API (for people a test is not about) and returns their headers. */
async function joinByApi(owner: Record<string, string>, email: string, role: string, name: string): Promise<Record<string, string>> {
  await gql(product.baseUrl, `mutation($email: String!, $role: Role!) { inviteMember(input: { email: $email, role: $role }) { id } }`, { email, role }, owner);
  const token = new URL(await linkFromMail(owner, email)).hash.replace('#token=', '');
  const data = await gql(product.baseUrl, `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { auth { accessToken } } }`, {
    input: { token, name, password: PASSWORD },
  });
  return { authorization: `Bearer ${data.acceptInvitation.auth.accessToken}`, 'x-organization-id': owner['x-organization-id'] };
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Agence Lumière' }).waitFor();
}

test('from draft to approved and scheduled: live findings, the policy to accept first, compliance then the agency then the client by link; an edit voids the approvals; the audit chain holds', async () => {
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
          {
            id: 'promo',
            kind: 'lexicon',
            action: 'REQUIRE_APPROVAL',
            approverRole: 'COMPLIANCE',
            terms: ['promo*'],
            message: { en: 'Promotions are checked by compliance.' },
          },
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
  await gql(
    product.baseUrl,
    `mutation { updatePolicyDocumentDraft(input: { title: "Charte réseaux sociaux", body: "Pas de promesse que nous ne tenons pas." }) { id } }`,
    {},
    owner,
  );
  const version = (await gql(product.baseUrl, `mutation { publishPolicyDocument(input: {}) { id } }`, {}, owner)).publishPolicyDocument.id;
  const complianceEmail = `compliance.${suffix}@agence.fr`;
  const compliance = await joinByApi(owner, complianceEmail, 'COMPLIANCE', 'Chloé Compliance');
  await gql(product.baseUrl, `mutation($id: ID!) { acknowledgePolicyDocument(versionId: $id) { versionId } }`, { id: version }, compliance);
  const editorEmail = `editor.${suffix}@agence.fr`;
  await gql(product.baseUrl, `mutation($email: String!) { inviteMember(input: { email: $email, role: EDITOR }) { id } }`, { email: editorEmail }, owner);

  const editor = await newPage();
  const agency = await newPage();
  const boss = await newPage();
  try {
    // The editor joins: the social media policy comes first, and no post can be submitted until it is accepted.
    await editor.goto(await linkFromMail(owner, editorEmail));
    await editor.getByLabel('Your name').fill('Léa Editor');
    await editor.getByRole('textbox', { name: 'Choose a password' }).fill(PASSWORD);
    await editor.getByRole('button', { name: 'Accept and create my account' }).click();
    await editor.getByText('Until you do, you cannot submit posts.').waitFor();
    await screenshot(editor, 'post-policy-gate');
    await editor.getByRole('button', { name: 'I have read and accept version 1' }).click();

    // The composer runs the account's policy as the editor types.
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
    await findings.locator('mark[data-action="REQUIRE_APPROVAL"]').first().waitFor();
    await findings.getByText('Will need an extra approval: Compliance.').waitFor();
    await screenshot(editor, 'post-composer');
    await editor.getByRole('button', { name: 'Save and submit for approval' }).click();
    await editor.getByText('In review').first().waitFor();
    const steps = editor.getByRole('region', { name: 'Approval' });
    await steps.getByText('1. Policy: Règles boulangerie — promo').waitFor();
    await steps.getByText('Waiting').waitFor();
    await screenshot(editor, 'post-in-review');
    const postUrl = editor.url();

    // Compliance approves from the queue, from the keyboard; the count beside "Posts" says it waits.
    await signIn(agency, complianceEmail);
    await agency.getByRole('navigation').getByLabel('1 post waiting for your decision').waitFor();
    await agency.getByRole('navigation').getByRole('link', { name: /Posts/ }).click();
    await agency.getByRole('tab', { name: 'Waiting for me' }).click();
    await agency.getByRole('row', { name: /Deux croissants/ }).waitFor();
    await screenshot(agency, 'post-queue');
    await agency.keyboard.press('a');
    await agency.getByRole('dialog', { name: 'Approve' }).waitFor();
    await agency.keyboard.press('Enter');
    await agency.getByText('Decision recorded').waitFor();
    await agency.getByText('Nothing is waiting for you').waitFor();
    await agency.context().clearCookies();

    // The owner approves the agency step from the post page.
    await agency.evaluate(() => localStorage.clear());
    await signIn(agency, ownerEmail);
    await agency.goto(postUrl);
    await agency.getByRole('region', { name: 'Your decision' }).getByRole('button', { name: 'Approve' }).click();
    await agency.getByText('Decision recorded').waitFor();

    // The client's approver opens the emailed link, without an account, and approves.
    // On a phone: the page the client's approver opens from their mail.
    await boss.setViewportSize({ width: 390, height: 844 });
    await boss.goto(await linkFromMail(owner, 'patron@boulangerie.fr'));
    await boss.getByRole('heading', { name: 'Approval requested' }).waitFor();
    await boss.getByText('Deux croissants pour le prix d’un, cette semaine en promo !').first().waitFor();
    await screenshot(boss, 'post-seatless-approval');
    await boss.getByLabel('Your comment (optional)').fill('Parfait, merci !');
    await boss.getByRole('button', { name: 'Approve' }).click();
    await boss.getByText('Thank you: your decision was recorded.').waitFor();

    // Approved; scheduled for tomorrow 09:30 (the schedule dialog shows the account's own time).
    await agency.reload();
    await agency.getByText('Approved', { exact: true }).first().waitFor();
    const postId = postUrl.split('/posts/')[1];
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(9, 30, 0, 0);
    await gql(
      product.baseUrl,
      `mutation($id: ID!, $at: DateTime!) { schedulePost(input: { postId: $id, scheduledAt: $at }) { state } }`,
      { id: postId, at: tomorrow.toISOString() },
      owner,
    );
    await agency.reload();
    await agency.getByText('Scheduled', { exact: true }).first().waitFor();
    const history = agency.getByRole('region', { name: 'History' });
    await history.getByText('Approved: Policy: Règles boulangerie — promo').waitFor();
    await history.getByText('Approved: Agency').waitFor();
    await history.getByText('Approved: Client').waitFor();
    await history.getByText('patron@boulangerie.fr', { exact: false }).first().waitFor();
    await screenshot(agency, 'post-approved');

    // A comment shared with the client, and a reply under it.
    const comments = agency.getByRole('region', { name: 'Comments' });
    await comments.getByText('Shared with the client', { exact: true }).click();
    await comments.getByRole('textbox', { name: 'Add a comment' }).fill('Le client a validé, merci à tous.');
    await comments.getByRole('button', { name: 'Comment', exact: true }).click();
    await comments.getByText('Le client a validé, merci à tous.').waitFor();
    await comments.getByRole('button', { name: 'Reply to Olivia Owner' }).click();
    await comments.getByText('Replying to Olivia Owner').waitFor();
    await comments.getByRole('textbox', { name: 'Add a comment' }).fill('Bien noté.');
    await comments.getByRole('button', { name: 'Comment', exact: true }).click();
    await comments.getByText('Bien noté.').waitFor();

    // An edit after approval voids the approvals: the post is a draft again, and the history says why.
    await editor.goto(postUrl);
    await editor.getByRole('link', { name: 'Edit' }).click();
    await editor.getByText('saving a change sends it back to draft', { exact: false }).waitFor();
    await editor.getByRole('textbox', { name: 'Text' }).fill('Deux croissants pour le prix d’un, toute la semaine en promo !');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByRole('region', { name: 'History' }).getByText('Approvals voided: revision 2 was saved').waitFor();
    await editor.getByText('Draft', { exact: true }).first().waitFor();
    await editor.getByRole('region', { name: 'Revisions' }).locator('ins').first().waitFor();
    await screenshot(editor, 'post-voided');

    // The audit trail has every step, and its chain is intact.
    await agency.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    const table = agency.getByRole('table');
    for (const action of ['post.created', 'post.submitted', 'post.approved', 'approval_link.used', 'post.scheduled', 'post.approval_voided', 'post.revised']) {
      await table.getByText(action, { exact: true }).first().waitFor();
    }
    await agency.getByRole('button', { name: 'Verify chain' }).click();
    await agency.getByRole('status').filter({ hasText: 'Chain intact' }).waitFor();
    await screenshot(agency, 'post-audit');
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
