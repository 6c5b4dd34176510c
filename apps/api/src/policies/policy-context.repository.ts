import { Injectable } from '@nestjs/common';
import type { PolicyContext } from '@clearpost/policy-engine';
import { inlineUuid, type Tx } from '../database/tx';

/**
 * What rules refer to besides the post: colleagues' names (members) and every client's
 * confidential terms — read, not owned (membership and client belong to their features).
 */
@Injectable()
export class PolicyContextRepository {
  /**
   * Both in one statement, acting as the system (the caller may not read other clients' terms),
   * in one round trip with the actor set aside and restored around it.
   */
  async read(tx: Tx, organizationId: string): Promise<PolicyContext> {
    const org = inlineUuid(organizationId);
    const [row] = await tx.systemMany<{
      colleagues: string[];
      clients: Array<{ id: string; name: string; terms: string[] }>;
      organization: string | null;
      competitors: string[] | null;
    }>(
      'check a post against every colleague’s name and every client’s confidential terms',
      `select coalesce((select array_agg(u.name order by u.name) from membership m join app_user u on u.id = m.user_id
                         where m.organization_id = ${org} and m.removed_at is null), '{}') as colleagues,
              coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'terms', coalesce(t.terms, '{}')) order by c.id)
                          from client c left join client_confidential_terms t on t.organization_id = c.organization_id and t.client_id = c.id
                         where c.organization_id = ${org}), '[]') as clients,
              (select o.name from organization o where o.id = ${org}) as organization,
              (select o.competitors from organization o where o.id = ${org}) as competitors`,
    );
    // The organization's name as it is now: {organization} in a rule follows a rename.
    return {
      colleagues: row?.colleagues ?? [],
      clients: row?.clients ?? [],
      organizationNames: row?.organization ? [row.organization] : [],
      competitors: row?.competitors ?? [],
    };
  }
}
