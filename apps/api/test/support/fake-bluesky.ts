import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bluesky PDS for tests: createSession with app passwords, resolveHandle, createRecord (a record
 * key written twice is refused, as the protocol does) and getRecord, in the XRPC shapes. Faults on
 * demand for the next createRecord calls (429 with ratelimit-reset, 502).
 */
export class FakeBluesky {
  readonly records = new Map<string, { repo: string; rkey: string; record: Record<string, any> }>();
  readonly writes: string[] = []; // createRecord rkeys, in order, including refused ones
  readonly faults: Array<{ status: number; resetInSeconds?: number }> = [];
  private readonly accounts = new Map<string, { did: string; appPassword: string }>(); // handle → account
  private readonly sessions = new Map<string, string>(); // accessJwt → did

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeBluesky> {
    let fake: FakeBluesky | null = null;
    const server = createServer((req, res) => void fake?.handle(req, res));
    // Idle connections stay open for the whole test: a client reusing one the server had just closed
    // would see a transient network error (retried, but slower than the test waits).
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeBluesky(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  addAccount(handle: string, appPassword: string): string {
    const did = `did:plc:${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    this.accounts.set(handle, { did, appPassword });
    return did;
  }

  revoke(handle: string): void {
    const account = this.accounts.get(handle);
    if (account) account.appPassword = 'revoked';
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const nsid = url.pathname.replace('/xrpc/', '');
    const body = await new Promise<Record<string, any>>((resolve) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => resolve(raw ? (JSON.parse(raw) as Record<string, any>) : {}));
    });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    const did = this.sessions.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));

    if (nsid === 'com.atproto.server.createSession') {
      const entry = [...this.accounts.entries()].find(([handle, a]) => handle === body.identifier || a.did === body.identifier);
      if (!entry || entry[1].appPassword !== body.password) return json(401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
      const accessJwt = randomUUID();
      this.sessions.set(accessJwt, entry[1].did);
      return json(200, { did: entry[1].did, handle: entry[0], accessJwt, refreshJwt: randomUUID() });
    }
    if (nsid === 'com.atproto.identity.resolveHandle') {
      const account = this.accounts.get(url.searchParams.get('handle') ?? '');
      return account ? json(200, { did: account.did }) : json(400, { error: 'InvalidRequest', message: 'Unable to resolve handle' });
    }
    if (!did) return json(401, { error: 'AuthenticationRequired', message: 'Authentication Required' });
    if (nsid === 'com.atproto.repo.createRecord') {
      this.writes.push(String(body.rkey));
      const fault = this.faults.shift();
      if (fault) {
        const headers: Record<string, string> = fault.resetInSeconds ? { 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + fault.resetInSeconds) } : {};
        return json(fault.status, { error: fault.status === 429 ? 'RateLimitExceeded' : 'UpstreamFailure', message: 'Try later' }, headers);
      }
      if (body.repo !== did) return json(400, { error: 'InvalidRequest', message: 'Repo does not match session' });
      const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(String(body.record?.text ?? ''))].length;
      if (graphemes > 300) return json(400, { error: 'InvalidRequest', message: 'Record/text must not be longer than 300 graphemes' });
      const uri = `at://${did}/app.bsky.feed.post/${body.rkey}`;
      if (this.records.has(uri)) return json(400, { error: 'InvalidRequest', message: 'Record already exists' });
      this.records.set(uri, { repo: did, rkey: String(body.rkey), record: body.record });
      return json(200, { uri, cid: `bafy${randomUUID().slice(0, 8)}` });
    }
    if (nsid === 'com.atproto.repo.getRecord') {
      const uri = `at://${url.searchParams.get('repo')}/app.bsky.feed.post/${url.searchParams.get('rkey')}`;
      const found = this.records.get(uri);
      return found ? json(200, { uri, cid: 'bafyfound', value: found.record }) : json(400, { error: 'RecordNotFound', message: 'Could not locate record' });
    }
    json(404, { error: 'MethodNotImplemented' });
  }
}
