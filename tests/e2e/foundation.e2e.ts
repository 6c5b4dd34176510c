import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { PASSWORD, signUp as signUpFlow } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let product: RunningProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

beforeEach(async () => {
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
});

afterEach(async () => {
  // Whatever happened, keep the last screen the test saw.
  await screenshot(page, `last-${expect.getState().currentTestName?.replace(/\W+/g, '-')}`).catch(() => undefined);
  await page.context().close();
});

const password = PASSWORD;
const signUp = (email: string, organization: string) => signUpFlow(page, email, organization);

test('sign up, see organization.created in the audit trail, and verify the chain', async () => {
  const email = `camille.${randomBytes(4).toString('hex')}@agence-lumiere.fr`;
  await signUp(email, 'Agence Lumière');
  await page.getByText('Owner', { exact: true }).first().waitFor();

  await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  const table = page.getByRole('table');
  await table.getByText('organization.created').waitFor();
  await table.getByText('member.added').waitFor();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Chain intact' });
  await result.waitFor();
  expect(await result.textContent()).toMatch(/[0-9a-f]{64}/); // the head hash is shown
  await screenshot(page, 'audit-chain-verified');

  // From one event to everything about its target.
  await table.getByRole('row', { name: /Organization created/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Everything about this organization' }).click();
  await table.getByText('member.added').waitFor({ state: 'detached' });
  await table.getByText('organization.created').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await table.getByText('member.added').waitFor();
});

test('a reload keeps the session; sign out ends it; sign in brings the person back', async () => {
  const email = `lea.${randomBytes(4).toString('hex')}@exemple.fr`;
  await signUp(email, 'Maison Exemple');
  await page.reload();
  await page.getByRole('heading', { name: 'Maison Exemple' }).waitFor();

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor(); // the refresh cookie is gone too

  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' });
  await alert.waitFor();

  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Maison Exemple' }).waitFor();
});

test('create a second organization and switch between them', async () => {
  await signUp(`noah.${randomBytes(4).toString('hex')}@exemple.fr`, 'Studio Nord');
  const switcher = page.getByRole('button', { name: 'Switch organization' });
  await switcher.click();
  await page.getByRole('menuitem', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Client Sud');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'Client Sud' }).waitFor();

  await switcher.click();
  await page.getByRole('menuitem', { name: /Studio Nord/ }).click();
  await page.getByRole('heading', { name: 'Studio Nord' }).waitFor();
});
