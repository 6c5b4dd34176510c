import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles';

/** /health/ready compares the migrations applied with the ones the code knows, as the app role. */
export class Readiness1764280000000 implements MigrationInterface {
  name = 'Readiness1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`grant select on migrations to ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`revoke select on migrations from ${APP_ROLE}`);
  }
}
