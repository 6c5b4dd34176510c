import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_ORG_SQL, CURRENT_USER_SQL } from '../roles';

/**
 * The client-scope functions every row-level security check on clients, accounts and terms calls,
 * moved from LANGUAGE sql to plpgsql with the same bodies: a non-inlined SQL function plans its
 * query again on every statement that calls it (~0.1–0.2 ms each, four per account page), while
 * plpgsql keeps the plan for the session (~0.03 ms). Measured in docs/benchmarks.md.
 */
export class ScopeFunctionsPlpgsql1764300000000 implements MigrationInterface {
  name = 'ScopeFunctionsPlpgsql1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function app_client_scope() returns uuid[] language plpgsql stable as $fn$
      begin
        return (
          select case when m.role in ('CLIENT_APPROVER', 'CLIENT_VIEWER') then
                   coalesce((select array_agg(mc.client_id) from membership_client mc
                              where mc.organization_id = m.organization_id and mc.user_id = m.user_id), '{}')
                 end
            from membership m
           where m.organization_id = ${CURRENT_ORG_SQL} and m.user_id = ${CURRENT_USER_SQL} and m.removed_at is null);
      end
      $fn$;

      create or replace function app_confidential_scope() returns uuid[] language plpgsql stable as $fn$
      begin
        return (
          select case
                   when ${CURRENT_USER_SQL} is null then null
                   when exists (select 1 from membership m
                                 where m.organization_id = ${CURRENT_ORG_SQL} and m.user_id = ${CURRENT_USER_SQL}
                                   and m.removed_at is null and m.role in ('OWNER', 'ADMIN', 'COMPLIANCE')) then null
                   else coalesce((select array_agg(mc.client_id) from membership_client mc
                                    join membership m using (organization_id, user_id)
                                   where mc.organization_id = ${CURRENT_ORG_SQL} and mc.user_id = ${CURRENT_USER_SQL}
                                     and m.removed_at is null and m.role not in ('CLIENT_APPROVER', 'CLIENT_VIEWER')), '{}')
                 end);
      end
      $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function app_client_scope() returns uuid[] language sql stable as $fn$
        select case when m.role in ('CLIENT_APPROVER', 'CLIENT_VIEWER') then
                 coalesce((select array_agg(mc.client_id) from membership_client mc
                            where mc.organization_id = m.organization_id and mc.user_id = m.user_id), '{}')
               end
          from membership m
         where m.organization_id = ${CURRENT_ORG_SQL} and m.user_id = ${CURRENT_USER_SQL} and m.removed_at is null
      $fn$;
      create or replace function app_confidential_scope() returns uuid[] language sql stable as $fn$
        select case
                 when ${CURRENT_USER_SQL} is null then null
                 when exists (select 1 from membership m
                               where m.organization_id = ${CURRENT_ORG_SQL} and m.user_id = ${CURRENT_USER_SQL}
                                 and m.removed_at is null and m.role in ('OWNER', 'ADMIN', 'COMPLIANCE')) then null
                 else coalesce((select array_agg(mc.client_id) from membership_client mc
                                  join membership m using (organization_id, user_id)
                                 where mc.organization_id = ${CURRENT_ORG_SQL} and mc.user_id = ${CURRENT_USER_SQL}
                                   and m.removed_at is null and m.role not in ('CLIENT_APPROVER', 'CLIENT_VIEWER')), '{}')
               end
      $fn$;
    `);
  }
}
