import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { conflict, unauthenticated } from '../common/errors';
import type { ClientInfo } from '../common/request';
import { Db } from '../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import type { LogInInput, SignUpInput, User } from './auth.models';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { ACCESS_TOKEN_AUDIENCE, newRefreshToken, parseRefreshToken, secretMatches, TOKEN_ISSUER, type AccessTokenClaims } from './tokens';

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: User;
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';
const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * Sign-up, sign-in, refresh-token rotation with reuse detection, sign-out.
 *
 * Sign-in and refresh run in transactions of their own (Db.isolated) rather than the operation's,
 * because what they record must commit even when the answer is an error (a failed sign-in, a
 * replayed token), and so that no transaction stays open while a password is being hashed.
 */
@Injectable()
export class AuthService {
  private readonly signInPerEmail: Limit;
  private readonly signInPerIp: Limit;
  private readonly signUpPerIp: Limit;

  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly rateLimit: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { perEmail, perIp, windowSeconds } = config.signInLimits;
    this.signInPerEmail = { points: perEmail, durationSeconds: windowSeconds };
    this.signInPerIp = { points: perIp, durationSeconds: windowSeconds };
    this.signUpPerIp = { points: perIp, durationSeconds: windowSeconds };
  }

  async signUp(input: SignUpInput, client: ClientInfo): Promise<IssuedSession> {
    await this.rateLimit.consume('sign-up-ip', this.signUpPerIp, client.ip ?? 'unknown');
    const passwordHash = await hashPassword(input.password);
    const userId = randomUUID();
    const manager = await this.db.begin({ organizationId: null, userId });
    const [existing] = await manager.query(`select 1 from app_user where lower(email) = $1`, [input.email]);
    if (existing) throw conflict('An account with this email already exists. Sign in instead.', { field: 'email' });
    await this.insertUser(manager, { id: userId, email: input.email, name: input.name, passwordHash });
    const organization = await this.organizations.create(userId, input.organizationName);
    const session = await this.openSession(manager, userId, client);
    await this.audit.record(manager, organization.id, { action: 'auth.signed_in', actorUserId: userId, data: { ...client, via: 'sign_up' } });
    return { ...session, user: await this.loadUser(userId) };
  }

  async logIn(input: LogInInput, client: ClientInfo): Promise<IssuedSession> {
    const ip = client.ip ?? 'unknown';
    // The same answer whether or not the email exists, including when the limit is reached.
    await this.rateLimit.assertNotExhausted('sign-in-ip', this.signInPerIp, ip);
    await this.rateLimit.assertNotExhausted('sign-in-email', this.signInPerEmail, input.email);

    const user = await this.db.isolated({ organizationId: null, userId: null }, async (manager) => {
      const [row] = (await manager.query(`select id, password_hash from app_user where lower(email) = $1`, [input.email])) as Array<{
        id: string;
        password_hash: string;
      }>;
      return row ?? null;
    });
    const valid = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDecoy(input.password);

    if (!user || !valid) {
      await this.rateLimit.penalize('sign-in-ip', this.signInPerIp, ip);
      await this.rateLimit.penalize('sign-in-email', this.signInPerEmail, input.email);
      if (user) {
        await this.db.isolated({ organizationId: null, userId: user.id }, (manager) =>
          this.audit.recordForUser(manager, user.id, {
            action: 'auth.sign_in_failed',
            actorUserId: user.id,
            data: { ...client, reason: 'wrong_password' },
          }),
        );
      }
      throw unauthenticated(WRONG_CREDENTIALS);
    }

    await this.rateLimit.reset('sign-in-email', this.signInPerEmail, input.email);
    const session = await this.db.isolated({ organizationId: null, userId: user.id }, async (manager) => {
      const issued = await this.openSession(manager, user.id, client);
      await this.audit.recordForUser(manager, user.id, { action: 'auth.signed_in', actorUserId: user.id, data: { ...client, via: 'password' } });
      return issued;
    });
    return { ...session, user: await this.loadUser(user.id) };
  }

  /**
   * Exchanges a refresh token for a new one and a new access token. A token that was already
   * exchanged means it was copied: the whole session (every token descended from the same
   * sign-in) is revoked at once and the event recorded.
   */
  async refresh(cookie: string | undefined, client: ClientInfo): Promise<IssuedSession> {
    const presented = parseRefreshToken(cookie);
    if (!presented) throw unauthenticated(SESSION_ENDED);

    const outcome = await this.db.isolated({ organizationId: null, userId: null }, async (manager) => {
      const [token] = (await manager.query(
        `select t.token_hash, t.expires_at, s.id as session_id, s.user_id, s.revoked_at
           from refresh_token t join auth_session s on s.id = t.session_id
          where t.id = $1
          for update of s`,
        [presented.id],
      )) as Array<{ token_hash: string; expires_at: Date; session_id: string; user_id: string; revoked_at: Date | null }>;
      if (!token || !secretMatches(presented.secret, token.token_hash)) return { kind: 'invalid' as const };
      if (token.revoked_at || token.expires_at.getTime() <= Date.now()) return { kind: 'invalid' as const };

      // Atomic: of two requests presenting the same token, exactly one gets here first.
      const [, claimed] = (await manager.query(`update refresh_token set used_at = now() where id = $1 and used_at is null`, [
        presented.id,
      ])) as [unknown, number];
      if (claimed === 0) {
        await manager.query(`update auth_session set revoked_at = now(), revoked_reason = 'refresh_token_reuse' where id = $1`, [
          token.session_id,
        ]);
        await this.audit.recordForUser(manager, token.user_id, {
          action: 'auth.refresh_reuse_detected',
          actorUserId: token.user_id,
          targetType: 'session',
          targetId: token.session_id,
          data: { ...client },
        });
        return { kind: 'reused' as const };
      }
      return { kind: 'rotated' as const, userId: token.user_id, ...(await this.issueTokens(manager, token.user_id, token.session_id)) };
    });

    if (outcome.kind === 'invalid') throw unauthenticated(SESSION_ENDED);
    if (outcome.kind === 'reused') {
      throw unauthenticated('For your security this session was ended: an old sign-in token was used again. Please sign in again.');
    }
    const { userId, ...tokens } = outcome;
    return { ...tokens, user: await this.loadUser(userId) };
  }

  /** Ends the session the refresh cookie (or else the access token) belongs to. Idempotent. */
  async logOut(cookie: string | undefined, bearerSessionId: string | null, client: ClientInfo): Promise<void> {
    const presented = parseRefreshToken(cookie);
    await this.db.isolated({ organizationId: null, userId: null }, async (manager) => {
      let session: { id: string; user_id: string } | undefined;
      if (presented) {
        const [row] = (await manager.query(
          `select s.id, s.user_id, t.token_hash from refresh_token t join auth_session s on s.id = t.session_id
            where t.id = $1 and s.revoked_at is null`,
          [presented.id],
        )) as Array<{ id: string; user_id: string; token_hash: string }>;
        if (row && secretMatches(presented.secret, row.token_hash)) session = row;
      }
      if (!session && bearerSessionId) {
        [session] = (await manager.query(`select id, user_id from auth_session where id = $1 and revoked_at is null`, [
          bearerSessionId,
        ])) as Array<{ id: string; user_id: string }>;
      }
      if (!session) return;
      await manager.query(`update auth_session set revoked_at = now(), revoked_reason = 'sign_out' where id = $1`, [session.id]);
      await this.audit.recordForUser(manager, session.user_id, {
        action: 'auth.signed_out',
        actorUserId: session.user_id,
        targetType: 'session',
        targetId: session.id,
        data: { ...client },
      });
    });
  }

  async loadUser(userId: string): Promise<User> {
    await this.db.begin({ organizationId: this.db.scope?.organizationId ?? null, userId });
    const person = await this.organizations.personWithMemberships(userId);
    if (!person) throw unauthenticated(SESSION_ENDED);
    return { ...person, role: null, permissions: [] };
  }

  /** Adds a person; the caller has checked the email is free (the unique index makes sure). */
  async insertUser(manager: EntityManager, user: { id: string; email: string; name: string; passwordHash: string }): Promise<void> {
    await manager.query(`insert into app_user (id, email, name, password_hash) values ($1, $2, $3, $4)`, [
      user.id,
      user.email,
      user.name,
      user.passwordHash,
    ]);
  }

  /**
   * The live session behind a bearer token, for public operations that do something more when the
   * caller happens to be signed in (accepting an invitation). `ignoreExpiration` for sign-out only.
   */
  async sessionFromBearer(authorization: string | undefined, ignoreExpiration = false): Promise<{ userId: string; sessionId: string } | null> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return null;
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        secret: this.config.jwtSecret,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        ignoreExpiration,
      });
    } catch {
      return null;
    }
    if (ignoreExpiration) return { userId: claims.sub, sessionId: claims.sid };
    const manager = await this.db.begin({ organizationId: this.db.scope?.organizationId ?? null, userId: claims.sub });
    const [live] = await manager.query(`select 1 from auth_session where id = $1 and user_id = $2 and revoked_at is null`, [claims.sid, claims.sub]);
    return live ? { userId: claims.sub, sessionId: claims.sid } : null;
  }

  /** Opens a session for a person who just joined by invitation. */
  async openSession(manager: EntityManager, userId: string, client: ClientInfo) {
    const sessionId = randomUUID();
    await manager.query(`insert into auth_session (id, user_id, ip, user_agent) values ($1, $2, $3, $4)`, [
      sessionId,
      userId,
      client.ip,
      client.userAgent,
    ]);
    return this.issueTokens(manager, userId, sessionId);
  }

  private async issueTokens(manager: EntityManager, userId: string, sessionId: string) {
    const refresh = newRefreshToken();
    await manager.query(
      `insert into refresh_token (id, session_id, token_hash, expires_at) values ($1, $2, $3, now() + make_interval(secs => $4))`,
      [refresh.id, sessionId, refresh.hash, this.config.refreshTokenTtlSeconds],
    );
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.jwtSecret,
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, refreshToken: refresh.value };
  }
}
