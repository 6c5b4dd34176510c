import { httpError, PublishError } from '../connector';

/** The scopes Clearpost asks a Mastodon server for: post, upload media, read who it is. */
export const MASTODON_SCOPES = 'write:statuses write:media read:accounts';

export interface MastodonApp {
  clientId: string;
  clientSecret: string;
}

/** The parts of Mastodon's REST API Clearpost uses (https://docs.joinmastodon.org/methods/). */
export class MastodonApi {
  constructor(
    readonly instanceUrl: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** POST /api/v1/apps: registers Clearpost with the server, once per connection. */
  async registerApp(redirectUri: string): Promise<MastodonApp> {
    const body = await this.call<{ client_id: string; client_secret: string }>('POST', '/api/v1/apps', null, {
      client_name: 'Clearpost',
      redirect_uris: redirectUri,
      scopes: MASTODON_SCOPES,
      website: null,
    });
    return { clientId: body.client_id, clientSecret: body.client_secret };
  }

  authorizeUrl(app: MastodonApp, redirectUri: string, state: string): string {
    const url = new URL('/oauth/authorize', this.instanceUrl);
    url.search = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: redirectUri, scope: MASTODON_SCOPES, state }).toString();
    return url.toString();
  }

  /** POST /oauth/token (authorization code grant). */
  async exchangeCode(app: MastodonApp, redirectUri: string, code: string): Promise<string> {
    const body = await this.call<{ access_token: string }>('POST', '/oauth/token', null, {
      grant_type: 'authorization_code',
      code,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: redirectUri,
      scope: MASTODON_SCOPES,
    });
    return body.access_token;
  }

  verifyCredentials(token: string): Promise<{ id: string; username: string; acct: string; url: string }> {
    return this.call('GET', '/api/v1/accounts/verify_credentials', token);
  }

  /** POST /api/v2/media (multipart). */
  async uploadMedia(token: string, file: Blob, description: string | null): Promise<string> {
    const form = new FormData();
    form.append('file', file);
    if (description) form.append('description', description);
    return (await this.call<{ id: string }>('POST', '/api/v2/media', token, form)).id;
  }

  /** POST /api/v1/statuses with Idempotency-Key: the server answers the same status for the same key. */
  postStatus(token: string, status: string, mediaIds: string[], idempotencyKey: string): Promise<{ id: string; url: string | null }> {
    return this.call('POST', '/api/v1/statuses', token, { status, media_ids: mediaIds, visibility: 'public' }, { 'Idempotency-Key': idempotencyKey });
  }

  private async call<T>(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.instanceUrl), {
        method,
        signal: this.signal,
        redirect: 'error',
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new PublishError(`Mastodon at ${new URL(this.instanceUrl).host} could not be reached: ${(error as Error).message}`, false);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        // not JSON: the text as it came
      }
      if (response.status === 401) throw new PublishError(`Mastodon refused the account's token (401: ${message}). Reconnect the account.`, true, null, 401);
      throw httpError('Mastodon', response.status, message, response.headers.get('retry-after'));
    }
    return JSON.parse(text) as T;
  }
}
