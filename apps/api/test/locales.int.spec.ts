import { graphql } from './gql';
import { randomBytes } from 'node:crypto';
import { withAdmin } from './support/databases';
import { ACCEPT, INVITE, join, mailText, tokenFromMail } from './support/people';
import { TestApp, untyped, type SignedIn } from './support/test-app';

const ME = graphql(`
  query Locales1 {
    me {
      id
      locale
    }
  }
`);
const PREFERENCES = graphql(`
  mutation Locales2($input: UpdateMyPreferencesInput!) {
    updateMyPreferences(input: $input) {
      id
      locale
    }
  }
`);
const SIGN_UP = graphql(`
  mutation Locales3($input: SignUpInput!) {
    signUp(input: $input) {
      accessToken
      user {
        id
        locale
      }
    }
  }
`);

/**
 * English and French: each person's language is saved (chosen, or their browser's at sign-up),
 * and every mail is written in the language of the person it goes to.
 */
describe('languages', () => {
  let t: TestApp;
  let owner: SignedIn;
  const as = (who: SignedIn, headers: Record<string, string> = {}) => ({ token: who.token, organizationId: who.organizationId, headers });

  beforeAll(async () => {
    t = await TestApp.start({ outboxSweepMs: 200 });
    owner = await t.signUp('langues');
  });
  afterAll(() => t.close());

  const signUp = (headers: Record<string, string>, locale?: string) =>
    t.gql(
      untyped(SIGN_UP),
      {
        input: {
          email: `lang-${randomBytes(4).toString('hex')}@example.test`,
          password: 'a long enough password',
          name: 'Lang',
          organizationName: 'Lang org',
          ...(locale ? { locale } : {}),
        },
      },
      { headers },
    );

  it('keeps the browser’s language at sign-up, or the one chosen; none when the browser speaks neither', async () => {
    expect((await signUp({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })).data!.signUp.user.locale).toBe('fr');
    expect((await signUp({ 'accept-language': 'fr-FR' }, 'en')).data!.signUp.user.locale).toBe('en');
    expect((await signUp({ 'accept-language': 'de-DE,de;q=0.9' })).data!.signUp.user.locale).toBeNull();
  });

  it('saves a person’s choice, records it once in each of their organizations, and refuses a language it does not speak', async () => {
    const person = await t.signUp('choose');
    const changed = await t.gql(PREFERENCES, { input: { locale: 'fr' } }, as(person));
    expect(changed.data!.updateMyPreferences.locale).toBe('fr');
    expect((await t.gql(ME, {}, as(person))).data!.me.locale).toBe('fr');
    await t.gql(PREFERENCES, { input: { locale: 'fr' } }, as(person)); // unchanged: not recorded again
    const events = await withAdmin(
      (admin) =>
        admin.query(`select data from audit_event where organization_id = $1 and action = 'user.locale_changed'`, [person.organizationId]).then((r) => r.rows),
      t.database,
    );
    expect(events).toEqual([{ data: { locale: 'fr' } }]);

    const refused = await t.gql(untyped(PREFERENCES), { input: { locale: 'de' } }, as(person));
    expect(refused.status).toBe(400);
    const anonymous = await t.gql(PREFERENCES, { input: { locale: 'en' } });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('writes an invitation in the inviter’s language unless another is asked for, and the new account keeps it', async () => {
    await t.gql(PREFERENCES, { input: { locale: 'fr' } }, as(owner));
    const french = `fr-${randomBytes(3).toString('hex')}@example.test`;
    const invited = await t.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id locale } }`,
      { input: { email: french, role: 'EDITOR' } },
      as(owner),
    );
    expect(invited.data!.inviteMember.locale).toBe('fr');
    const text = (await mailText(t, french))!;
    expect(text).toContain('vous invite à rejoindre langues organization sur Clearpost en tant que Rédacteur.');
    expect(text).toContain('Ce lien ne fonctionne qu’une fois et expire le');
    const subject = await withAdmin(
      (admin) => admin.query(`select subject from outbound_mail where to_address = $1`, [french]).then((r) => r.rows[0].subject as string),
      t.database,
    );
    expect(subject).toBe('Test langues vous invite à rejoindre langues organization sur Clearpost');

    const accepted = await t.gql(ACCEPT, { input: { token: await tokenFromMail(t, french), name: 'Nouvelle', password: 'a long enough password' } });
    expect(accepted.errors).toBeUndefined();
    const newcomer = { token: accepted.data!.acceptInvitation.auth!.accessToken, organizationId: owner.organizationId };
    expect((await t.gql(ME, {}, newcomer)).data!.me.locale).toBe('fr');

    const english = `en-${randomBytes(3).toString('hex')}@example.test`;
    await t.gql(INVITE, { input: { email: english, role: 'MEMBER', locale: 'en' } }, as(owner));
    expect(await mailText(t, english)).toContain('invited you to join langues organization on Clearpost as Member.');
  });

  it('reminds each person about the social media policy in their own language', async () => {
    const anglophone = await join(t, owner, 'MEMBER', [], 'anglophone');
    const francophone = await join(t, owner, 'MEMBER', [], 'francophone');
    await t.gql(PREFERENCES, { input: { locale: 'en' } }, as(anglophone));
    await t.gql(PREFERENCES, { input: { locale: 'fr' } }, as(francophone));
    await t.gql(
      graphql(`
        mutation Locales4 {
          updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) {
            id
          }
        }
      `),
      {},
      as(owner),
    );
    await t.gql(
      graphql(`
        mutation Locales5 {
          publishPolicyDocument(input: { reminderAfterHours: 1 }) {
            id
          }
        }
      `),
      {},
      as(owner),
    );
    await withAdmin((admin) => admin.query(`update outbox set available_at = now() where topic = 'policy.reminder'`), t.database);
    const deadline = Date.now() + 10_000;
    let subjects = new Map<string, string>();
    while (Date.now() < deadline && subjects.size < 2) {
      const rows = await withAdmin(
        (admin) =>
          admin
            .query(`select to_address, subject from outbound_mail where kind = 'policy_reminder' and to_address = any($1)`, [
              [anglophone.email, francophone.email],
            ])
            .then((r) => r.rows as Array<{ to_address: string; subject: string }>),
        t.database,
      );
      subjects = new Map(rows.map((row) => [row.to_address, row.subject]));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(subjects.get(anglophone.email)).toBe('Please accept langues organization’s social media policy (version 1)');
    expect(subjects.get(francophone.email)).toBe('Merci d’accepter la charte réseaux sociaux de langues organization (version 1)');
  });

  it('answers errors in the request’s language, with the same codes and fields', async () => {
    const fr = { 'accept-language': 'fr' };
    const missing = `query($id: ID!) { policy(id: $id) { id } }`;
    const policyId = '00000000-0000-4000-8000-000000000000';
    const notFoundFr = await t.gql(missing, { id: policyId }, as(owner, fr));
    const notFoundEn = await t.gql(missing, { id: policyId }, as(owner));
    expect(notFoundFr.errors![0]).toMatchObject({ message: 'Ces règles sont introuvables.', extensions: { code: 'NOT_FOUND' } });
    expect(notFoundEn.errors![0]).toMatchObject({ message: 'This policy was not found.', extensions: { code: 'NOT_FOUND' } });

    const badName = await t.gql(`mutation { createClient(input: { name: "" }) { id } }`, {}, as(owner, fr));
    expect(badName.errors![0]).toMatchObject({
      message: 'Le nom du client fait de 1 à 100 caractères.',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });

    const anonymous = await t.gql(`{ me { id } }`, {}, { headers: fr });
    expect(anonymous.errors![0]).toMatchObject({ message: 'Connectez-vous pour continuer.', extensions: { code: 'UNAUTHENTICATED' } });

    // Outside GraphQL (the body parser) too.
    const res = await fetch(`${await t.url()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...fr }, body: '{not json' });
    expect(((await res.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      message: 'Le corps de la requête n’est pas du JSON valide.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});
