import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PublishError, type Connector, type ConnectorLimits, type PublishRequest, type RemotePost } from '../connector';
import { BlueskyApi, type BlueskySession } from './bluesky.api';

const MAX_GRAPHEMES = 300;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Bluesky counts graphemes (what a reader sees as one character), not code points or bytes. */
export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: Array<{ $type: 'app.bsky.richtext.facet#link'; uri: string } | { $type: 'app.bsky.richtext.facet#mention'; did: string }>;
}

/**
 * Links and @mentions as facets, with byte offsets in UTF-8 as the protocol wants them. `resolve`
 * turns a handle into its DID; a handle that does not resolve stays plain text.
 */
export async function facetsOf(text: string, resolve: (handle: string) => Promise<string | null>): Promise<Facet[]> {
  const facets: Facet[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
    const start = utf8(text.slice(0, match.index));
    facets.push({ index: { byteStart: start, byteEnd: start + utf8(match[0]) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: match[0] }] });
  }
  for (const match of text.matchAll(/(^|[\s(])@([a-zA-Z0-9.-]+\.[a-zA-Z]{2,})\b/g)) {
    const did = await resolve(match[2].toLowerCase());
    if (!did) continue;
    const at = (match.index ?? 0) + match[1].length;
    const start = utf8(text.slice(0, at));
    facets.push({ index: { byteStart: start, byteEnd: start + utf8(`@${match[2]}`) }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
  }
  return facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * The post's record key, derived from the idempotency key: every attempt writes the same key, so
 * a retry after a crash finds the record (getRecord) instead of writing a second. It has the shape
 * of a TID (13 base32-sortable characters, 53 bits of microseconds and 10 of clock id) so the
 * network treats it as an ordinary post key.
 */
export function recordKeyOf(idempotencyKey: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest();
  const micros = 1_700_000_000_000_000n + (hash.readBigUInt64BE(0) % 100_000_000_000_000n); // within 2023–2026
  const value = (micros << 10n) | BigInt(hash.readUInt16BE(8) & 0x3ff);
  let out = '';
  for (let i = 12; i >= 0; i--) out += TID_ALPHABET[Number((value >> BigInt(i * 5)) & 31n)];
  return out;
}

/**
 * Bluesky (AT Protocol): `com.atproto.repo.createRecord` of an `app.bsky.feed.post`, signed in
 * with the account's app password. The record key comes from the idempotency key, so `lookup`
 * is `getRecord` of that key and a second write of the same post cannot happen.
 */
@Injectable()
export class BlueskyConnector implements Connector {
  readonly name = 'BLUESKY' as const;

  limits(): ConnectorLimits {
    return { maxLength: MAX_GRAPHEMES, maxMedia: 0 };
  }

  validate(text: string, media: PublishRequest['media']): string[] {
    const problems: string[] = [];
    const length = graphemeLength(text);
    if (length > MAX_GRAPHEMES) problems.push(`Bluesky takes at most ${MAX_GRAPHEMES} characters; this text has ${length}.`);
    if (media.length) problems.push('Images on Bluesky are not supported by Clearpost yet: publish without them, or post them yourself.');
    return problems;
  }

  async publish(request: PublishRequest): Promise<RemotePost> {
    const { api, session } = await this.signIn(request);
    const rkey = recordKeyOf(request.idempotencyKey);
    const record = {
      $type: 'app.bsky.feed.post',
      text: request.text,
      createdAt: new Date().toISOString(),
      facets: await facetsOf(request.text, (handle) => api.resolveHandle(handle)),
    };
    try {
      return this.remote(session, await api.createRecord(session, rkey, record));
    } catch (error) {
      // Written by an earlier attempt: the network says the key exists; answer what it holds.
      if (error instanceof PublishError && !error.permanent) throw error;
      const existing = await api.getRecord(session, rkey);
      if (existing) return this.remote(session, existing);
      throw error;
    }
  }

  async lookup(request: PublishRequest): Promise<RemotePost | null> {
    const { api, session } = await this.signIn(request);
    const found = await api.getRecord(session, recordKeyOf(request.idempotencyKey));
    return found ? this.remote(session, found) : null;
  }

  private async signIn(request: PublishRequest): Promise<{ api: BlueskyApi; session: BlueskySession }> {
    const service = typeof request.account.connection?.service === 'string' ? request.account.connection.service : null;
    const identifier = typeof request.account.connection?.did === 'string' ? request.account.connection.did : null;
    if (!service || !identifier || !request.account.accessToken)
      throw new PublishError(`@${request.account.handle} is not connected to Bluesky: connect it again.`, true);
    const api = new BlueskyApi(service, request.signal);
    return { api, session: await api.createSession(identifier, request.account.accessToken) };
  }

  private remote(session: BlueskySession, record: { uri: string }): RemotePost {
    const rkey = record.uri.split('/').pop() ?? '';
    return { remoteId: record.uri, remoteUrl: `https://bsky.app/profile/${session.handle}/post/${rkey}` };
  }
}
