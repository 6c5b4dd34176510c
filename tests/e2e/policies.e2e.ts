import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestSmtp } from '../../apps/api/test/support/smtp';
import { launchBrowser, screenshot } from './support/browser';
import { gql, PASSWORD, signUp, signUpByApi } from './support/flows';
import { startProduct, type RunningProduct } from './support/server';

let smtp: TestSmtp;
let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  [product, browser] = await Promise.all([startProduct({ SMTP_URL: smtp.url }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await smtp?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport: { width: 1440, height: 1000 } });
  return context.newPage();
}

test('an admin starts a policy from the French template, attaches it to a client, and sees a finding highlighted as they type', async () => {
  const page = await newPage();
  try {
    await signUp(page, `admin.${randomBytes(4).toString('hex')}@agence.fr`, 'Agence Claire', 'Claire Admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByRole('dialog').getByLabel('Client name').fill('Maison Dupont');
    await page.getByRole('dialog').getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('region', { name: 'Maison Dupont' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Policies' }).click();
    const competitors = page.getByRole('region', { name: 'Competitors' });
    await competitors.getByLabel('Competitors’ names').fill('Maison Rivale');
    await competitors.getByLabel('Competitors’ names').press('Enter');
    await competitors.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Competitors saved.').waitFor();
    await page.getByRole('button', { name: 'Use Charte réseaux sociaux PME' }).click();
    await page.getByRole('heading', { name: 'Charte réseaux sociaux PME' }).waitFor();
    await page.getByRole('region', { name: 'Rules' }).getByText('Pas de prise de position politique').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 1 applies').waitFor();
    // The notifications sit over the page's middle for a few seconds: a click meant for the client
    // list underneath closed it instead (seen once in CI).
    await page.getByText('Version 1 published').waitFor({ state: 'hidden' });
    await page.getByText('Competitors saved.').waitFor({ state: 'hidden' });

    const appliesTo = page.getByRole('region', { name: 'Applies to' });
    await appliesTo.getByLabel('Attach to').click();
    await page.getByRole('option', { name: 'Maison Dupont' }).click();
    await appliesTo.getByRole('button', { name: 'Attach' }).click();
    await appliesTo.getByText('Client: Maison Dupont').waitFor();

    const tryIt = page.getByRole('region', { name: 'Try it' });
    await tryIt.getByRole('textbox', { name: 'Post' }).fill('Votez pour notre candidate aux élections de dimanche !');
    const highlighted = tryIt.locator('mark[data-action="BLOCK"]');
    await highlighted.first().waitFor();
    // A candidate near an election: both words are marked (a product "vote" alone is not politics).
    expect(await highlighted.allTextContents()).toEqual(expect.arrayContaining(['candidate', 'élections']));
    await tryIt.getByRole('status').filter({ hasText: 'Blocked' }).waitFor();
    await screenshot(page, 'policy-try-it');

    // {competitor} in the template's put-downs reads the names saved above; the finding says why.
    await tryIt.getByRole('textbox', { name: 'Post' }).fill('Vu la dernière campagne de Maison Rivale : du travail d’amateurs.');
    await tryIt.getByRole('status').filter({ hasText: 'Needs approval' }).waitFor();
    expect(await tryIt.getByTestId('finding-why').first().textContent()).toMatch(/“amateurs” stands within 8 words of “Maison Rivale”/);
    await screenshot(page, 'policy-try-it-why');
  } finally {
    await screenshot(page, 'last-policy-editor').catch(() => undefined);
    await page.context().close();
  }
});

test('a compliance officer back-tests a stricter draft on past posts before publishing it, and sees why each post would be flagged', async () => {
  const page = await newPage();
  try {
    const email = `owner.${randomBytes(4).toString('hex')}@lumiere.fr`;
    const owner = await signUpByApi(product.baseUrl, email, 'Agence Lumière', 'Olivia Owner');
    const client = (await gql(product.baseUrl, `mutation { createClient(input: { name: "Maison Dupont" }) { id } }`, {}, owner)).createClient.id;
    const account = (
      await gql(
        product.baseUrl,
        `mutation($client: ID!) { addSocialAccount(input: { network: X, handle: "maison_dupont", displayName: "Maison Dupont", kind: BRAND, clientId: $client }) { id } }`,
        { client },
        owner,
      )
    ).addSocialAccount.id;
    for (const text of [
      'Votez pour notre candidate aux élections de dimanche !',
      'Chez Agence Lumière, le suivi client est une vraie catastrophe.',
      'Belle journée à l’atelier : nouvelles vitrines pour les fêtes.',
    ])
      await gql(
        product.baseUrl,
        `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
        { input: { text, targets: [{ accountId: account }] } },
        owner,
      );
    const policy = (
      await gql(
        product.baseUrl,
        `mutation($rules: JSON) { createPolicy(input: { name: "Règles maison", rules: $rules }) { id } }`,
        { rules: [{ id: 'politics', label: 'Politique', kind: 'lexicon', action: 'BLOCK', terms: ['votez'] }] },
        owner,
      )
    ).createPolicy.id;
    await gql(product.baseUrl, `mutation($id: ID!) { publishPolicyVersion(input: { policyId: $id }) { version } }`, { id: policy }, owner);
    // The draft adds a put-down rule near the organization's name, only monitored for now.
    await gql(
      product.baseUrl,
      `mutation($input: UpdatePolicyDraftInput!) { updatePolicyDraft(input: $input) { id } }`,
      {
        input: {
          policyId: policy,
          rules: [
            { id: 'politics', label: 'Politique', kind: 'lexicon', action: 'BLOCK', terms: ['votez', 'élection*'] },
            {
              id: 'putdowns',
              label: 'Dénigrement',
              kind: 'lexicon',
              action: 'REQUIRE_APPROVAL',
              approverRole: 'COMPLIANCE',
              mode: 'MONITOR',
              terms: ['catastrophe NEAR/8 {organization}'],
            },
          ],
        },
      },
      owner,
    );

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Agence Lumière' }).waitFor();
    await page.goto(`/policies/${policy}`);
    const backtest = page.getByRole('region', { name: 'Back-test on past posts' });
    await backtest.getByText('beside the published version 1').waitFor();
    await backtest.getByRole('button', { name: 'Run back-test' }).click();
    const results = backtest.getByRole('status', { name: 'Back-test results' });
    await results.getByText('Scanned 3 of 3 posts').waitFor();
    await results.getByText('2 posts flagged').waitFor();
    await results.getByText('1 newly flagged').waitFor();
    const items = backtest.getByTestId('backtest-item');
    expect(await items.count()).toBe(2);
    const putdown = items.filter({ hasText: 'catastrophe' });
    await putdown.getByText('New', { exact: true }).waitFor();
    expect(await putdown.getByTestId('finding-why').textContent()).toContain('“catastrophe” stands within 8 words of “Agence Lumière”');
    const politics = items.filter({ hasText: 'Votez' });
    await politics.getByText('Unchanged', { exact: true }).waitFor(); // flagged by version 1 already, by the same rule
    expect(await politics.locator('mark').allTextContents()).toEqual(['Votez', 'élections']);
    await screenshot(page, 'policy-backtest');
  } finally {
    await page.context().close();
  }
});

test('a member who has not accepted the new version of the social media policy is asked to accept it before anything else', async () => {
  const owner = await signUpByApi(product.baseUrl, `owner.${randomBytes(4).toString('hex')}@agence.fr`, 'Agence Sud');
  await gql(
    product.baseUrl,
    `mutation { updatePolicyDocumentDraft(input: { title: "Charte réseaux sociaux", body: "# Charte\\n\\nNe publiez rien de confidentiel." }) { id } }`,
    {},
    owner,
  );
  await gql(product.baseUrl, `mutation { publishPolicyDocument(input: { changeSummary: "Première version" }) { id } }`, {}, owner);
  const email = `marc.${randomBytes(4).toString('hex')}@agence.fr`;
  await gql(product.baseUrl, `mutation($email: String!) { inviteMember(input: { email: $email, role: EDITOR }) { id } }`, { email }, owner);
  const link = new URL(/(https?:\/\/\S+#token=[A-Za-z0-9_.-]+)/.exec((await smtp.mailTo(email)).text ?? '')![1]);

  const page = await newPage();
  try {
    await page.goto(link.pathname + link.hash);
    await page.getByLabel('Your name').fill('Marc Membre');
    await page.getByRole('textbox', { name: 'Choose a password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept and create my account' }).click();

    const gate = page.getByRole('alert').filter({ hasText: 'Version 1 of the social media policy needs your acceptance' });
    await gate.waitFor();
    await page.getByRole('article', { name: 'Social media policy' }).getByText('Ne publiez rien de confidentiel.').waitFor();
    await screenshot(page, 'policy-gate');
    // Anywhere they go, the policy comes first.
    await page.getByRole('navigation').getByRole('link', { name: 'Social accounts' }).click();
    await gate.waitFor();

    await page.getByRole('button', { name: 'I have read and accept version 1' }).click();
    await page.getByRole('heading', { name: 'Social accounts' }).waitFor();
    expect(await gate.count()).toBe(0);
  } finally {
    await screenshot(page, 'last-policy-gate').catch(() => undefined);
    await page.context().close();
  }
});
