import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Mastodon server for tests, speaking the documented shapes of the parts Clearpost uses:
 * app registration, OAuth 2 authorization code, verify_credentials, media upload and statuses with
 * Idempotency-Key (the same status for the same key). Faults on demand: the next N status requests
 * answer 429 with Retry-After, or 503, or the token is revoked (401).
 */
export class FakeMastodon {
  readonly statuses: Array<{ id: string; status: string; mediaIds: string[]; key: string | null; token: string }> = [];
  readonly requests: Array<{ method: string; path: string; key: string | null }> = [];
  readonly media: Array<{ id: string; description: string | null; bytes: number }> = [];
  private readonly apps = new Map<string, { secret: string; redirect: string }>();
  private readonly codes = new Map<string, { clientId: string; username: string }>();
  private readonly tokens = new Map<string, string>(); // token → username
  private readonly byKey = new Map<string, string>(); // idempotency key → status id
  /** Faults the next status requests answer with, in order. */
  readonly faults: Array<{ status: number; retryAfter?: string }> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeMastodon> {
    let fake: FakeMastodon | null = null;
    const server = createServer((req, res) => void fake?.handle(req, res));
    // Idle connections stay open for the whole test: a client reusing one the server had just closed
    // would see a transient network error (retried, but slower than the test waits).
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeMastodon(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  get host(): string {
    return new URL(this.url).hostname;
  }

  /** The person says yes on the server as `username`: returns the code the server sends back (as the redirect would). */
  consent(authorizeUrl: string, username: string): { code: string; state: string; redirect: string } {
    const url = new URL(authorizeUrl);
    const clientId = url.searchParams.get('client_id') ?? '';
    const app = this.apps.get(clientId);
    if (!app || url.searchParams.get('redirect_uri') !== app.redirect) throw new Error('Unknown app or redirect');
    const code = randomUUID();
    this.codes.set(code, { clientId, username });
    return { code, state: url.searchParams.get('state') ?? '', redirect: app.redirect };
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const body = await readBody(req);
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? '', path, key });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    const form = () => (req.headers['content-type']?.includes('json') ? (JSON.parse(body.toString() || '{}') as Record<string, unknown>) : {});
    const user = () => this.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, '')) ?? null;

    if (req.method === 'POST' && path === '/api/v1/apps') {
      const input = form();
      const clientId = randomUUID();
      this.apps.set(clientId, { secret: randomUUID(), redirect: String(input.redirect_uris) });
      return json(200, { id: '1', name: input.client_name, client_id: clientId, client_secret: this.apps.get(clientId)?.secret });
    }
    if (req.method === 'POST' && path === '/oauth/token') {
      const input = form();
      const code = this.codes.get(String(input.code));
      const app = this.apps.get(String(input.client_id));
      if (!code || !app || app.secret !== input.client_secret || code.clientId !== input.client_id || app.redirect !== input.redirect_uri) {
        return json(400, { error: 'invalid_grant' });
      }
      this.codes.delete(String(input.code));
      const token = randomUUID();
      this.tokens.set(token, code.username);
      return json(200, { access_token: token, token_type: 'Bearer', scope: input.scope, created_at: Date.now() / 1000 });
    }
    if (req.method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      const username = user();
      if (!username) return json(401, { error: 'The access token is invalid' });
      return json(200, { id: `acct-${username}`, username, acct: username, url: `${this.url}/@${username}` });
    }
    if (req.method === 'POST' && path === '/api/v2/media') {
      if (!user()) return json(401, { error: 'The access token is invalid' });
      const id = randomUUID();
      this.media.push({ id, description: /name="description"\r\n\r\n([^\r]*)/.exec(body.toString('latin1'))?.[1] ?? null, bytes: body.length });
      return json(200, { id, type: 'image' });
    }
    if (req.method === 'POST' && path === '/api/v1/statuses') {
      const username = user();
      if (!username) return json(401, { error: 'The access token is invalid' });
      const fault = this.faults.shift();
      if (fault)
        return json(
          fault.status,
          { error: fault.status === 429 ? 'Too many requests' : 'Service unavailable' },
          fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
        );
      const input = form();
      const status = String(input.status ?? '');
      if ([...status].length > 500) return json(422, { error: 'Validation failed: Text character limit of 500 exceeded' });
      const existing = key ? this.byKey.get(key) : undefined;
      if (existing) return json(200, { id: existing, url: `${this.url}/@${username}/${existing}` });
      const id = String(100000 + this.statuses.length);
      this.statuses.push({ id, status, mediaIds: (input.media_ids as string[]) ?? [], key, token: username });
      if (key) this.byKey.set(key, id);
      return json(200, { id, url: `${this.url}/@${username}/${id}`, content: `<p>${status}</p>` });
    }
    json(404, { error: 'Record not found' });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
