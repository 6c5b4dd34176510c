import { Connectors } from '../src/publishing/connectors/connectors';
import { SecretBox } from '../src/secrets/secret-box';
import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { FakeMastodon } from './support/fake-mastodon';
import { publishedNow, untilPost, type PublishedPost } from './support/approved-posts';
import { addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CONNECT = graphql(`
  mutation Mastodon1($input: ConnectMastodonInput!) {
    connectMastodonAccount(input: $input) {
      authorizeUrl
    }
  }
`);
const COMPLETE = graphql(`
  mutation Mastodon2($input: CompleteMastodonInput!) {
    completeMastodonConnection(input: $input) {
      accountId
      connector
      remoteHandle
    }
  }
`);
const DISCONNECT = graphql(`
  mutation Mastodon3($id: ID!) {
    disconnectAccount(input: { accountId: $id }) {
      connector
    }
  }
`);

// Publishing through retries on a loaded CI machine can take a while: each test has a minute.
jest.setTimeout(60_000);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

describe('Mastodon (against a local fake of its API)', () => {
  let t: TestApp;
  let fake: FakeMastodon;
  let owner: SignedIn;
  let admin: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let account: string;

  beforeAll(async () => {
    [t, fake] = await Promise.all([TestApp.start(), FakeMastodon.start()]);
    owner = await t.signUp('mastodon-owner');
    admin = await join(t, owner, 'ADMIN');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    const clientId = await createClient(t, owner, 'Boulangerie');
    account = await addAccount(t, owner, { network: 'MASTODON', handle: '@bakery@boulangers.social', clientId, ownerId: editor.userId });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const publishNow = (text: string) => publishedNow(t, editor, approver, [account], text);
  const until = (id: string, done: (post: PublishedPost) => boolean) => untilPost(t, editor, id, done, 40_000);

  it('connects through OAuth 2 without a password: only an account manager, only as the account itself, only the person who started it', async () => {
    expect((await t.gql(CONNECT, { input: { accountId: account, instanceUrl: fake.url } }, as(editor))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await t.gql(CONNECT, { input: { accountId: account, instanceUrl: 'ftp://mastodon.social' } }, as(owner));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'instanceUrl' });

    const started = (await t.gql(CONNECT, { input: { accountId: account, instanceUrl: fake.url } }, as(owner))).data!.connectMastodonAccount.authorizeUrl;
    const url = new URL(started);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/authorize`);
    expect(url.searchParams.get('redirect_uri')).toBe('http://clearpost.test/connect/mastodon');
    expect(url.searchParams.get('scope')).toBe('write:statuses write:media read:accounts');
    expect(url.searchParams.get('state')).not.toContain(url.searchParams.get('client_id'));

    const intruder = fake.consent(started, 'intruder');
    const wrongUser = await t.gql(COMPLETE, { input: { code: intruder.code, state: intruder.state } }, as(owner));
    expect(wrongUser.errors?.[0].message).toContain('this account is @bakery@boulangers.social');

    const again = new URL(
      (await t.gql(CONNECT, { input: { accountId: account, instanceUrl: fake.url } }, as(owner))).data!.connectMastodonAccount.authorizeUrl,
    );
    const yes = fake.consent(again.toString(), 'bakery');
    const stolen = await t.gql(COMPLETE, { input: { code: yes.code, state: yes.state } }, as(admin));
    expect(stolen.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });
    const tampered = await t.gql(COMPLETE, { input: { code: yes.code, state: `${yes.state.slice(0, -4)}AAAA` } }, as(owner));
    expect(tampered.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });

    const done = await t.gql(COMPLETE, { input: { code: yes.code, state: yes.state } }, as(owner));
    expect(done.data?.completeMastodonConnection).toEqual({ accountId: account, connector: 'MASTODON', remoteHandle: 'bakery@127.0.0.1' });
    const [row] = await withAdmin(
      (db) => db.query(`select connector, connection, oauth_token_encrypted from social_account where id = $1`, [account]).then((r) => r.rows),
      t.database,
    );
    expect(row.connector).toBe('MASTODON');
    expect(row.connection).toMatchObject({ instanceUrl: fake.url, remoteAccountId: 'acct-bakery' });
    expect(row.oauth_token_encrypted).toMatch(/^v1\./); // sealed, never the token itself
    const connected = (await auditActions(t, owner.organizationId)).find((e) => e.action === 'account.connected');
    expect(connected?.data).toMatchObject({ network: 'MASTODON', remoteAccountId: 'acct-bakery' });
    expect(JSON.stringify(connected?.data)).not.toMatch(/token|secret/i);
  });

  it('publishes with the Idempotency-Key; a 429 (Retry-After) and a 503 are retried, and the server still holds one status', async () => {
    const before = fake.statuses.length;
    fake.faults.push({ status: 429, retryAfter: '1' }, { status: 503 });
    const id = await publishNow('Sourdough Saturday on Mastodon');
    const post = await until(id, (p) => p.state === 'PUBLISHED' || p.state === 'FAILED');
    expect(post.state).toBe('PUBLISHED');
    expect(post.publications[0]).toMatchObject({ state: 'PUBLISHED', attempts: 3, connector: 'MASTODON' });
    expect(post.publications[0].remoteUrl).toBe(`${fake.url}/@bakery/${post.publications[0].remoteId}`);
    expect(fake.statuses.length).toBe(before + 1);
    const keys = fake.requests.filter((r) => r.path === '/api/v1/statuses').map((r) => r.key);
    expect(new Set(keys.slice(-3)).size).toBe(1); // every attempt carried the same key
  });

  it('a second publish with the same key (a retry after a crash) answers the same status, posting nothing', async () => {
    const mastodon = t.app.get(Connectors).get('MASTODON');
    const [row] = await withAdmin(
      (db) => db.query(`select connection, oauth_token_encrypted from social_account where id = $1`, [account]).then((r) => r.rows),
      t.database,
    );
    const request = {
      organizationId: owner.organizationId,
      account: {
        id: account,
        handle: 'bakery@boulangers.social',
        network: 'MASTODON',
        connection: row.connection,
        accessToken: t.app.get(SecretBox).decrypt(row.oauth_token_encrypted, account),
      },
      text: 'Once only',
      links: [],
      media: [],
      idempotencyKey: 'crash-and-retry-key',
      signal: new AbortController().signal,
    };
    const count = fake.statuses.length;
    const first = await mastodon.publish(request);
    const second = await mastodon.publish(request);
    expect(second).toEqual(first);
    expect(fake.statuses.length).toBe(count + 1);
  });

  it('refuses too long a text before calling, and fails at once on a revoked token (401) with a message to reconnect', async () => {
    const requests = fake.requests.length;
    const long = await publishNow(`${'Pain au levain '.repeat(40)}`);
    const refused = await until(long, (p) => p.state === 'FAILED');
    expect(refused.publications[0]).toMatchObject({ state: 'FAILED', attempts: 1, errorPermanent: true });
    expect(refused.publications[0].lastError).toContain('at most 500 characters');
    expect(fake.requests.slice(requests).filter((r) => r.path === '/api/v1/statuses')).toEqual([]);

    fake.revokeAll();
    const id = await publishNow('After the token was revoked');
    const failed = await until(id, (p) => p.state === 'FAILED');
    expect(failed.publications[0]).toMatchObject({ state: 'FAILED', attempts: 1, errorPermanent: true });
    expect(failed.publications[0].lastError).toContain('Reconnect the account');
  });

  it('disconnects: back to the sandbox, the token forgotten, audited', async () => {
    expect((await t.gql(DISCONNECT, { id: account }, as(owner))).data?.disconnectAccount.connector).toBe('SANDBOX');
    const [row] = await withAdmin(
      (db) => db.query(`select connector, oauth_token_encrypted from social_account where id = $1`, [account]).then((r) => r.rows),
      t.database,
    );
    expect(row).toEqual({ connector: 'SANDBOX', oauth_token_encrypted: null });
    expect((await auditActions(t, owner.organizationId)).some((e) => e.action === 'account.disconnected' && e.target_id === account)).toBe(true);
  });
});
