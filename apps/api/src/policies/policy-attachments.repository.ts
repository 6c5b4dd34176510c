import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import type { PolicyScope } from './policy.models';

export interface AttachmentRow {
  id: string;
  policy_id: string;
  scope: PolicyScope;
  target_id: string;
  created_at: Date;
  target_name: string | null;
}

/** A policy's published version that applies through an attachment. */
export interface SourceRow {
  scope: PolicyScope;
  policy_id: string;
  policy_name: string;
  version: number;
}

/** policy_attachment: which policy applies to the organization, a client or an account. */
@Injectable()
export class PolicyAttachmentsRepository {
  list(tx: Tx, organizationId: string): Promise<AttachmentRow[]> {
    return tx.many(
      `select a.id, a.policy_id, a.scope, a.target_id, a.created_at,
              case a.scope when 'ORGANIZATION' then (select name from organization o where o.id = a.target_id)
                           when 'CLIENT' then (select name from client c where c.organization_id = a.organization_id and c.id = a.target_id)
                           else (select display_name from social_account s where s.organization_id = a.organization_id and s.id = a.target_id) end as target_name
         from policy_attachment a where a.organization_id = $1 order by a.created_at, a.id`,
      [organizationId],
    );
  }

  /** Null when the policy is already attached there. */
  async insert(tx: Tx, row: { organizationId: string; id: string; policyId: string; scope: PolicyScope; targetId: string; createdBy: string }): Promise<string | null> {
    const inserted = await tx.one<{ id: string }>(
      `insert into policy_attachment (organization_id, id, policy_id, scope, target_id, created_by) values ($1, $2, $3, $4, $5, $6)
       on conflict (organization_id, policy_id, scope, target_id) do nothing returning id`,
      [row.organizationId, row.id, row.policyId, row.scope, row.targetId, row.createdBy],
    );
    return inserted?.id ?? null;
  }

  async delete(tx: Tx, organizationId: string, id: string): Promise<void> {
    await tx.query(`delete from policy_attachment where organization_id = $1 and id = $2`, [organizationId, id]);
  }

  /** The latest published version of every policy attached to the organization, the client or the account. */
  sourcesFor(tx: Tx, organizationId: string, clientId: string | null, accountId: string): Promise<SourceRow[]> {
    return tx.many(
      `select a.scope, p.id as policy_id, p.name as policy_name, v.version
         from policy_attachment a
         join policy p on p.organization_id = a.organization_id and p.id = a.policy_id
         join lateral (select max(version) as version from policy_version pv
                        where pv.organization_id = a.organization_id and pv.policy_id = a.policy_id and pv.status = 'PUBLISHED') v on v.version is not null
        where a.organization_id = $1
          and ((a.scope = 'ORGANIZATION' and a.target_id = $1)
            or (a.scope = 'CLIENT' and a.target_id = $2)
            or (a.scope = 'ACCOUNT' and a.target_id = $3))
        order by p.id, a.scope`,
      [organizationId, clientId, accountId],
      { name: 'policies.sources' },
    );
  }
}
