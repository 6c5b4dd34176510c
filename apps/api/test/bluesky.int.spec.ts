import { graphemeLength, recordKeyOf } from '../src/publishing/connectors/bluesky/bluesky.connector';
import { Connectors } from '../src/publishing/connectors/connectors';
import { SecretBox } from '../src/secrets/secret-box';
import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { FakeBluesky } from './support/fake-bluesky';
import { publishedNow, untilPost, type PublishedPost } from './support/approved-posts';
import { addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CONNECT = graphql(`
  mutation Bluesky1($input: ConnectBlueskyInput!) {
    connectBlueskyAccount(input: $input) {
      accountId
      connector
      remoteHandle
    }
  }
`);

// Publishing through retries on a loaded CI machine can take a while: each test has a minute.
jest.setTimeout(60_000);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

describe('Bluesky (against a local fake of its XRPC API)', () => {
  let t: TestApp;
  let fake: FakeBluesky;
  let owner: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let account: string;
  let friendDid: string;

  beforeAll(async () => {
    [t, fake] = await Promise.all([TestApp.start(), FakeBluesky.start()]);
    owner = await t.signUp('bluesky-owner');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    const clientId = await createClient(t, owner, 'Boulangerie');
    account = await addAccount(t, owner, { network: 'BLUESKY', handle: 'boulangerie.bsky.social', clientId, ownerId: editor.userId });
    fake.addAccount('boulangerie.bsky.social', APP_PASSWORD);
    friendDid = fake.addAccount('ami.bsky.social', 'zzzz-zzzz-zzzz-zzzz');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const publishNow = (text: string) => publishedNow(t, editor, approver, [account], text);
  const until = (id: string, done: (post: PublishedPost) => boolean) => untilPost(t, editor, id, done, 40_000);

  it('connects with an app password only — the account’s own password is refused by its shape, a wrong one by the server', async () => {
    const own = await t.gql(CONNECT, { input: { accountId: account, appPassword: 'my real password!!!', service: fake.url } }, as(owner));
    expect(own.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'appPassword' } });
    expect(own.errors?.[0].message).toContain('never the account’s own password');
    const wrong = await t.gql(CONNECT, { input: { accountId: account, appPassword: 'wxyz-wxyz-wxyz-wxyz', service: fake.url } }, as(owner));
    expect(wrong.errors?.[0].message).toContain('did not accept');
    expect(
      (await t.gql(CONNECT, { input: { accountId: account, appPassword: APP_PASSWORD, service: fake.url } }, as(editor))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const ok = await t.gql(CONNECT, { input: { accountId: account, appPassword: APP_PASSWORD, service: fake.url } }, as(owner));
    expect(ok.data?.connectBlueskyAccount).toEqual({ accountId: account, connector: 'BLUESKY', remoteHandle: 'boulangerie.bsky.social' });
    const [row] = await withAdmin(
      (db) => db.query(`select connector, oauth_token_encrypted from social_account where id = $1`, [account]).then((r) => r.rows),
      t.database,
    );
    expect(row.connector).toBe('BLUESKY');
    expect(row.oauth_token_encrypted).not.toContain(APP_PASSWORD);
    expect((await auditActions(t, owner.organizationId)).find((e) => e.action === 'account.connected')?.data).toMatchObject({ network: 'BLUESKY' });
  });

  it('publishes a post with link and mention facets at UTF-8 byte offsets, counted in graphemes', async () => {
    const text = 'Croissants 🥐 chez @ami.bsky.social : https://boulangerie.example/menu !';
    const id = await publishNow(text);
    const post = await until(id, (p) => p.state === 'PUBLISHED' || p.state === 'FAILED');
    expect(post.state).toBe('PUBLISHED');
    const [stored] = [...fake.records.values()].filter((r) => r.record.text === text);
    const bytes = Buffer.from(text, 'utf8');
    const slice = (f: { index: { byteStart: number; byteEnd: number } }) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8');
    expect(stored.record.facets.map((f: any) => [slice(f), f.features[0]])).toEqual([
      ['@ami.bsky.social', { $type: 'app.bsky.richtext.facet#mention', did: friendDid }],
      ['https://boulangerie.example/menu', { $type: 'app.bsky.richtext.facet#link', uri: 'https://boulangerie.example/menu' }],
    ]);
    expect(post.publications[0].remoteUrl).toBe(`https://bsky.app/profile/boulangerie.bsky.social/post/${stored.rkey}`);
    expect(graphemeLength('👨‍👩‍👧'.repeat(300))).toBe(300);
  });

  it('the record key comes from the idempotency key: a second write finds the first, and a 429 is retried after its reset', async () => {
    const bluesky = t.app.get(Connectors).get('BLUESKY');
    const [row] = await withAdmin(
      (db) => db.query(`select connection, oauth_token_encrypted from social_account where id = $1`, [account]).then((r) => r.rows),
      t.database,
    );
    const request = {
      organizationId: owner.organizationId,
      account: {
        id: account,
        handle: 'boulangerie.bsky.social',
        network: 'BLUESKY',
        connection: row.connection,
        accessToken: t.app.get(SecretBox).decrypt(row.oauth_token_encrypted, account),
      },
      text: 'Once only',
      links: [],
      media: [],
      idempotencyKey: 'crash-and-retry',
      signal: new AbortController().signal,
    };
    const count = fake.records.size;
    expect(await bluesky.lookup(request)).toBeNull();
    const first = await bluesky.publish(request);
    expect(await bluesky.lookup(request)).toEqual(first);
    expect(await bluesky.publish(request)).toEqual(first); // refused by the server as existing, answered from getRecord
    expect(fake.records.size).toBe(count + 1);
    expect(recordKeyOf('crash-and-retry')).toMatch(/^[234567a-z]{13}$/);

    fake.faults.push({ status: 429, resetInSeconds: 1 });
    const id = await publishNow('Rate limited, then out');
    const post = await until(id, (p) => p.state === 'PUBLISHED' || p.state === 'FAILED');
    expect(post.publications[0]).toMatchObject({ state: 'PUBLISHED', attempts: 2 });
  });

  it('refuses a text over 300 graphemes before calling, and fails at once on a revoked app password', async () => {
    const writes = fake.writes.length;
    const long = await publishNow('🥖'.repeat(301));
    const refused = await until(long, (p) => p.state === 'FAILED');
    expect(refused.publications[0]).toMatchObject({ errorPermanent: true, attempts: 1 });
    expect(refused.publications[0].lastError).toContain('at most 300 characters');
    expect(fake.writes.length).toBe(writes);

    fake.revoke('boulangerie.bsky.social');
    const id = await publishNow('After the app password was revoked');
    const failed = await until(id, (p) => p.state === 'FAILED');
    expect(failed.publications[0]).toMatchObject({ state: 'FAILED', errorPermanent: true });
    expect(failed.publications[0].lastError).toContain('Connect the account again');
  });
});
