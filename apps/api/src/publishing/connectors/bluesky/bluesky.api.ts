import { httpError, parseRetryAfter, PublishError } from '../connector';

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social';

export interface BlueskySession {
  did: string;
  handle: string;
  accessJwt: string;
}

/** The AT Protocol XRPC calls Clearpost uses (https://docs.bsky.app/docs/api/). */
export class BlueskyApi {
  constructor(
    readonly service: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** com.atproto.server.createSession with an app password (never the account's own password). */
  createSession(identifier: string, appPassword: string): Promise<BlueskySession & { refreshJwt: string }> {
    return this.xrpc('POST', 'com.atproto.server.createSession', null, { identifier, password: appPassword });
  }

  async resolveHandle(handle: string): Promise<string | null> {
    try {
      return (await this.xrpc<{ did: string }>('GET', `com.atproto.identity.resolveHandle?handle=${encodeURIComponent(handle)}`, null)).did;
    } catch (error) {
      if (error instanceof PublishError && error.status === 400) return null; // no such handle: the mention stays plain text
      throw error;
    }
  }

  createRecord(session: BlueskySession, rkey: string, record: Record<string, unknown>): Promise<{ uri: string; cid: string }> {
    return this.xrpc('POST', 'com.atproto.repo.createRecord', session.accessJwt, { repo: session.did, collection: 'app.bsky.feed.post', rkey, record });
  }

  async getRecord(session: BlueskySession, rkey: string): Promise<{ uri: string; cid: string } | null> {
    const query = new URLSearchParams({ repo: session.did, collection: 'app.bsky.feed.post', rkey }).toString();
    try {
      return await this.xrpc('GET', `com.atproto.repo.getRecord?${query}`, session.accessJwt);
    } catch (error) {
      if (error instanceof PublishError && (error.status === 400 || error.status === 404)) return null; // RecordNotFound
      throw error;
    }
  }

  private async xrpc<T>(method: string, nsid: string, token: string | null, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(`/xrpc/${nsid}`, this.service), {
        method,
        signal: this.signal,
        redirect: 'error',
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new PublishError(`Bluesky at ${new URL(this.service).host} could not be reached: ${(error as Error).message}`, false);
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = { error: '', message: text.slice(0, 300) };
      try {
        detail = JSON.parse(text) as typeof detail;
      } catch {
        // not JSON
      }
      const message = [detail.error, detail.message].filter(Boolean).join(': ');
      if (response.status === 401 || detail.error === 'AuthenticationRequired' || detail.error === 'AuthFactorTokenRequired') {
        throw new PublishError(`Bluesky refused the app password (${message}). Connect the account again with a valid app password.`, true, null, 401);
      }
      // Bluesky says when a rate limit resets as a Unix time in `ratelimit-reset`.
      const reset = response.headers.get('ratelimit-reset');
      const retryAfter = response.headers.get('retry-after') ?? (reset ? String(Math.max(0, Number(reset) - Math.floor(Date.now() / 1000))) : null);
      const error = httpError('Bluesky', response.status, message, retryAfter);
      throw Object.assign(error, { xrpcError: detail.error, retryAfterSeconds: parseRetryAfter(retryAfter) });
    }
    return JSON.parse(text) as T;
  }
}
