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

/** Calls the API as a script would, for setting up what a test is not about. */
export async function gql(baseUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Signs up through the API; returns the headers that act as this owner in their organization. */
export async function signUpByApi(baseUrl: string, email: string, organizationName: string, name = 'Olivia Owner'): Promise<Record<string, string>> {
  const data = await gql(baseUrl, `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { memberships { organization { id } } } } }`, {
    input: { email, password: PASSWORD, name, organizationName },
  });
  return { authorization: `Bearer ${data.signUp.accessToken}`, 'x-organization-id': data.signUp.user.memberships[0].organization.id };
}
