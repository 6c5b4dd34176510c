import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, type Locale } from '@clearpost/authz';
import { postOutcome, type PublicationState } from '@clearpost/post-workflow';
import { AuditService } from '../audit/audit.service';
import { conflict, forbidden, notFound } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { MailService } from '../mail/mail.service';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Outbox } from '../outbox/outbox.service';
import { excerptOf, publicationOutcomeMail } from '../posts/post-mail';
import { step } from '../posts/post-transition';
import { PostsRepository, type PostRow, type PostViewRow } from '../posts/posts.repository';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { WebhooksService } from '../webhooks/webhooks.service';
import { PublicationsRepository, type PublicationRow } from './publications.repository';

export const PUBLISH_TOPIC = 'publication.publish';

/** The key a network sees for every attempt at one publication of one revision. */
export function idempotencyKeyOf(publicationId: string, contentHash: string): string {
  return createHash('sha256').update(`${publicationId}:${contentHash}`).digest('hex').slice(0, 40);
}

/**
 * The publishing side of a post: planning its publications when it is scheduled (or published
 * now), withdrawing what has not gone out when it is edited, unscheduled or cancelled, settling the
 * post when every publication has finished, and a person's retry. The attempts themselves are
 * PublishJob's (publishing.jobs.ts). Callers hold the post's row lock.
 */
