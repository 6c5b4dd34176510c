import { graphql } from '../gql';
import { withAdmin } from './databases';
import type { SignedIn, TestApp } from './test-app';

const CREATE = graphql(`
  mutation ApprovedPosts1($input: CreatePostInput!) {
    createPost(input: $input) {
      id
    }
  }
`);
const SUBMIT = graphql(`
  mutation ApprovedPosts2($id: ID!) {
    submitPost(input: { postId: $id }) {
      submitted
      post {
        contentHash
      }
    }
  }
`);
const APPROVE = graphql(`
  mutation ApprovedPosts3($id: ID!, $hash: String!) {
    approvePost(input: { postId: $id, contentHash: $hash }) {
      state
    }
  }
`);
const NOW = graphql(`
  mutation ApprovedPosts4($id: ID!) {
    publishPostNow(input: { postId: $id }) {
      state
    }
  }
`);
const READ = graphql(`
  query ApprovedPosts5($id: ID!) {
    post(id: $id) {
      state
      publications {
        id
        state
        attempts
        connector
        remoteId
        remoteUrl
        lastError
        errorPermanent
        nextAttemptAt
        publishedAt
      }
    }
  }
`);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

/** A post written by `author` for `accountIds`, submitted and approved by `approver` (the default chain): its id. */
export async function approvedPost(t: TestApp, author: SignedIn, approver: SignedIn, accountIds: string[], text: string): Promise<string> {
  const created = await t.gql(CREATE, { input: { text, targets: accountIds.map((accountId) => ({ accountId })) } }, as(author));
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createPost.id;
  const submitted = await t.gql(SUBMIT, { id }, as(author));
  if (!submitted.data?.submitPost.submitted) throw new Error(JSON.stringify(submitted.errors ?? submitted.data));
  const approved = await t.gql(APPROVE, { id, hash: submitted.data.submitPost.post.contentHash }, as(approver));
  if (approved.data?.approvePost.state !== 'APPROVED') throw new Error(JSON.stringify(approved.errors ?? approved.data));
  return id;
}

/** `approvedPost`, then published now: its id. */
export async function publishedNow(t: TestApp, author: SignedIn, approver: SignedIn, accountIds: string[], text: string): Promise<string> {
  const id = await approvedPost(t, author, approver, accountIds, text);
  const res = await t.gql(NOW, { id }, as(author));
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return id;
}

export type PublishedPost = NonNullable<Awaited<ReturnType<typeof readPost>>>;

export async function readPost(t: TestApp, who: SignedIn, id: string) {
  const res = await t.gql(READ, { id }, as(who));
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.post;
}

/** Due work runs now: the tests do not wait out the real backoff (it is tested in libs/post-workflow). */
export function bringWorkForward(t: TestApp): Promise<unknown> {
  return withAdmin((db) => db.query(`update outbox set available_at = now() where completed_at is null`), t.database);
}

/** Reads the post until `done` (bringing retries forward each time), or returns what it is after `ms`. */
export async function untilPost(t: TestApp, who: SignedIn, id: string, done: (post: PublishedPost) => boolean, ms = 20_000): Promise<PublishedPost> {
  const deadline = Date.now() + ms;
  for (;;) {
    await bringWorkForward(t);
    const post = await readPost(t, who, id);
    if (done(post) || Date.now() > deadline) return post;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
