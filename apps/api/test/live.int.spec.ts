import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql } from './gql';
import { approvedPost } from './support/approved-posts';
import { addAccount, createClient as createAgencyClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const NOW = graphql(`
  mutation Live4($id: ID!) {
    publishPostNow(input: { postId: $id }) {
      state
    }
  }
`);

type Change = { postId: string; action: string };

describe('live updates over graphql-ws (/graphql/ws)', () => {
  let t: TestApp;
  let url: string;
  let owner: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let viewer: SignedIn;
  let otherViewer: SignedIn;
  let account: string;
  let otherAccount: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    url = (await t.url()).replace(/^http/, 'ws') + '/graphql/ws';
    owner = await t.signUp('live-owner');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    const bakery = await createAgencyClient(t, owner, 'Bakery');
    const garage = await createAgencyClient(t, owner, 'Garage');
    viewer = await join(t, owner, 'CLIENT_VIEWER', [bakery], 'bakery-viewer');
    otherViewer = await join(t, owner, 'CLIENT_VIEWER', [garage], 'garage-viewer');
    account = await addAccount(t, owner, { handle: 'bakery', clientId: bakery, ownerId: editor.userId });
    otherAccount = await addAccount(t, owner, { handle: 'garage', clientId: garage, ownerId: editor.userId });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  function connect(who: SignedIn | null, organizationId = who?.organizationId): Client {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: who ? { authorization: `Bearer ${who.token}`, organizationId } : {},
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    return client;
  }
  function follow(client: Client, query: string, variables: Record<string, unknown> = {}): { events: Change[]; errors: unknown[] } {
    const out = { events: [] as Change[], errors: [] as unknown[] };
    client.subscribe<{ postChanged?: Change; postsChanged?: Change }>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) out.errors.push(value.errors);
          const change = value.data?.postChanged ?? value.data?.postsChanged;
          if (change) out.events.push(change);
        },
        error: (error) => out.errors.push(error),
        complete: () => undefined,
      },
    );
    return out;
  }
  async function until(what: string, done: () => boolean, ms = 10_000) {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const approvedOn = (accountId: string, text: string) => approvedPost(t, editor, approver, [accountId], text);

  it('refuses a connection without a valid token, or for an organization the reader is not in', async () => {
    for (const [who, org] of [
      [null, undefined],
      [{ ...owner, token: `${owner.token}x` }, owner.organizationId],
      [owner, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const client = connect(who as SignedIn | null, org);
      const { errors } = follow(client, 'subscription { postsChanged { postId action } }');
      await until('the refusal', () => errors.length > 0);
      expect((errors[0] as { code?: number }).code).toBe(4403); // closed: Forbidden
    }
  });

  it('a post page hears each step of its publication as it commits, without polling', async () => {
    const id = await approvedOn(account, 'Live bread');
    const page = follow(connect(editor), 'subscription($id: ID!) { postChanged(postId: $id) { postId action } }', { id });
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscribed
    await t.gql(NOW, { id }, { token: editor.token, organizationId: editor.organizationId });
    await until('post.published', () => page.events.some((e) => e.action === 'post.published'));
    expect(page.events.every((e) => e.postId === id)).toBe(true);
    expect(page.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['post.publish_requested', 'publication.scheduled', 'publication.attempted', 'publication.published', 'post.published']),
    );
  });

  it('a client user hears only their client’s posts, and cannot follow another client’s post', async () => {
    const mine = follow(connect(viewer), 'subscription { postsChanged { postId action } }');
    const theirs = follow(connect(otherViewer), 'subscription { postsChanged { postId action } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bakeryPost = await approvedOn(account, 'For the bakery');
    const garagePost = await approvedOn(otherAccount, 'For the garage');
    await until('each hears their own', () => mine.events.some((e) => e.postId === bakeryPost) && theirs.events.some((e) => e.postId === garagePost));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mine.events.some((e) => e.postId === garagePost)).toBe(false);
    expect(theirs.events.some((e) => e.postId === bakeryPost)).toBe(false);

    const peek = follow(connect(viewer), 'subscription($id: ID!) { postChanged(postId: $id) { postId } }', { id: garagePost });
    await until('the refusal', () => peek.errors.length > 0);
    expect(JSON.stringify(peek.errors[0])).toContain('not found');
  });
});
