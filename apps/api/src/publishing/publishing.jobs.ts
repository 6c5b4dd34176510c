import { Inject, Injectable } from '@nestjs/common';
import { MAX_PUBLISH_ATTEMPTS, retryDelaySeconds } from '@clearpost/post-workflow';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { JobHandler, type Job, type JobContext } from '../outbox/job';
import { PolicyChecksService } from '../policies/policy-checks.service';
import { policyStepFor, targetText } from '../posts/post-content';
import { step } from '../posts/post-transition';
import { PostsRepository, type PostRow } from '../posts/posts.repository';
import { SecretBox } from '../secrets/secret-box';
import { PublishError, type PublishRequest, type RemotePost } from './connectors/connector';
import { Connectors } from './connectors/connectors';
import { PublicationsRepository, type PublicationRow } from './publications.repository';
import { PUBLISH_TOPIC, PublishingService } from './publishing.service';

type Payload = { publicationId: string; postId: string };

interface Work {
  connector: string;
  /** An earlier attempt may have reached the network: look the post up before posting. */
  lookupFirst: boolean;
  request: Omit<PublishRequest, 'signal'>;
}

type Result = RemotePost & { recovered: boolean };

/** Publishing stays this far inside the lease, so a live attempt is never taken over by another. */
const LEASE_MARGIN = 0.5;

/**
 * One attempt at one publication: claim → publish → record, exactly once per account.
 *
 * - prepare (a transaction, post row locked first): still due, still the approved revision, the
 *   account still active with an owner, the policy (as it is now) still lets it go and the time is
 *   inside the posting hours; then the publication is PUBLISHING with this attempt's id — committed
 *   before the network is called.
 * - perform (no transaction): the connector, with the publication's idempotency key; after any
 *   earlier attempt (a crash, a timeout) it first looks the post up on the network.
 * - succeeded / failed (a new transaction): PUBLISHED with the network's id and address, or back to
 *   SCHEDULED for a retry with backoff, or FAILED with the network's message.
 */
