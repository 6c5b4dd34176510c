import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { Db } from '../../../database/db.service';
import { PublishError, type Connector, type ConnectorLimits, type PublishRequest, type RemotePost } from '../connector';
import { SandboxRepository } from './sandbox.repository';

/** Words in a post that make the sandbox misbehave, for demos and tests. */
export const SANDBOX_TRIGGERS = {
  /** Refused for good, as a network refuses invalid content (422). */
  reject: '#sandbox-reject',
  /** Refused once as "busy" (503), then accepted. */
  flaky: '#sandbox-flaky',
  /** Rate-limited once (429, Retry-After: 1), then accepted. */
  rateLimited: '#sandbox-rate-limit',
} as const;

/**
 * The default network everywhere: it keeps what it is sent in `sandbox_post` (the feed the web app
 * shows) in the organization's own scope, as a remote server would, in its own transaction — never
 * the publisher's. It answers `SANDBOX_LATENCY_MS` after storing the post, so a worker killed in
 * that gap has published without knowing: the next attempt must find the post by its key.
 */
@Injectable()
export class SandboxConnector implements Connector {
  readonly name = 'SANDBOX' as const;
  /** Keys already refused once by a "once" trigger (per process: the sandbox is a demo network). */
  private readonly refusedOnce = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly feed: SandboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  limits(): ConnectorLimits {
    return { maxLength: 5000, maxMedia: 4 };
  }

  validate(text: string, media: PublishRequest['media']): string[] {
    const problems: string[] = [];
    if ([...text].length > this.limits().maxLength) problems.push(`The sandbox takes at most ${this.limits().maxLength} characters.`);
    if (media.length > this.limits().maxMedia) problems.push(`The sandbox takes at most ${this.limits().maxMedia} images.`);
    return problems;
  }

  async publish(request: PublishRequest): Promise<RemotePost> {
    const text = request.text.toLowerCase();
    if (text.includes(SANDBOX_TRIGGERS.reject)) throw new PublishError('Sandbox answered 422: the post was refused (#sandbox-reject).', true, null, 422);
    if (text.includes(SANDBOX_TRIGGERS.flaky) && this.once(`flaky:${request.idempotencyKey}`)) {
      throw new PublishError('Sandbox answered 503: the service is busy, try again later (#sandbox-flaky).', false, null, 503);
    }
    if (text.includes(SANDBOX_TRIGGERS.rateLimited) && this.once(`rate:${request.idempotencyKey}`)) {
      throw new PublishError('Sandbox answered 429: too many requests (#sandbox-rate-limit).', false, 1, 429);
    }
    const id = randomUUID();
    await this.db.run({ organizationId: request.organizationId, userId: null }, (tx) =>
      this.feed.insert(tx, {
        organizationId: request.organizationId,
        id,
        accountId: request.account.id,
        idempotencyKey: request.idempotencyKey,
        text: request.text,
        links: request.links,
        media: request.media,
      }),
    );
    if (this.config.sandboxLatencyMs) await delay(this.config.sandboxLatencyMs, request.signal);
    return this.remote(id);
  }

  async lookup(request: PublishRequest): Promise<RemotePost | null> {
    const row = await this.db.run({ organizationId: request.organizationId, userId: null }, (tx) =>
      this.feed.byKey(tx, request.organizationId, request.idempotencyKey),
    );
    return row ? this.remote(row.id) : null;
  }

  private remote(id: string): RemotePost {
    return { remoteId: id, remoteUrl: `${this.config.publicUrl.replace(/\/$/, '')}/sandbox#${id}` };
  }

  private once(key: string): boolean {
    if (this.refusedOnce.has(key)) return false;
    this.refusedOnce.add(key);
    return true;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new PublishError('Sandbox did not answer in time.', false));
    });
  });
}
