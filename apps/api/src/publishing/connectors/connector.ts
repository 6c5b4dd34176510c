/** What a connector is asked to publish: one post to one account, with the key that makes it once. */
export interface PublishRequest {
  organizationId: string;
  account: { id: string; handle: string; network: string; connection: Record<string, unknown> | null; accessToken: string | null };
  text: string;
  links: string[];
  media: Array<{ ref: string; alt: string | null }>;
  /** The same for every attempt at this publication: a network that supports it deduplicates on it. */
  idempotencyKey: string;
  /** Aborted when the attempt runs out of time (always before its lease ends). */
  signal: AbortSignal;
}

/** The post as the network keeps it. */
export interface RemotePost {
  remoteId: string;
  remoteUrl: string | null;
}

export interface ConnectorLimits {
  /** Longest text, counted as the network counts (graphemes on Bluesky, characters on Mastodon). */
  maxLength: number;
  maxMedia: number;
}

/**
 * One social network. `publish` posts; `lookup` finds a post an earlier attempt may already have
 * made (by idempotency key or by looking the account's recent posts up) so a retry after a crash or
 * a timeout never posts twice; `validate` says what the network would refuse, before trying.
 */
export interface Connector {
  readonly name: 'SANDBOX' | 'MASTODON' | 'BLUESKY';
  limits(): ConnectorLimits;
  validate(text: string, media: PublishRequest['media']): string[];
  publish(request: PublishRequest): Promise<RemotePost>;
  lookup(request: PublishRequest): Promise<RemotePost | null>;
}

/**
 * A network's refusal. `permanent`: trying again will not help (401, a validation error) — the
 * publication fails at once with the network's message and a person may retry after fixing it.
 * Otherwise it is retried with backoff, never sooner than `retryAfterSeconds` (429, 503).
 */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterSeconds: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** Classifies an HTTP answer the way every connector must: 408/429/5xx transient, other 4xx permanent. */
export function httpError(network: string, status: number, message: string, retryAfter: string | null): PublishError {
  const transient = status === 408 || status === 429 || status >= 500;
  return new PublishError(`${network} answered ${status}: ${message}`, !transient, parseRetryAfter(retryAfter), status);
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
