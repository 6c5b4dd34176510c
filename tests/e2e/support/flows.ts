import type { Page } from 'playwright-core';
import { screenshot } from './browser';

export const PASSWORD = 'correct horse battery staple';

/** Signs a new person up through the web app, with their own organization. */
export async function signUp(page: Page, email: string, organization: string, name = 'Camille Martin'): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Agency or company').fill(organization);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await screenshot(page, 'sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: organization }).waitFor();
}
