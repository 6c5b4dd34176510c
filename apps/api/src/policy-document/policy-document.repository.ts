import { Injectable } from '@nestjs/common';
import { CLIENT_ROLES, type Role } from '@clearpost/authz';
import type { Tx } from '../database/tx';
import { VersionedDocuments } from '../versioning/versioned-documents.repository';

/** policy_document_version (the social media policy's text, versioned) and policy_acknowledgement. */
@Injectable()
export class PolicyDocumentRepository {
  readonly versions = new VersionedDocuments<{ title: string; body: string }>(
    {
      table: 'policy_document_version',
      parent: null,
      hasId: true,
      content: { title: { column: 'title' }, body: { column: 'body' } },
    },
    ['change_summary', 'reminder_after_hours'],
  );

  /** Records that `userId` accepted the version; null when they already had. */
  acknowledge(tx: Tx, organizationId: string, versionId: string, userId: string): Promise<{ acknowledged_at: Date } | null> {
    return tx.one(
      `insert into policy_acknowledgement (organization_id, version_id, user_id) values ($1, $2, $3) on conflict do nothing returning acknowledged_at`,
      [organizationId, versionId, userId],
    );
  }

  acknowledgement(tx: Tx, organizationId: string, versionId: string, userId: string): Promise<{ acknowledged_at: Date } | null> {
    return tx.one(`select acknowledged_at from policy_acknowledgement where organization_id = $1 and version_id = $2 and user_id = $3`, [
      organizationId,
      versionId,
      userId,
    ]);
  }

  /**
   * Every current staff member and when they accepted the published version `versionId` (null: not
   * yet), those who have not first — in one statement that also says whether there is such a
   * version: null when there is not.
   */
  async staffAcknowledgements(
    tx: Tx,
    organizationId: string,
    versionId: string,
  ): Promise<Array<{ id: string; name: string; email: string; role: Role; acknowledged_at: Date | null }> | null> {
    const row = await tx.one<{ published: boolean; entries: Array<{ id: string; name: string; email: string; role: Role; acknowledged_at: string | null }> }>(
      `select v.status = 'PUBLISHED' as published,
              coalesce((select json_agg(x order by x.acknowledged_at is not null, x.sort_name) from (
                select u.id, u.name, u.email, m.role, a.acknowledged_at, m.sort_name
                  from membership m join app_user u on u.id = m.user_id
                  left join policy_acknowledgement a on a.organization_id = m.organization_id and a.version_id = v.id and a.user_id = m.user_id
                 where m.organization_id = v.organization_id and m.removed_at is null and m.role <> all ($3::text[])) x), '[]') as entries
         from policy_document_version v where v.organization_id = $1 and v.id = $2`,
      [organizationId, versionId, CLIENT_ROLES],
    );
    if (!row?.published) return null;
    return row.entries.map((e) => ({ ...e, acknowledged_at: e.acknowledged_at ? new Date(e.acknowledged_at) : null }));
  }

  /**
   * Where a person stands, in one statement: the current version, the last one they accepted, and
   * when. What every post submission asks first.
   */
  async standing(
    tx: Tx,
    organizationId: string,
    userId: string,
  ): Promise<{ current: Record<string, unknown> | null; last: Record<string, unknown> | null; acknowledged_at: string | null }> {
    const row = await tx.one<{ current: Record<string, unknown> | null; last: Record<string, unknown> | null; acknowledged_at: string | null }>(
      `with last as (
         select a.version_id, a.acknowledged_at from policy_acknowledgement a
           join policy_document_version lv on lv.organization_id = a.organization_id and lv.id = a.version_id
          where a.organization_id = $1 and a.user_id = $2 order by lv.version desc limit 1)
       select (select to_json(c) from (${this.versions.select} where v.organization_id = $1 and v.status = 'PUBLISHED' order by v.version desc limit 1) c) as current,
              (select to_json(l) from (${this.versions.select} where v.organization_id = $1 and v.id = (select version_id from last)) l) as last,
              (select acknowledged_at from last) as acknowledged_at`,
      [organizationId, userId],
      { name: 'policy_document.standing' },
    );
    return row ?? { current: null, last: null, acknowledged_at: null };
  }
}
