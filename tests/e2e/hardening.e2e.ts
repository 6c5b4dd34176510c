import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { gql, PASSWORD, signUpByApi } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let product: RunningProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const SENT_MAIL = `{ sentMail(first: 20) { edges { node { to text } } } }`;

/** The invitation token in the mail to `email`, as `reader` sees it on the Sent mail page. */
async function tokenFor(reader: Record<string, string>, email: string): Promise<string> {
  const { sentMail } = await gql(product.baseUrl, SENT_MAIL, {}, reader);
  const text: string = sentMail.edges.find((e: { node: { to: string } }) => e.node.to === email).node.text;
  return /#token=([A-Za-z0-9_.-]+)/.exec(text)![1];
}

test('an admin reading the Sent mail page sees an invitation to become owner with its link hidden, and cannot use it', async () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = await signUpByApi(product.baseUrl, `olivia.${suffix}@atelier.test`, 'Atelier Vert');
  const adminEmail = `adam.${suffix}@atelier.test`;
  await gql(product.baseUrl, `mutation($e: String!) { inviteMember(input: { email: $e, role: ADMIN }) { id } }`, { e: adminEmail }, owner);
  await gql(product.baseUrl, `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { role } }`, {
    i: { token: await tokenFor(owner, adminEmail), name: 'Adam Admin', password: PASSWORD },
  });
  const coOwner = `co.${suffix}@atelier.test`;
  await gql(product.baseUrl, `mutation($e: String!) { inviteMember(input: { email: $e, role: OWNER }) { id } }`, { e: coOwner }, owner);
  const realToken = await tokenFor(owner, coOwner);

  await page.goto('/');
  await page.getByRole('textbox', { name: 'Email' }).fill(adminEmail);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Atelier Vert' }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Sent mail' }).click();
  const mails = page.getByRole('region', { name: 'Sent mail' }).or(page.getByLabel('Sent mail'));
  await mails.getByText(`To ${coOwner}`).click();
  await page.getByText('The link in this mail is hidden from you').waitFor();
  await page
    .getByText(/#token=\[hidden\]/)
    .first()
    .waitFor();
  await page.waitForTimeout(300); // the panel's opening animation
  await screenshot(page, 'sent-mail-redacted');
  const shown = await page.locator('body').innerText();
  expect(shown).toContain('#token=[hidden]');
  expect(shown).not.toContain(realToken);
  // The admin's own invitation (a role an admin may grant) is shown whole to them.
  const adminToken = await tokenFor(owner, adminEmail);
  await mails.getByText(`To ${adminEmail}`).click();
  // The panel swaps to the chosen mail once it renders: wait for it rather than read the previous one.
  await page.getByText(adminToken).first().waitFor();
  const shownToAdmin = await page.locator('body').innerText();
  expect(shownToAdmin).toContain(`#token=${adminToken}`);
  expect(shownToAdmin).not.toContain(realToken);
});
