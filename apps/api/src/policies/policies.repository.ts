import { Injectable } from '@nestjs/common';
import type { Rule } from '@clearpost/policy-engine';
import type { Tx } from '../database/tx';
import { VersionedDocuments } from '../versioning/versioned-documents.repository';
import { ATTACHMENTS_SELECT } from './policy-attachments.repository';
import type { PolicyScope } from './policy.models';

export interface PolicyRow {
  id: string;
  name: string;
  description: string;
  template_id: string | null;
  created_at: Date;
}

export interface FullPolicyRow extends PolicyRow {
  versions: Array<Record<string, unknown>>;
  attachments: Array<{ id: string; policy_id: string; scope: PolicyScope; target_id: string; created_at: string; target_name: string | null }>;
}

/** policy and its versions (policy_version: rules, draft → published, immutable once published). */
@Injectable()
export class PoliciesRepository {
  readonly versions = new VersionedDocuments<{ rules: Rule[] }>({
    table: 'policy_version',
    parent: 'policy_id',
    hasId: false,
    content: { rules: { column: 'rules', json: true } },
  });

  /** Policies with their versions and attachments, in one statement; one policy when `onlyId` is given. */
  listFull(tx: Tx, organizationId: string, onlyId: string | null = null): Promise<FullPolicyRow[]> {
    return tx.many(
      `select p.id, p.name, p.description, p.template_id, p.created_at,
              ${this.versions.versionsJson('p.organization_id', 'p.id')} as versions,
              coalesce((select json_agg(x order by x.created_at, x.id) from (${ATTACHMENTS_SELECT}
                          where a.organization_id = p.organization_id and a.policy_id = p.id) x), '[]') as attachments
         from policy p
        where p.organization_id = $1 and ($2::uuid is null or p.id = $2) order by lower(p.name), p.id`,
      [organizationId, onlyId],
    );
  }

  /**
   * A page of policies by name, keyset on (lower(name), id): policy_name_order serves the order;
   * their versions and attachments come with them, read per policy of the page.
   */
  page(tx: Tx, organizationId: string, limit: number, after: [string, string] | null): Promise<Array<FullPolicyRow & { sort_key: string }>> {
    return tx.many(
      `select p.id, p.name, p.description, p.template_id, p.created_at, lower(p.name) as sort_key,
              ${this.versions.versionsJson('p.organization_id', 'p.id')} as versions,
              coalesce((select json_agg(x order by x.created_at, x.id) from (${ATTACHMENTS_SELECT}
                          where a.organization_id = p.organization_id and a.policy_id = p.id) x), '[]') as attachments
         from policy p
        where p.organization_id = $1 ${after ? 'and (lower(p.name), p.id) > ($3, $4::uuid)' : ''}
        order by lower(p.name), p.id limit $2`,
      after ? [organizationId, limit, ...after] : [organizationId, limit],
    );
  }

  /** By name, keyset-ready order (policy_name_order); one policy when `onlyId` is given. */
  list(tx: Tx, organizationId: string, onlyId: string | null = null): Promise<PolicyRow[]> {
    return tx.many(
      `select id, name, description, template_id, created_at from policy
        where organization_id = $1 and ($2::uuid is null or id = $2) order by lower(name), id`,
      [organizationId, onlyId],
    );
  }

  async lock(tx: Tx, organizationId: string, id: string): Promise<boolean> {
    return !!(await tx.one(`select 1 from policy where organization_id = $1 and id = $2 for update`, [organizationId, id]));
  }

  async nameTaken(tx: Tx, organizationId: string, name: string, exceptId: string | null): Promise<boolean> {
    return !!(await tx.one(`select 1 from policy where organization_id = $1 and lower(name) = lower($2) and id is distinct from $3::uuid`, [
      organizationId,
      name,
      exceptId,
    ]));
  }

  async insert(
    tx: Tx,
    policy: { organizationId: string; id: string; name: string; description: string; templateId: string | null; createdBy: string },
  ): Promise<void> {
    await tx.query(`insert into policy (organization_id, id, name, description, template_id, created_by) values ($1, $2, $3, $4, $5, $6)`, [
      policy.organizationId,
      policy.id,
      policy.name,
      policy.description,
      policy.templateId,
      policy.createdBy,
    ]);
  }

  async describe(tx: Tx, organizationId: string, id: string, name: string | null, description: string | null): Promise<void> {
    await tx.query(`update policy set name = coalesce($3, name), description = coalesce($4, description) where organization_id = $1 and id = $2`, [
      organizationId,
      id,
      name,
      description,
    ]);
  }
}
