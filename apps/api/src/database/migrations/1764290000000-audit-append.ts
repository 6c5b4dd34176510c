import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head keeps the hash it moved from, so one UPDATE can take the next seq, seal the event from
 * the row it locked and return both links: an append is one round trip (decision 0002).
 */
export class AuditAppend1764290000000 implements MigrationInterface {
  name = 'AuditAppend1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table audit_head add column prev_hash text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table audit_head drop column prev_hash`);
  }
}
