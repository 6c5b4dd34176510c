import { Injectable } from '@nestjs/common';
import type { Rule } from '@clearpost/policy-engine';
import type { AccountFacts } from '../accounts/accounts.repository';
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

/** A policy's published version that applies through an attachment (with its rules, when asked for). */
export interface SourceRow {
  scope: PolicyScope;
  policy_id: string;
  policy_name: string;
  version: number;
  rules: Rule[] | null;
}

/** An attachment with the name of what it is attached to. */
export const ATTACHMENTS_SELECT = `
  select a.id, a.policy_id, a.scope, a.target_id, a.created_at,
         case a.scope when 'ORGANIZATION' then (select name from organization o where o.id = a.target_id)
                      when 'CLIENT' then (select name from client c where c.organization_id = a.organization_id and c.id = a.target_id)
                      else (select display_name from social_account s where s.organization_id = a.organization_id and s.id = a.target_id) end as target_name
    from policy_attachment a`;

/** policy_attachment: which policy applies to the organization, a client or an account. */
@Injectable()
export class PolicyAttachmentsRepository {
  list(tx: Tx, organizationId: string): Promise<AttachmentRow[]> {
    return tx.many(`${ATTACHMENTS_SELECT} where a.organization_id = $1 order by a.created_at, a.id`, [organizationId]);
  }

  /** Null when the policy is already attached there. */
  async insert(
    tx: Tx,
    row: { organizationId: string; id: string; policyId: string; scope: PolicyScope; targetId: string; createdBy: string },
  ): Promise<string | null> {
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

  /**
   * The account, and the latest published version of every policy attached to its organization,
   * its client or itself — with their rules when `withRules` — in one statement. Null: no such account.
   */
  async applicable(tx: Tx, organizationId: string, accountId: string, withRules: boolean): Promise<{ account: AccountFacts; sources: SourceRow[] } | null> {
    const row = await tx.one<{ account: AccountFacts; sources: SourceRow[] }>(
      `select json_build_object('id', acct.id, 'network', acct.network, 'kind', acct.kind, 'client_id', acct.client_id, 'timezone', acct.timezone) as account,
              coalesce((select json_agg(json_build_object('scope', a.scope, 'policy_id', p.id, 'policy_name', p.name, 'version', v.version,
                                                          'rules', case when $3 then v.rules end) order by p.id, a.scope)
                          from policy_attachment a
                          join policy p on p.organization_id = a.organization_id and p.id = a.policy_id
                          join lateral (select pv.version, pv.rules from policy_version pv
                                         where pv.organization_id = a.organization_id and pv.policy_id = a.policy_id and pv.status = 'PUBLISHED'
                                         order by pv.version desc limit 1) v on true
                         where a.organization_id = acct.organization_id
                           and ((a.scope = 'ORGANIZATION' and a.target_id = acct.organization_id)
                             or (a.scope = 'CLIENT' and a.target_id = acct.client_id)
                             or (a.scope = 'ACCOUNT' and a.target_id = acct.id))), '[]') as sources
         from social_account acct where acct.organization_id = $1 and acct.id = $2`,
      [organizationId, accountId, withRules],
      { name: withRules ? 'policies.applicable_rules' : 'policies.applicable' },
    );
    return row;
  }
}
