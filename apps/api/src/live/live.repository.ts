import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

/** What a live connection needs to know about its reader and the posts they follow. */
@Injectable()
export class LiveRepository {
  /** Whether the session is live, and the reader's role in the organization (null: not a member). */
  access(tx: Tx, sessionId: string, userId: string, organizationId: string): Promise<{ live: boolean; role: string | null } | null> {
    return tx.one(
      `select s.revoked_at is null as live, m.role
         from auth_session s
         left join membership m on m.organization_id = $3 and m.user_id = s.user_id and m.removed_at is null
        where s.id = $1 and s.user_id = $2`,
      [sessionId, userId, organizationId],
    );
  }

  /** Whether the reader sees the post (row-level security decides: client users, drafts). */
  async sees(tx: Tx, organizationId: string, postId: string): Promise<boolean> {
    return !!(await tx.one(`select 1 as ok from post where organization_id = $1 and id = $2`, [organizationId, postId]));
  }
}
