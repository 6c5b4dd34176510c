import { gql, signUp, type Cluster } from './cluster';

/**
 * An organization with a client and two brand accounts, and approved posts to publish. The review
 * itself is not what these tests are about: posts are approved by a statement as the superuser
 * (the posts and approvals tests cover the workflow), then scheduled or published through the API.
 */
export interface Newsroom {
  headers: Record<string, string>;
  organizationId: string;
  accounts: string[];
}

export async function newsroom(baseUrl: string, label: string): Promise<Newsroom> {
  const headers = await signUp(baseUrl, label);
  const me = await gql(baseUrl, `{ me { id } }`, {}, headers);
  const client = await gql(baseUrl, `mutation($i: CreateClientInput!) { createClient(input: $i) { id } }`, { i: { name: `${label} client` } }, headers);
  const accounts: string[] = [];
  for (const handle of [`${label}_a`, `${label}_b`]) {
    const added = await gql(
      baseUrl,
      `mutation($i: AddSocialAccountInput!) { addSocialAccount(input: $i) { id } }`,
      { i: { network: 'X', kind: 'BRAND', handle, displayName: handle, clientId: client.createClient.id, ownerId: me.me.id } },
      headers,
    );
    accounts.push(added.addSocialAccount.id);
  }
  return { headers, organizationId: headers['x-organization-id'], accounts };
}

export async function approvedPosts(cluster: Cluster, baseUrl: string, room: Newsroom, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await gql(
      baseUrl,
      `mutation($i: CreatePostInput!) { createPost(input: $i) { id } }`,
      { i: { text: `${label} ${i}`, targets: room.accounts.map((accountId) => ({ accountId })) } },
      room.headers,
    );
    ids.push(created.createPost.id);
  }
  await cluster.sql((c) => c.query(`update post set state = 'APPROVED', cycle = 1 where id = any($1::uuid[])`, [ids]));
  return ids;
}

export async function schedule(baseUrl: string, room: Newsroom, ids: string[], at: Date): Promise<void> {
  await Promise.all(
    ids.map((id) =>
      gql(baseUrl, `mutation($id: ID!, $at: DateTime!) { schedulePost(input: { postId: $id, scheduledAt: $at }) { id } }`, { id, at }, room.headers),
    ),
  );
}

export async function publishNow(baseUrl: string, room: Newsroom, ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => gql(baseUrl, `mutation($id: ID!) { publishPostNow(input: { postId: $id }) { id } }`, { id }, room.headers)));
}

export interface Tally {
  publications: number;
  published: number;
  /** Per publication: how many posts the network holds for it. */
  copies: number[];
  recovered: number;
}

/** What went out: each live publication's state and how many copies the sandbox network holds. */
export async function tally(cluster: Cluster, ids: string[]): Promise<Tally> {
  const rows = await cluster.sql((c) =>
    c
      .query(
        `select p.state, (select count(*)::int from sandbox_post s where s.organization_id = p.organization_id and s.idempotency_key = p.idempotency_key) as copies
           from publication p where p.post_id = any($1::uuid[]) and p.state <> 'CANCELLED'`,
        [ids],
      )
      .then((r) => r.rows as Array<{ state: string; copies: number }>),
  );
  const recovered = await cluster.sql((c) =>
    c
      .query(
        `select count(*)::int as n from audit_event where action = 'publication.published' and (data->>'recovered')::boolean and target_id = any($1::text[])`,
        [ids],
      )
      .then((r) => r.rows[0].n as number),
  );
  return { publications: rows.length, published: rows.filter((r) => r.state === 'PUBLISHED').length, copies: rows.map((r) => r.copies), recovered };
}

/** Waits until every publication of `ids` is PUBLISHED (or the time is up), then returns the tally. */
export async function settled(cluster: Cluster, ids: string[], expected: number, ms = 60_000): Promise<Tally> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = await tally(cluster, ids);
    if (now.published === expected || Date.now() > deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000)); // time for a duplicate to show
      return tally(cluster, ids);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
