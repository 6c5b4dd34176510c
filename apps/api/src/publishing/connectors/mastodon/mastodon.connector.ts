import { Injectable } from '@nestjs/common';
import { PublishError, type Connector, type ConnectorLimits, type PublishRequest, type RemotePost } from '../connector';
import { MastodonApi } from './mastodon.api';

/** Mastodon counts every link as 23 characters, whatever its length. */
const URL_LENGTH = 23;
const URL_PATTERN = /https?:\/\/\S+/g;

export function mastodonLength(text: string): number {
  return [...text.replace(URL_PATTERN, 'x'.repeat(URL_LENGTH))].length;
}

/**
 * Mastodon: `POST /api/v1/statuses` with the `Idempotency-Key` header — the server answers the
 * same status to every request with the same key (for an hour), which is how a retry after a crash
 * or a timeout does not post twice. `lookup` therefore has nothing to ask: the publish call with
 * the same key is itself the lookup. Media are uploaded first (`/api/v2/media`) from their address.
 */
@Injectable()
export class MastodonConnector implements Connector {
  readonly name = 'MASTODON' as const;

  limits(): ConnectorLimits {
    return { maxLength: 500, maxMedia: 4 };
  }

  validate(text: string, media: PublishRequest['media']): string[] {
    const problems: string[] = [];
    const length = mastodonLength(text);
    if (length > this.limits().maxLength)
      problems.push(`Mastodon takes at most ${this.limits().maxLength} characters; this text has ${length} (a link counts 23).`);
    if (media.length > this.limits().maxMedia) problems.push(`Mastodon takes at most ${this.limits().maxMedia} images.`);
    return problems;
  }

  async publish(request: PublishRequest): Promise<RemotePost> {
    const { api, token } = this.client(request);
    const mediaIds: string[] = [];
    for (const item of request.media) {
      if (!/^https?:\/\//.test(item.ref)) throw new PublishError(`The image “${item.ref}” has no address Clearpost can fetch it from.`, true);
      const file = await fetch(item.ref, { signal: request.signal }).then(
        (r) => (r.ok ? r.blob() : Promise.reject(new Error(`${r.status}`))),
        (error: Error) => Promise.reject(error),
      );
      mediaIds.push(await api.uploadMedia(token, file, item.alt));
    }
    const status = await api.postStatus(token, request.text, mediaIds, request.idempotencyKey);
    return { remoteId: status.id, remoteUrl: status.url };
  }

  async lookup(): Promise<RemotePost | null> {
    return null; // the Idempotency-Key of the next publish call finds it
  }

  private client(request: PublishRequest): { api: MastodonApi; token: string } {
    const instanceUrl = typeof request.account.connection?.instanceUrl === 'string' ? request.account.connection.instanceUrl : null;
    if (!instanceUrl || !request.account.accessToken)
      throw new PublishError(`@${request.account.handle} is not connected to Mastodon: connect it again.`, true);
    return { api: new MastodonApi(instanceUrl, request.signal), token: request.account.accessToken };
  }
}
