import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail filtered by a family of actions ("auth.*", "member.*") reads newest first
 * through an index on the action's first segment, instead of sorting every matching event.
 */
export class AuditActionGroups1764270000000 implements MigrationInterface {
  name = 'AuditActionGroups1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table audit_event add column action_group text generated always as (split_part(action, '.', 1)) stored;
      create index audit_event_action_group_idx on audit_event (organization_id, action_group, seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index audit_event_action_group_idx; alter table audit_event drop column action_group;`);
  }
}
