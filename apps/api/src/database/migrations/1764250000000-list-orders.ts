import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every list is served by an index in its keyset order, so a page costs the rows it returns, not
 * a sort of the whole tenant (a test runs EXPLAIN on each list over a 10,000-row tenant):
 *
 * - members are listed by name, which lives in app_user (a global table no tenant index can
 *   reach): membership keeps `sort_name`, set when the membership is made (names do not change);
 * - accounts are grouped by client name, then by name: social_account keeps `client_sort`, kept
 *   equal to its client's lower(name) by triggers, whoever renames the client or moves the account;
 * - the other lists get an index whose columns follow their ORDER BY exactly, id included.
 */
export class ListOrders1764250000000 implements MigrationInterface {
  name = 'ListOrders1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table membership add column sort_name text not null default '';
      update membership m set sort_name = lower(u.name) from app_user u where u.id = m.user_id;
      create index membership_name_order on membership (organization_id, sort_name, user_id) where removed_at is null;

      alter table social_account add column client_sort text not null default '';
      update social_account a set client_sort = lower(c.name) from client c where c.organization_id = a.organization_id and c.id = a.client_id;
      create index social_account_page_order on social_account (organization_id, client_sort, lower(display_name), id) where deactivated_at is null;
      create index social_account_client_page_order on social_account (organization_id, client_id, lower(display_name), id) where deactivated_at is null;

      create function social_account_client_sort() returns trigger language plpgsql as $fn$
      begin
        new.client_sort := coalesce((select lower(c.name) from client c where c.organization_id = new.organization_id and c.id = new.client_id), '');
        return new;
      end
      $fn$;
      create trigger social_account_client_sort before insert or update of client_id on social_account
        for each row execute function social_account_client_sort();

      create function client_renamed_resort_accounts() returns trigger language plpgsql as $fn$
      begin
        update social_account set client_sort = lower(new.name) where organization_id = new.organization_id and client_id = new.id;
        return null;
      end
      $fn$;
      create trigger client_renamed_resort_accounts after update of name on client
        for each row when (old.name is distinct from new.name) execute function client_renamed_resort_accounts();

      create index client_name_order on client (organization_id, lower(name), id) where archived_at is null;
      create index client_name_order_all on client (organization_id, lower(name), id);
      create index policy_name_order on policy (organization_id, lower(name), id);
      create index invitation_open_order on invitation (organization_id, created_at desc, id desc) where accepted_at is null and revoked_at is null;
      drop index outbound_mail_created_idx;
      create index outbound_mail_created_idx on outbound_mail (organization_id, created_at desc, id desc);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index outbound_mail_created_idx;
      create index outbound_mail_created_idx on outbound_mail (organization_id, created_at desc, id);
      drop index invitation_open_order; drop index policy_name_order; drop index client_name_order_all; drop index client_name_order;
      drop trigger client_renamed_resort_accounts on client; drop function client_renamed_resort_accounts();
      drop trigger social_account_client_sort on social_account; drop function social_account_client_sort();
      drop index social_account_client_page_order; drop index social_account_page_order;
      alter table social_account drop column client_sort;
      drop index membership_name_order;
      alter table membership drop column sort_name;
    `);
  }
}
