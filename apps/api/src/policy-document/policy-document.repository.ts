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

  /** The version `userId` accepted last. */
  lastAcknowledged(tx: Tx, organizationId: string, userId: string): Promise<{ version_id: string; acknowledged_at: Date } | null> {
    return tx.one(
      `select a.version_id, a.acknowledged_at from policy_acknowledgement a
         join policy_document_version v on v.organization_id = a.organization_id and v.id = a.version_id
        where a.organization_id = $1 and a.user_id = $2 order by v.version desc limit 1`,
      [organizationId, userId],
      { name: 'policy_document.last_acknowledged' },
    );
  }

  /** Every current staff member and when they accepted the version (null: not yet); those who have not, first. */
  staffAcknowledgements(
    tx: Tx,
    organizationId: string,
    versionId: string,
  ): Promise<Array<{ id: string; name: string; email: string; role: Role; acknowledged_at: Date | null }>> {
    return tx.many(
      `select u.id, u.name, u.email, m.role, a.acknowledged_at
         from membership m join app_user u on u.id = m.user_id
         left join policy_acknowledgement a on a.organization_id = m.organization_id and a.version_id = $2 and a.user_id = m.user_id
        where m.organization_id = $1 and m.removed_at is null and m.role <> all ($3::text[])
        order by a.acknowledged_at is not null, m.sort_name`,
      [organizationId, versionId, CLIENT_ROLES],
    );
  }
}
