import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { JobHandler, type Job, type JobContext } from '../outbox/job';
import { PostReviewService } from './post-review.service';

type Payload = { postId: string; cycle: number; step: number };

/**
 * Reminds a step's approvers, the delay its chain sets after the step began, if the post is still
 * waiting at that step (a decision or an edit since makes the reminder moot). All database work,
 * done when the job records its outcome: the mails are queued in the transaction that completes
 * the job, so a reminder is sent once.
 */
@Injectable()
@JobHandler('post.review_reminder')
export class PostReviewReminderJob implements Job<Payload, Payload, Payload> {
  constructor(private readonly review: PostReviewService) {}

  async prepare(tx: Tx, job: JobContext<Payload>): Promise<Payload | null> {
    return (await this.review.stillWaiting(tx, job.organizationId, job.payload.postId, job.payload.cycle, job.payload.step)) ? job.payload : null;
  }

  async perform(_job: JobContext<Payload>, work: Payload): Promise<Payload> {
    return work;
  }

  async succeeded(tx: Tx, job: JobContext<Payload>, work: Payload): Promise<void> {
    await this.review.remind(tx, job.organizationId, work.postId, work.cycle, work.step);
  }
}