@Injectable()
export class PublishingService {
  constructor(
    private readonly publications: PublicationsRepository,
    private readonly posts: PostsRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly organizations: OrganizationsRepository,
    private readonly webhooks: WebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Each brand target gets a publication due at `at` (personal accounts are never published to:
   * Clearpost checks, the person posts). A target that already has the post is left alone; one
   * still waiting is moved to the new time.
   */
  async plan(tx: Tx, organizationId: string, view: PostViewRow, at: Date, actorUserId: string | null): Promise<number> {
    const existing = (await this.publications.ofPost(tx, organizationId, view.id)).filter((p) => p.state !== 'CANCELLED');
    const delaySeconds = Math.max(0, (at.getTime() - Date.now()) / 1000);
    let planned = 0;
    for (const account of view.accounts) {
      if (account.kind !== 'BRAND') continue;
      const current = existing.find((p) => p.account_id === account.id);
      if (current && current.state !== 'SCHEDULED') continue; // out already, or going out
      const id = current?.id ?? randomUUID();
      if (current) {
        await this.publications.update(tx, organizationId, id, { due_at: at, next_attempt_at: null });
      } else {
        await this.publications.insert(tx, {
          organizationId,
          id,
          postId: view.id,
          accountId: account.id,
          revision: view.revision,
          contentHash: view.content_hash,
          idempotencyKey: idempotencyKeyOf(id, view.content_hash),
          dueAt: at,
        });
      }
      await this.outbox.add(tx, organizationId, PUBLISH_TOPIC, { publicationId: id, postId: view.id }, delaySeconds);
      await this.audit.record(tx, organizationId, {
        action: 'publication.scheduled',
        actorUserId,
        targetType: 'post',
        targetId: view.id,
        data: { publicationId: id, accountId: account.id, handle: account.handle, dueAt: at.toISOString(), revision: view.revision, moved: !!current },
      });
      planned++;
    }
    return planned;
  }

  /** What has not gone out is cancelled (the post was edited, unscheduled or cancelled). */
  async withdraw(tx: Tx, organizationId: string, postId: string, actorUserId: string | null, reason: string): Promise<void> {
    const ids = await this.publications.cancelPending(tx, organizationId, postId);
    if (!ids.length) return;
    await this.audit.record(tx, organizationId, {
      action: 'publication.cancelled',
      actorUserId,
      targetType: 'post',
      targetId: postId,
      data: { publications: ids, reason },
    });
  }

  /**
   * Once every publication has finished, the post is PUBLISHED or FAILED, the trail says so and
   * the author hears of it.
   */
  async settle(tx: Tx, organizationId: string, post: PostRow): Promise<void> {
    if (post.state !== 'PUBLISHING') return;
    const rows = await this.publications.ofPost(tx, organizationId, post.id);
    const outcome = postOutcome(rows.map((r) => r.state));
    if (!outcome) return;
    const next = step(post.state, outcome === 'PUBLISHED' ? 'published' : 'failed');
    await this.posts.update(tx, organizationId, post.id, { state: next });
    const live = rows.filter((r) => r.state !== 'CANCELLED');
    await this.audit.record(tx, organizationId, {
      action: outcome === 'PUBLISHED' ? 'post.published' : 'post.publish_failed',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: {
        revision: post.revision,
        publications: live.map((r) => ({ id: r.id, accountId: r.account_id, state: r.state, remoteUrl: r.remote_url, error: r.last_error })),
      },
    });
    await this.webhooks.emit(tx, organizationId, outcome === 'PUBLISHED' ? 'post.published' : 'post.failed', {
      postId: post.id,
      revision: post.revision,
      publications: live.map((r) => ({
        accountId: r.account_id,
        network: r.network,
        handle: r.handle,
        state: r.state,
        remoteUrl: r.remote_url,
        error: r.last_error,
      })),
    });
    await this.mailAuthor(
      tx,
      organizationId,
      post.id,
      outcome,
      live.map((r) => (r.state === 'PUBLISHED' ? `@${r.handle}: ${r.remote_url ?? r.remote_id}` : `@${r.handle}: ${r.last_error ?? r.state}`)),
    );
  }

  /** A person runs a failed publication again (after fixing what the network refused, say). */
  async retry(tx: Tx, actor: TenantActor, publicationId: string): Promise<PublicationRow> {
    const found = await this.publications.get(tx, actor.organizationId, publicationId);
    if (!found) throw notFound('This publication');
    const post = await this.posts.lock(tx, actor.organizationId, found.post_id);
    if (!post) throw notFound('This publication');
    if (actor.role === 'MEMBER' && post.author_id !== actor.userId) throw forbidden('As a member, you change only your own posts.');
    const publication = await this.publications.lock(tx, actor.organizationId, publicationId);
    if (!publication || publication.state !== 'FAILED') {
      throw conflict(`This publication is ${(publication?.state ?? 'gone').toLowerCase()}: only a failed publication can be retried.`);
    }
    if (post.state === 'FAILED') await this.posts.update(tx, actor.organizationId, post.id, { state: step(post.state, 'retry') });
    else if (post.state !== 'PUBLISHING') throw conflict(`This post is ${post.state.toLowerCase()}: its publications cannot be retried now.`);
    await this.publications.update(tx, actor.organizationId, publicationId, {
      state: 'SCHEDULED',
      due_at: new Date(),
      error_permanent: false,
      next_attempt_at: null,
    });
    await this.outbox.add(tx, actor.organizationId, PUBLISH_TOPIC, { publicationId, postId: post.id }, 0);
    await this.audit.record(tx, actor.organizationId, {
      action: 'publication.retried',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { publicationId, accountId: publication.account_id, attempt: publication.attempts + 1, error: publication.last_error, automatic: false },
    });
    return { ...publication, state: 'SCHEDULED' as PublicationState, error_permanent: false };
  }

  async mailAuthor(tx: Tx, organizationId: string, postId: string, outcome: 'PUBLISHED' | 'FAILED' | 'RETURNED', details: string[]): Promise<void> {
    const view = await this.posts.view(tx, organizationId, postId);
    if (!view) return;
    const author = (await this.posts.names(tx, [view.author_id])).get(view.author_id);
    if (!author) return;
    await this.mail.send(
      tx,
      organizationId,
      publicationOutcomeMail({
        to: author.email,
        locale: (author.locale as Locale | null) ?? DEFAULT_LOCALE,
        organizationName: (await this.organizations.nameOf(tx, organizationId)) ?? '',
        excerpt: excerptOf(view.content.text),
        outcome,
        details,
        link: `${this.config.publicUrl}/posts/${postId}`,
      }),
    );
  }
}
