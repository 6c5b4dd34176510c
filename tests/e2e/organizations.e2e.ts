import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchBrowser, screenshot } from './support/browser';
import { gql as gqlAt, PASSWORD, signUp } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let smtp: TestSmtp;
let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  [product, browser] = await Promise.all([startProduct({ SMTP_URL: smtp.url, MAIL_FROM: 'Clearpost <no-reply@agence.test>' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await smtp?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1366, height: 900 } });
  return context.newPage();
}

test('an admin invites a member, who accepts from the email; the admin makes them owner of a client’s account; the audit trail shows all three', async () => {
  const admin = await newPage();
  const member = await newPage();
  try {
    await signUp(admin, `admin.${randomBytes(4).toString('hex')}@agence-lumiere.fr`, 'Agence Lumière', 'Camille Martin');

    // A client with its confidential terms.
    await admin.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await admin.getByRole('button', { name: 'New client' }).click();
    const clientDialog = admin.getByRole('dialog');
    await clientDialog.getByLabel('Client name').fill('Maison Dupont');
    const terms = clientDialog.getByLabel('Confidential terms');
    await terms.fill('Projet Hermine');
    await terms.press('Enter');
    await clientDialog.getByRole('button', { name: 'Create client' }).click();
    await admin.getByRole('region', { name: 'Maison Dupont' }).getByText('Projet Hermine').waitFor();
    await screenshot(admin, 'clients');

    // A brand account for that client, with no owner yet.
    await admin.getByRole('navigation').getByRole('link', { name: 'Social accounts' }).click();
    await admin.getByRole('button', { name: 'Add account' }).click();
    const accountDialog = admin.getByRole('dialog');
    await accountDialog.getByRole('textbox', { name: 'Handle or profile link' }).fill('https://x.com/MaisonDupont');
    await accountDialog.getByText('Saved as @maisondupont').waitFor();
    await accountDialog.getByRole('textbox', { name: 'Display name' }).fill('Maison Dupont');
    await accountDialog.getByLabel('Client', { exact: true }).click();
    await admin.getByRole('option', { name: 'Maison Dupont' }).click();
    await accountDialog.getByRole('button', { name: 'Add account' }).click();
    const group = admin.getByRole('region', { name: 'Maison Dupont' });
    await group.getByText('Needs owner').waitFor();

    // Invite a member.
    const email = `lea.${randomBytes(4).toString('hex')}@agence-lumiere.fr`;
    await admin.getByRole('navigation').getByRole('link', { name: 'Members' }).click();
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    const inviteDialog = admin.getByRole('dialog');
    await inviteDialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await inviteDialog.getByLabel(/^Role/).click();
    await admin.getByRole('option', { name: 'Editor' }).click();
    await screenshot(admin, 'invite-member');
    await inviteDialog.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('table', { name: 'Pending invitations' }).getByText(email).waitFor();
    await screenshot(admin, 'members-pending');

    // The member opens the link from the email caught by the SMTP server.
    const mail = await smtp.mailTo(email);
    expect(mail.subject).toBe('Camille Martin invited you to Agence Lumière on Clearpost');
    const link = /(https?:\/\/\S+#token=[A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    await member.goto(new URL(new URL(link!).pathname + new URL(link!).hash, product.baseUrl).toString());
    await member.getByRole('heading', { name: 'Join Agence Lumière' }).waitFor();
    await member.getByLabel('Your name').fill('Léa Bernard');
    await member.getByRole('textbox', { name: 'Choose a password' }).fill(PASSWORD);
    await screenshot(member, 'accept-invitation');
    await member.getByRole('button', { name: 'Accept and create my account' }).click();
    await member.getByRole('heading', { name: 'Agence Lumière' }).waitFor();
    await member.getByText('Editor', { exact: true }).first().waitFor();

    // The admin makes the new member owner of the client's account.
    await admin.getByRole('navigation').getByRole('link', { name: 'Social accounts' }).click();
    await group.getByLabel('Owner of Maison Dupont').click();
    await admin.getByRole('option', { name: 'Léa Bernard' }).click();
    await group.getByText('Needs owner').waitFor({ state: 'detached' });
    await group.getByRole('button', { name: 'Ownership history of Maison Dupont' }).click();
    await admin.getByRole('dialog').getByText('assigned by Camille Martin').waitFor();
    await admin.waitForTimeout(400); // the drawer's slide-in, for the screenshot
    await screenshot(admin, 'ownership-history');
    await admin.keyboard.press('Escape');

    // The audit trail shows the three events.
    await admin.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    const table = admin.getByRole('table');
    for (const action of ['member.invited', 'member.joined', 'account.owner_assigned']) await table.getByText(action, { exact: true }).waitFor();
    await screenshot(admin, 'audit-organization-events');
  } finally {
    await screenshot(admin, 'last-organizations-admin').catch(() => undefined);
    await screenshot(member, 'last-organizations-member').catch(() => undefined);
    await admin.context().close();
    await member.context().close();
  }
});

const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => gqlAt(product.baseUrl, query, variables, headers);

test('a client user lands on their own brand and sees nothing of other clients or of the agency', async () => {
  const suffix = randomBytes(4).toString('hex');
  const signedUp = await gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { memberships { organization { id } } } } }`, {
    input: { email: `owner.${suffix}@agence.test`, password: PASSWORD, name: 'Olivia Owner', organizationName: 'Agence Nord' },
  });
  const as = { authorization: `Bearer ${signedUp.signUp.accessToken}`, 'x-organization-id': signedUp.signUp.user.memberships[0].organization.id };
  const client = async (name: string) => (await gql(`mutation($name: String!) { createClient(input: { name: $name }) { id } }`, { name }, as)).createClient.id;
  const acme = await client('Acme');
  const globex = await client('Globex');
  const account = (handle: string, displayName: string, clientId: string) =>
    gql(
      `mutation($input: AddSocialAccountInput!) { addSocialAccount(input: $input) { id } }`,
      { input: { network: 'INSTAGRAM', handle, displayName, kind: 'BRAND', clientId } },
      as,
    );
  await account('acme.paris', 'Acme Paris', acme);
  await account('globex.world', 'Globex World', globex);
  const email = `viewer.${suffix}@acme.test`;
  await gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, { input: { email, role: 'CLIENT_VIEWER', clientIds: [acme] } }, as);

  const mail = await smtp.mailTo(email);
  const link = new URL(/(https?:\/\/\S+#token=[A-Za-z0-9_.-]+)/.exec(mail.text ?? '')![1]);
  const page = await newPage();
  try {
    await page.goto(link.pathname + link.hash);
    await page.getByLabel('Your name').fill('Victor Viewer');
    await page.getByRole('textbox', { name: 'Choose a password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept and create my account' }).click();
    await page.getByRole('heading', { name: 'Acme', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Acme Paris' }).waitFor();
    await screenshot(page, 'client-home');
    expect(await page.getByText('Globex').count()).toBe(0);
    const nav = page.getByRole('navigation');
    // Their client's posts: the list, when they go out, and where they went (the sandbox feed of their accounts).
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Posts', 'Calendar', 'Sandbox network', 'Social accounts']);
  } finally {
    await page.context().close();
  }
});
