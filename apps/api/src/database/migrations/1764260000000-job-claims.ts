import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles';

/**
 * Jobs are claim → work → record: a worker commits its claim (an attempt id and a lease) before
 * any network call, does the work outside any transaction, then records the outcome in a new one
 * — so no row lock or transaction is held across the network, and a worker that dies mid-work
 * leaves a lease that expires rather than a lock. Due work is what is not done, is due, and is not
 * leased to a live attempt.
 */
export class JobClaims1764260000000 implements MigrationInterface {
  name = 'JobClaims1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table outbox add column attempt_id uuid, add column claimed_until timestamptz;
      drop index outbox_due_idx;
      create index outbox_due_idx on outbox (available_at) where completed_at is null;

      create or replace function outbox_due(max_rows int) returns table (id uuid, organization_id uuid)
        language sql stable security definer set search_path = public as $fn$
          select o.id, o.organization_id from outbox o
           where o.completed_at is null and o.available_at <= now() and (o.claimed_until is null or o.claimed_until < now())
           order by o.available_at limit least(greatest(max_rows, 0), 1000)
        $fn$;

      -- For metrics: how much due work waits and how long the oldest has, across organizations.
      create function outbox_due_stats() returns table (count int, oldest_seconds double precision)
        language sql stable security definer set search_path = public as $fn$
          select count(*)::int, coalesce(extract(epoch from now() - min(o.available_at)), 0)::double precision from outbox o
           where o.completed_at is null and o.available_at <= now() and (o.claimed_until is null or o.claimed_until < now())
        $fn$;
      revoke all on function outbox_due_stats() from public;
      grant execute on function outbox_due_stats() to ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function outbox_due_stats();
      create or replace function outbox_due(max_rows int) returns table (id uuid, organization_id uuid)
        language sql stable security definer set search_path = public as $fn$
          select o.id, o.organization_id from outbox o
           where o.completed_at is null and o.available_at <= now()
           order by o.available_at limit least(greatest(max_rows, 0), 1000)
        $fn$;
      alter table outbox drop column attempt_id, drop column claimed_until;
    `);
  }
}
