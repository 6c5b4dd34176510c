import { Injectable } from '@nestjs/common';
import type { PublicationState } from '@clearpost/post-workflow';
import type { Tx } from '../database/tx';

export interface PublicationRow {
  id: string;
  post_id: string;
  account_id: string;
  revision: number;
  content_hash: string;
  idempotency_key: string;
  state: PublicationState;
  due_at: Date;
  attempts: number;
  attempt_id: string | null;
  connector: string | null;
  remote_id: string | null;
  remote_url: string | null;
  last_error: string | null;
  error_permanent: boolean;
  next_attempt_at: Date | null;
  published_at: Date | null;
  handle: string;
  network: string;
  display_name: string;
}

export interface PublishingAccount {
  id: string;
  handle: string;
  network: string;
  kind: string;
  connector: 'SANDBOX' | 'MASTODON' | 'BLUESKY';
  connection: Record<string, unknown> | null;
  oauth_token_encrypted: string | null;
  owner_user_id: string | null;
  deactivated_at: Date | null;
}

export interface CalendarRow {
  post_id: string;
  state: string;
  at: Date;
  client_id: string | null;
  client_name: string | null;
  text: string;
  accounts: Array<{ id: string; handle: string; network: string; timezone: string; publication_state: string | null; remote_url: string | null }>;
}

const COLUMNS = `p.id, p.post_id, p.account_id, p.revision, p.content_hash, p.idempotency_key, p.state, p.due_at, p.attempts, p.attempt_id,
  p.connector, p.remote_id, p.remote_url, p.last_error, p.error_permanent, p.next_attempt_at, p.published_at, a.handle, a.network, a.display_name`;
const JOIN = `join social_account a on a.organization_id = p.organization_id and a.id = p.account_id`;

/** publication: one post going out to one account, and the proof that it did, once. */
@Injectable()
export class PublicationsRepository {
  async insert(
    tx: Tx,
    row: { organizationId: string; id: string; postId: string; accountId: string; revision: number; contentHash: string; idempotencyKey: string; dueAt: Date },
  ): Promise<void> {
    await tx.query(
      `insert into publication (organization_id, id, post_id, account_id, revision, content_hash, idempotency_key, state, due_at)
       values ($1, $2, $3, $4, $5, $6, $7, 'SCHEDULED', $8)`,
      [row.organizationId, row.id, row.postId, row.accountId, row.revision, row.contentHash, row.idempotencyKey, row.dueAt],
      { name: 'publication.insert' },
    );
  }

  ofPost(tx: Tx, organizationId: string, postId: string): Promise<PublicationRow[]> {
    return tx.many(
      `select ${COLUMNS} from publication p ${JOIN} where p.organization_id = $1 and p.post_id = $2 order by p.created_at, a.handle`,
      [organizationId, postId],
      {
        name: 'publication.of_post',
      },
    );
  }

  /** Publications of many posts at once (lists, the calendar): one round trip. */
  ofPosts(tx: Tx, organizationId: string, postIds: string[]): Promise<PublicationRow[]> {
    return tx.many(
      `select ${COLUMNS} from publication p ${JOIN} where p.organization_id = $1 and p.post_id = any($2::uuid[]) order by p.created_at, a.handle`,
      [organizationId, postIds],
    );
  }

  /** Locks one publication (after its post: every change to a post locks the post first). */
  lock(tx: Tx, organizationId: string, id: string): Promise<PublicationRow | null> {
    return tx.one(`select ${COLUMNS} from publication p ${JOIN} where p.organization_id = $1 and p.id = $2 for update of p`, [organizationId, id], {
      name: 'publication.lock',
    });
  }

  get(tx: Tx, organizationId: string, id: string): Promise<PublicationRow | null> {
    return tx.one(`select ${COLUMNS} from publication p ${JOIN} where p.organization_id = $1 and p.id = $2`, [organizationId, id], { name: 'publication.get' });
  }

  async update(
    tx: Tx,
    organizationId: string,
    id: string,
    patch: Partial<{
      state: PublicationState;
      due_at: Date;
      attempts: number;
      attempt_id: string | null;
      connector: string;
      remote_id: string;
      remote_url: string | null;
      last_error: string | null;
      error_permanent: boolean;
      next_attempt_at: Date | null;
      published_at: Date;
    }>,
  ): Promise<void> {
    const columns = Object.keys(patch) as Array<keyof typeof patch>;
    const sets = columns.map((column, i) => `${column} = $${i + 3}`);
    await tx.query(`update publication set ${[...sets, 'updated_at = now()'].join(', ')} where organization_id = $1 and id = $2`, [
      organizationId,
      id,
      ...columns.map((column) => patch[column]),
    ]);
  }

  /**
   * Cancels what has not gone out and is not going out right now (waiting, or failed: an edit
   * after a failure plans it again); returns the ids cancelled.
   */
  async cancelPending(tx: Tx, organizationId: string, postId: string): Promise<string[]> {
    const rows = await tx.many<{ id: string }>(
      `update publication set state = 'CANCELLED', updated_at = now()
        where organization_id = $1 and post_id = $2 and state in ('SCHEDULED', 'FAILED') returning id`,
      [organizationId, postId],
    );
    return rows.map((r) => r.id);
  }

  account(tx: Tx, organizationId: string, accountId: string): Promise<PublishingAccount | null> {
    return tx.one(
      `select id, handle, network, kind, connector, connection, oauth_token_encrypted, owner_user_id, deactivated_at
         from social_account where organization_id = $1 and id = $2`,
      [organizationId, accountId],
      { name: 'publication.account' },
    );
  }

  /**
   * Posts that go (or went) out in [from, to) — a post's time is its scheduled one ("publish now"
   * sets it to the moment) — with each account's zone and publication, by client and account.
   */
  calendar(tx: Tx, organizationId: string, from: Date, to: Date, clientId: string | null, accountId: string | null): Promise<CalendarRow[]> {
    return tx.many(
      `select p.id as post_id, p.state, p.scheduled_at as at, p.client_id, c.name as client_name, r.content->>'text' as text,
              (select jsonb_agg(jsonb_build_object('id', a.id, 'handle', a.handle, 'network', a.network, 'timezone', a.timezone,
                        'publication_state', pub.state, 'remote_url', pub.remote_url) order by a.handle)
                 from post_target t join social_account a on a.organization_id = t.organization_id and a.id = t.account_id
                 left join publication pub on pub.organization_id = t.organization_id and pub.post_id = t.post_id
                       and pub.account_id = t.account_id and pub.state <> 'CANCELLED'
                where t.organization_id = p.organization_id and t.post_id = p.id) as accounts
         from post p
         join post_revision r on r.organization_id = p.organization_id and r.post_id = p.id and r.number = p.revision
         left join client c on c.organization_id = p.organization_id and c.id = p.client_id
        where p.organization_id = $1 and p.scheduled_at >= $2 and p.scheduled_at < $3
          and p.state in ('SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED')
          and ($4::uuid is null or p.client_id = $4)
          and ($5::uuid is null or exists (select 1 from post_target t where t.organization_id = p.organization_id and t.post_id = p.id and t.account_id = $5))
        order by p.scheduled_at, p.id
        limit 1000`,
      [organizationId, from, to, clientId, accountId],
    );
  }
}
