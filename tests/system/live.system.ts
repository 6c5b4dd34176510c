import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Cluster, gql } from './support/cluster';
import { approvedPosts, newsroom, publishNow } from './support/publishing';

/**
 * Live updates across processes: a reader subscribed on one API instance hears what a worker did
 * (a publication) and what another API instance did (the request to publish), through Redis.
 */
describe('post events across API instances and workers (Redis pub/sub)', () => {
  let cluster: Cluster;
  afterAll(() => cluster?.close());

  it('a subscriber on api-b hears a post published through api-a by a worker', async () => {
    cluster = await Cluster.create();
    const apiA = await cluster.api('api-a');
    const apiB = await cluster.api('api-b');
    await cluster.worker('worker');
    const room = await newsroom(apiA.baseUrl, 'live');
    const [post] = await approvedPosts(cluster, apiA.baseUrl, room, 1, 'Heard everywhere');
    const heard: string[] = [];
    const client = createClient({
      url: `${apiB.baseUrl.replace('http', 'ws')}/graphql/ws`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: room.headers.authorization, organizationId: room.organizationId },
    });
    try {
      client.subscribe<{ postChanged: { action: string } }>(
        { query: 'subscription($id: ID!) { postChanged(postId: $id) { action } }', variables: { id: post } },
        { next: (v) => v.data && heard.push(v.data.postChanged.action), error: () => undefined, complete: () => undefined },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await publishNow(apiA.baseUrl, room, [post]);
      const deadline = Date.now() + 30_000;
      while (!heard.includes('post.published') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual(expect.arrayContaining(['post.publish_requested', 'publication.attempted', 'publication.published', 'post.published']));
      const state = await gql(apiB.baseUrl, `query($id: ID!) { post(id: $id) { state } }`, { id: post }, room.headers);
      expect(state.post.state).toBe('PUBLISHED');
    } finally {
      await client.dispose();
    }
  });
});
