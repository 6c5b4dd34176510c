import { SetMetadata } from '@nestjs/common';
import type { Tx } from '../database/tx';

/** One attempt at one piece of work. */
export interface JobContext<P> {
  /** The outbox row. */
  id: string;
  organizationId: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  /** This attempt's id (committed with the claim). */
  attemptId: string;
  /** The same for every attempt of this job: pass it to the remote system so a retry is not done twice. */
  idempotencyKey: string;
}

/**
 * Work the outbox runs: claim → work → record. `prepare` reads what the work needs in the claim's
 * transaction (scoped to the job's organization); `perform` does the slow part — the network —
 * outside any transaction; `succeeded` or `failed` records the outcome in a new one. A handler is a
 * provider class marked `@JobHandler('topic')`, declared in a `<feature>.jobs.ts` file.
 */
export interface Job<P = Record<string, unknown>, W = unknown, R = unknown> {
  /** How long an attempt may run before another worker may claim the job again (default 120 s). */
  readonly leaseSeconds?: number;
  /** Null: nothing to do (the job is done without an attempt at the work). */
  prepare(tx: Tx, job: JobContext<P>): Promise<W | null>;
  perform(job: JobContext<P>, work: W): Promise<R>;
  succeeded?(tx: Tx, job: JobContext<P>, result: R): Promise<void>;
  /** `final`: no retry follows; otherwise `retryAt` is when the next attempt may run. */
  failed?(tx: Tx, job: JobContext<P>, error: Error, final: boolean, retryAt: Date | null): Promise<void>;
  /** When to try again after `error` (default: 30 s × 4ⁿ, 5 attempts). `final`: give up now. */
  retry?(error: Error, attempt: number): { delaySeconds: number; final: boolean };
}

export const JOB_TOPIC = 'clearpost:job-topic';

/** Marks a provider as the handler of `topic`; the outbox finds it at start. */
export const JobHandler = (topic: string) => SetMetadata(JOB_TOPIC, topic);
