import type { Locale } from '@clearpost/authz';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { inlineUuid } from '../database/tx';

/** app_user, auth_session and refresh_token: people, their sessions and the rotating tokens behind them. */
@Injectable()
export class AuthRepository {
  userByEmail(tx: Tx, email: string): Promise<{ id: string; password_hash: string } | null> {
    return tx.one(`select id, password_hash from app_user where lower(email) = lower($1)`, [email], { name: 'auth.user_by_email' });
  }

  emailOf(tx: Tx, userId: string): Promise<{ email: string } | null> {
    return tx.one(`select email from app_user where id = $1`, [userId]);
  }

  async insertUser(tx: Tx, user: { id: string; email: string; name: string; passwordHash: string; locale: Locale | null }): Promise<void> {
    await tx.query(`insert into app_user (id, email, name, password_hash, locale) values ($1, $2, $3, $4, $5)`, [
      user.id,
      user.email,
      user.name,
      user.passwordHash,
      user.locale,
    ]);
  }

  /** The languages people chose (those who have not chosen are absent). */
  async localesOf(tx: Tx, userIds: string[]): Promise<Map<string, Locale>> {
    const rows = await tx.many<{ id: string; locale: Locale }>(`select id, locale from app_user where id = any($1::uuid[]) and locale is not null`, [userIds]);
    return new Map(rows.map((row) => [row.id, row.locale]));
  }

  /** Changes a person's language; false when nothing changed. */
  async setLocale(tx: Tx, userId: string, locale: Locale): Promise<boolean> {
    const { rowCount } = await tx.query(`update app_user set locale = $2 where id = $1 and locale is distinct from $2`, [userId, locale]);
    return rowCount > 0;
  }

  async insertSession(tx: Tx, session: { id: string; userId: string; ip: string | null; userAgent: string | null }): Promise<void> {
    await tx.query(`insert into auth_session (id, user_id, ip, user_agent) values ($1, $2, $3, $4)`, [
      session.id,
      session.userId,
      session.ip,
      session.userAgent,
    ]);
  }

  async insertRefreshToken(tx: Tx, token: { id: string; sessionId: string; hash: string; ttlSeconds: number }): Promise<void> {
    await tx.query(`insert into refresh_token (id, session_id, token_hash, expires_at) values ($1, $2, $3, now() + make_interval(secs => $4))`, [
      token.id,
      token.sessionId,
      token.hash,
      token.ttlSeconds,
    ]);
  }

  /** The refresh token and its session, the session row locked. */
  lockRefreshToken(
    tx: Tx,
    tokenId: string,
  ): Promise<{ token_hash: string; expires_at: Date; session_id: string; user_id: string; revoked_at: Date | null } | null> {
    return tx.one(
      `select t.token_hash, t.expires_at, s.id as session_id, s.user_id, s.revoked_at
         from refresh_token t join auth_session s on s.id = t.session_id
        where t.id = $1
        for update of s`,
      [tokenId],
    );
  }

  /** Marks the token used; false when it already was (so it was copied). */
  async useRefreshToken(tx: Tx, tokenId: string): Promise<boolean> {
    const { rowCount } = await tx.query(`update refresh_token set used_at = now() where id = $1 and used_at is null`, [tokenId]);
    return rowCount === 1;
  }

  /** The live session a refresh token belongs to. */
  liveSessionOfToken(tx: Tx, tokenId: string): Promise<{ id: string; user_id: string; token_hash: string } | null> {
    return tx.one(
      `select s.id, s.user_id, t.token_hash from refresh_token t join auth_session s on s.id = t.session_id where t.id = $1 and s.revoked_at is null`,
      [tokenId],
    );
  }

  liveSession(tx: Tx, sessionId: string, userId?: string): Promise<{ id: string; user_id: string } | null> {
    return tx.one(`select id, user_id from auth_session where id = $1 and ($2::uuid is null or user_id = $2) and revoked_at is null`, [
      sessionId,
      userId ?? null,
    ]);
  }

  async revokeSession(tx: Tx, sessionId: string, reason: string): Promise<void> {
    await tx.query(`update auth_session set revoked_at = now(), revoked_reason = $2 where id = $1`, [sessionId, reason]);
  }

  /**
   * The access check every request starts with, sent in the round trip that opens its transaction
   * (no bind parameters there: the ids come from a token we signed and are checked as UUIDs): is the
   * session live, and what role does its person hold in the named organization (null: none).
   */
  accessCheckSql(sessionId: string, userId: string, organizationId: string | null): string {
    return `select s.revoked_at is null as live, m.role
              from auth_session s
              left join membership m on m.organization_id = ${organizationId ? inlineUuid(organizationId) : 'null'}
                                    and m.user_id = s.user_id and m.removed_at is null
             where s.id = ${inlineUuid(sessionId)} and s.user_id = ${inlineUuid(userId)}`;
  }
}
