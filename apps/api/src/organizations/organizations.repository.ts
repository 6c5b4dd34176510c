import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}

/** organization: the tenants themselves. */
@Injectable()
export class OrganizationsRepository {
  insert(tx: Tx, id: string, name: string, createdBy: string): Promise<OrganizationRow | null> {
    return tx.one(`insert into organization (id, name, created_by) values ($1, $2, $3) returning id, name, created_at`, [id, name, createdBy]);
  }

  get(tx: Tx, id: string): Promise<OrganizationRow | null> {
    return tx.one(`select id, name, created_at from organization where id = $1`, [id]);
  }

  async nameOf(tx: Tx, id: string): Promise<string | null> {
    return (await tx.one<{ name: string }>(`select name from organization where id = $1`, [id], { name: 'organizations.name' }))?.name ?? null;
  }

  /**
   * Renames in one statement. FOR UPDATE in the subquery locks the row first and, under READ
   * COMMITTED, re-reads its latest version, so the previous name is right under concurrent renames.
   */
  rename(tx: Tx, id: string, name: string): Promise<(OrganizationRow & { previous_name: string }) | null> {
    return tx.one(
      `update organization o set name = $2
         from (select id, name from organization where id = $1 for update) before
        where o.id = before.id
        returning o.id, o.name, o.created_at, before.name as previous_name`,
      [id, name],
      { name: 'organizations.rename' },
    );
  }

  async competitorsOf(tx: Tx, id: string): Promise<string[]> {
    return (await tx.one<{ competitors: string[] }>(`select competitors from organization where id = $1`, [id]))?.competitors ?? [];
  }

  /** Replaces the competitors' names in one statement; returns the previous ones (null when the organization is not found). */
  async setCompetitors(tx: Tx, id: string, names: string[]): Promise<string[] | null> {
    const row = await tx.one<{ previous: string[] }>(
      `update organization o set competitors = $2
         from (select id, competitors from organization where id = $1 for update) before
        where o.id = before.id
        returning before.competitors as previous`,
      [id, names],
    );
    return row?.previous ?? null;
  }

  /** Locks the organization row: what serializes changes that span the whole organization (the policy document). */
  async lock(tx: Tx, id: string): Promise<void> {
    await tx.query(`select 1 from organization where id = $1 for update`, [id]);
  }
}
