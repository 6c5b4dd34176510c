import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { organizationStore } from '../../session/organization';
import { sessionStore } from '../../session/session';

const POST_CHANGED = 'subscription PostChanged($id: ID!) { postChanged(postId: $id) { postId action } }';
const POSTS_CHANGED = 'subscription PostsChanged { postsChanged { postId action } }';

let client: Client | null = null;
let clientKey = '';

/** One graphql-ws connection per session and organization, opened when something listens. */
function liveClient(): Client | null {
  const token = sessionStore.accessToken();
  const organizationId = organizationStore.get();
  if (!token || !organizationId) return null;
  const key = `${token}:${organizationId}`;
  if (client && key === clientKey) return client;
  void client?.dispose();
  clientKey = key;
  client = createClient({
    url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql/ws`,
    lazy: true,
    connectionParams: () => ({ authorization: `Bearer ${sessionStore.accessToken() ?? ''}`, organizationId: organizationStore.get() }),
    retryAttempts: 20,
    shouldRetry: () => true,
  });
  return client;
}

/**
 * Calls `onChange` (at most every 300 ms) when a post changes: one post (`postId`) or every post
 * the reader may see. Pushed by the server over graphql-ws; the page re-reads what it shows.
 */
export function usePostEvents(onChange: () => void, postId?: string): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const live = liveClient();
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const dispose = live.subscribe(
      { query: postId ? POST_CHANGED : POSTS_CHANGED, variables: postId ? { id: postId } : {} },
      {
        next: () => {
          if (timer) return;
          timer = setTimeout(() => {
            timer = null;
            latest.current();
          }, 300);
        },
        error: () => undefined, // the page still loads and refreshes itself; live is a bonus
        complete: () => undefined,
      },
    );
    return () => {
      if (timer) clearTimeout(timer);
      dispose();
    };
  }, [postId]);
}
