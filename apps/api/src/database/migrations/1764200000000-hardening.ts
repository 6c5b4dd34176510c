import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL } from '../roles';

/**
 * Hardening (issue 10):
 * - mail bodies are kept encrypted (AES-256-GCM, ENCRYPTION_KEY) with what their links grant, so a
 *   kept or queued invitation link is shown only to someone who could have issued it; links in
 *   bodies kept in clear by earlier versions are redacted here (resend those invitations);
 * - an invitation remembers who issued its current link: acceptance re-checks that person's
 *   authority to grant the role;
 * - the outbox gets row-level security like every tenant table; the dispatcher finds due work
 *   across organizations through two SECURITY DEFINER functions that return ids only.
 */
export class Hardening1764200000000 implements MigrationInterface {
  name = 'Hardening1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table outbound_mail add column body_encrypted text, add column secret_grant jsonb;
      update outbound_mail
         set text_body = regexp_replace(text_body, '#token=[A-Za-z0-9_.-]+', '#token=REDACTED', 'g'),
             html_body = regexp_replace(html_body, '#token=[A-Za-z0-9_.-]+', '#token=REDACTED', 'g')
       where text_body ~ '#token=' or html_body ~ '#token=';

      alter table invitation add column last_sent_by uuid references app_user (id);
      update invitation set last_sent_by = invited_by;
      alter table invitation alter column last_sent_by set not null;

      alter table outbox enable row level security;
      alter table outbox force row level security;
      create policy outbox_tenant on outbox
        using (organization_id = ${CURRENT_ORG_SQL})
        with check (organization_id = ${CURRENT_ORG_SQL});
      create index outbox_organization_idx on outbox (organization_id, id);

      -- Due work across organizations, ids only: the one cross-tenant read the dispatcher needs.
      create function outbox_due(max_rows int) returns table (id uuid, organization_id uuid)
        language sql stable security definer set search_path = public as $fn$
          select o.id, o.organization_id from outbox o
           where o.completed_at is null and o.available_at <= now()
           order by o.available_at limit least(greatest(max_rows, 0), 1000)
        $fn$;
      -- The organization a queued job belongs to (jobs queued by earlier versions carry only the id).
      create function outbox_organization(outbox_id uuid) returns uuid
        language sql stable security definer set search_path = public as $fn$
          select o.organization_id from outbox o where o.id = outbox_id
        $fn$;
      revoke all on function outbox_due(int), outbox_organization(uuid) from public;
      grant execute on function outbox_due(int), outbox_organization(uuid) to ${APP_ROLE};
    `);
    // The functions run as their owner, the migrating role, to whom FORCEd RLS applies too unless it
    // is a superuser: it alone may read every organization's outbox rows (no other role may).
    await q.query(`
      do $$ begin
        execute format('create policy outbox_dispatcher on outbox for select to %I using (true)', current_user);
      end $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function outbox_due(int); drop function outbox_organization(uuid);
      drop policy outbox_dispatcher on outbox; drop policy outbox_tenant on outbox;
      drop index outbox_organization_idx;
      alter table outbox no force row level security; alter table outbox disable row level security;
      alter table invitation drop column last_sent_by;
      alter table outbound_mail drop column body_encrypted, drop column secret_grant;
    `);
  }
}