@Injectable()
@JobHandler(PUBLISH_TOPIC)
export class PublishJob implements Job<Payload, Work, Result> {
  constructor(
    private readonly publications: PublicationsRepository,
    private readonly posts: PostsRepository,
    private readonly publishing: PublishingService,
    private readonly checks: PolicyChecksService,
    private readonly audit: AuditService,
    private readonly connectors: Connectors,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(tx: Tx, job: JobContext<Payload>): Promise<Work | null> {
    const organizationId = job.organizationId;
    const post = await this.posts.lock(tx, organizationId, job.payload.postId);
    const publication = await this.publications.lock(tx, organizationId, job.payload.publicationId);
    if (!post || !publication) return null;
    if (publication.state !== 'SCHEDULED' && publication.state !== 'PUBLISHING') return null;
    if (publication.due_at.getTime() > Date.now() + 1000) return null; // moved later: that time's job runs it
    if (!['APPROVED', 'SCHEDULED', 'PUBLISHING'].includes(post.state)) return null;
    const view = await this.posts.view(tx, organizationId, post.id);
    if (!view || view.revision !== publication.revision || view.content_hash !== publication.content_hash) {
      await this.publishing.withdraw(tx, organizationId, post.id, null, 'the post changed after it was approved');
      return null;
    }

    const account = await this.publications.account(tx, organizationId, publication.account_id);
    if (!account) return null; // accounts are deactivated, never deleted
    const unusable = account.deactivated_at
      ? `@${account.handle} is deactivated.`
      : account.kind !== 'BRAND'
        ? `@${account.handle} is a personal account: its owner posts, not Clearpost.`
        : !account.owner_user_id
          ? `@${account.handle} has no owner: assign one, then retry.`
          : null;
    if (unusable) {
      await this.giveUp(tx, organizationId, post, publication, job.attemptId, unusable);
      return null;
    }

    const text = targetText(view.content, publication.account_id);
    const check = await this.checks.check(tx, organizationId, {
      accountId: publication.account_id,
      text,
      links: view.content.links,
      media: view.content.media,
      scheduledAt: new Date(),
    });
    const hours = check.findings.filter((f) => f.kind === 'schedule' && (f.action === 'BLOCK' || f.action === 'REQUIRE_APPROVAL'));
    if (hours.length) {
      await this.giveUp(tx, organizationId, post, publication, job.attemptId, `Outside the posting hours: ${hours.map((f) => f.message).join(' ')}`);
      return null;
    }
    const approvedSteps = new Set(post.steps.map((s) => s.name));
    const stopping = check.findings.filter(
      (f) => f.kind !== 'schedule' && (f.action === 'BLOCK' || (f.action === 'REQUIRE_APPROVAL' && !approvedSteps.has(policyStepFor(f).name))),
    );
    if (stopping.length) {
      await this.returnToAuthor(tx, organizationId, post, publication, stopping);
      return null;
    }

    if (post.state !== 'PUBLISHING') await this.posts.update(tx, organizationId, post.id, { state: step(post.state, 'publish') });
    const attempt = publication.attempts + 1;
    await this.publications.update(tx, organizationId, publication.id, {
      state: 'PUBLISHING',
      attempts: attempt,
      attempt_id: job.attemptId,
      connector: account.connector,
    });
    await this.audit.record(tx, organizationId, {
      action: 'publication.attempted',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: { publicationId: publication.id, accountId: publication.account_id, attemptId: job.attemptId, attempt, connector: account.connector },
    });
    return {
      connector: account.connector,
      lookupFirst: publication.attempts > 0,
      request: {
        organizationId,
        account: {
          id: account.id,
          handle: account.handle,
          network: account.network,
          connection: account.connection,
          accessToken: account.oauth_token_encrypted ? this.box.decrypt(account.oauth_token_encrypted, account.id) : null,
        },
        text,
        links: view.content.links,
        media: view.content.media.map((m) => ({ ref: m.ref, alt: m.alt })),
        idempotencyKey: publication.idempotency_key,
      },
    };
  }

  async perform(_job: JobContext<Payload>, work: Work): Promise<Result> {
    const connector = this.connectors.get(work.connector);
    const problems = connector.validate(work.request.text, work.request.media);
    if (problems.length) throw new PublishError(problems.join(' '), true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(30_000, this.config.outboxLeaseSeconds * 1000 * LEASE_MARGIN));
    try {
      const request = { ...work.request, signal: controller.signal };
      if (work.lookupFirst) {
        const found = await connector.lookup(request);
        if (found) return { ...found, recovered: true };
      }
      return { ...(await connector.publish(request)), recovered: false };
    } finally {
      clearTimeout(timer);
    }
  }

  retry(error: Error, attempt: number): { delaySeconds: number; final: boolean } {
    const known = error instanceof PublishError ? error : null;
    if (known?.permanent || attempt >= MAX_PUBLISH_ATTEMPTS) return { delaySeconds: 0, final: true };
    return { delaySeconds: retryDelaySeconds(attempt, Math.random(), known?.retryAfterSeconds), final: false };
  }

  async succeeded(tx: Tx, job: JobContext<Payload>, result: Result): Promise<void> {
    const { post, publication } = await this.current(tx, job);
    if (!post || !publication) return;
    await this.publications.update(tx, job.organizationId, publication.id, {
      state: 'PUBLISHED',
      remote_id: result.remoteId,
      remote_url: result.remoteUrl,
      published_at: new Date(),
      last_error: null,
      next_attempt_at: null,
    });
    await this.audit.record(tx, job.organizationId, {
      action: 'publication.published',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: {
        publicationId: publication.id,
        accountId: publication.account_id,
        attemptId: job.attemptId,
        remoteId: result.remoteId,
        remoteUrl: result.remoteUrl,
        // Found on the network by its key: an earlier attempt had posted it (nothing was posted twice).
        recovered: result.recovered,
      },
    });
    await this.publishing.settle(tx, job.organizationId, post);
  }

  async failed(tx: Tx, job: JobContext<Payload>, error: Error, final: boolean, retryAt: Date | null): Promise<void> {
    const { post, publication } = await this.current(tx, job);
    if (!post || !publication) return;
    const message = error.message.slice(0, 1000);
    if (final) {
      await this.giveUp(tx, job.organizationId, post, publication, job.attemptId, message, error instanceof PublishError && error.permanent);
      return;
    }
    await this.publications.update(tx, job.organizationId, publication.id, { state: 'SCHEDULED', last_error: message, next_attempt_at: retryAt });
    await this.audit.record(tx, job.organizationId, {
      action: 'publication.retried',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: {
        publicationId: publication.id,
        accountId: publication.account_id,
        attemptId: job.attemptId,
        attempt: job.attempt,
        retryAt,
        error: message,
        automatic: true,
      },
    });
  }

  /** The post and publication, locked, if this attempt still holds the publication. */
  private async current(tx: Tx, job: JobContext<Payload>): Promise<{ post: PostRow | null; publication: PublicationRow | null }> {
    const post = await this.posts.lock(tx, job.organizationId, job.payload.postId);
    const publication = await this.publications.lock(tx, job.organizationId, job.payload.publicationId);
    if (!post || !publication || publication.attempt_id !== job.attemptId || publication.state !== 'PUBLISHING') return { post: null, publication: null };
    return { post, publication };
  }

  /** FAILED with the reason, shown on the post with a retry action; the post settles if this was the last one. */
  private async giveUp(
    tx: Tx,
    organizationId: string,
    post: PostRow,
    publication: PublicationRow,
    attemptId: string,
    message: string,
    permanent = true,
  ): Promise<void> {
    await this.publications.update(tx, organizationId, publication.id, {
      state: 'FAILED',
      last_error: message,
      error_permanent: permanent,
      next_attempt_at: null,
    });
    await this.audit.record(tx, organizationId, {
      action: 'publication.failed',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: { publicationId: publication.id, accountId: publication.account_id, attemptId, attempt: publication.attempts, error: message, permanent },
    });
    const current = post.state === 'PUBLISHING' ? post : { ...post, state: step(post.state, 'publish') };
    if (current !== post) await this.posts.update(tx, organizationId, post.id, { state: current.state });
    await this.publishing.settle(tx, organizationId, current);
  }

  /** The policy changed since the approval and no longer lets the post go: back to its author. */
  private async returnToAuthor(
    tx: Tx,
    organizationId: string,
    post: PostRow,
    publication: PublicationRow,
    findings: Array<{ ruleId: string; action: string; message: string }>,
  ): Promise<void> {
    await this.posts.update(tx, organizationId, post.id, { state: step(post.state, 'policyChanged'), current_step: null, scheduled_at: null });
    await this.publishing.withdraw(tx, organizationId, post.id, null, 'the policy no longer lets the post go out');
    const reasons = [...new Set(findings.map((f) => f.message))];
    await this.audit.record(tx, organizationId, {
      action: 'post.returned_by_policy',
      actorUserId: null,
      targetType: 'post',
      targetId: post.id,
      data: { revision: post.revision, accountId: publication.account_id, rules: [...new Set(findings.map((f) => f.ruleId))], reason: reasons.join(' ') },
    });
    await this.publishing.mailAuthor(tx, organizationId, post.id, 'RETURNED', reasons);
  }
}
