import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Languages: each person's chosen language (null until they choose: their browser's then), and the
 * language an invitation is written in (the person invited has no account to hold one yet).
 */
export class Locales1764310000000 implements MigrationInterface {
  name = 'Locales1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table app_user add column locale text check (locale in ('en', 'fr'));
      alter table invitation add column locale text not null default 'en' check (locale in ('en', 'fr'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table app_user drop column locale; alter table invitation drop column locale;`);
  }
}
