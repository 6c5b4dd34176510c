import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization's competitors, named once: `{competitor}` in a policy's words stands for each
 * of them when a post is checked (e.g. a put-down near a competitor's name).
 */
export class Competitors1764350000000 implements MigrationInterface {
  name = 'Competitors1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table organization add column competitors text[] not null default '{}' check (cardinality(competitors) <= 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table organization drop column competitors`);
  }
}
