import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { permissionsOf as permissionsOfRole, type Locale } from '@clearpost/authz';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { conflict, unauthenticated } from '../common/errors';
import type { ClientInfo } from '../common/request';
import { Db } from '../database/db.service';
import { isUniqueViolation } from '../database/errors';
import type { Tx } from '../database/tx';
import { MembersRepository } from '../members/members.repository';
import { Metrics } from '../observability/metrics';
import { OrganizationsService } from '../organizations/organizations.service';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import type { LogInInput, SignUpInput, User } from './auth.models';
import { AuthRepository } from './auth.repository';
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
const NOBODY = { organizationId: null, userId: null };

/**
 * Sign-up, sign-in, refresh-token rotation with reuse detection, sign-out.
 *
 * Sign-in and refresh run in transactions of their own (Db.run) rather than the request's,
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
    private readonly people: AuthRepository,
    private readonly members: MembersRepository,
    private readonly rateLimit: RateLimitService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { perEmail, perIp, windowSeconds } = config.signInLimits;
    this.signInPerEmail = { points: perEmail, durationSeconds: windowSeconds };
    this.signInPerIp = { points: perIp, durationSeconds: windowSeconds };
    this.signUpPerIp = { points: perIp, durationSeconds: windowSeconds };
  }

  async signUp(tx: Tx, input: SignUpInput, client: ClientInfo, browserLocale: Locale | null = null): Promise<IssuedSession> {
    await this.rateLimit.consume('sign-up-ip', this.signUpPerIp, client.ip ?? 'unknown');
    const passwordHash = await hashPassword(input.password);
    const userId = randomUUID();
    await tx.rescope({ userId });
    if (await this.people.userByEmail(tx, input.email)) throw conflict('An account with this email already exists. Sign in instead.', { field: 'email' });
    await this.insertUser(tx, { id: userId, email: input.email, name: input.name, passwordHash, locale: input.locale ?? browserLocale });
    const organization = await this.organizations.create(tx, userId, input.organizationName);
    const session = await this.openSession(tx, userId, client);
    await this.audit.record(tx, organization.id, { action: 'auth.signed_in', actorUserId: userId, data: { ...client, via: 'sign_up' } });
    return { ...session, user: await this.loadUser(tx, userId) };
  }

  async logIn(tx: Tx, input: LogInInput, client: ClientInfo): Promise<IssuedSession> {
    const ip = client.ip ?? 'unknown';
    // The same answer whether or not the email exists, including when the limit is reached.
    await this.rateLimit.assertNotExhausted('sign-in-ip', this.signInPerIp, ip);
    await this.rateLimit.assertNotExhausted('sign-in-email', this.signInPerEmail, input.email);

    const user = await this.db.run(NOBODY, (own) => this.people.userByEmail(own, input.email));
    const valid = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDecoy(input.password);

    if (!user || !valid) {
      this.metrics.signInFailures.inc();
      await this.rateLimit.penalize('sign-in-ip', this.signInPerIp, ip);
      await this.rateLimit.penalize('sign-in-email', this.signInPerEmail, input.email);
      if (user) {
        await this.db.run({ organizationId: null, userId: user.id }, (own) =>
          this.recordForUser(own, user.id, { action: 'auth.sign_in_failed', actorUserId: user.id, data: { ...client, reason: 'wrong_password' } }),
        );
      }
      throw unauthenticated(WRONG_CREDENTIALS);
    }

    await this.rateLimit.reset('sign-in-email', this.signInPerEmail, input.email);
    const session = await this.db.run({ organizationId: null, userId: user.id }, async (own) => {
      const issued = await this.openSession(own, user.id, client);
      await this.recordForUser(own, user.id, { action: 'auth.signed_in', actorUserId: user.id, data: { ...client, via: 'password' } });
      return issued;
    });
    await tx.rescope({ userId: user.id });
    return { ...session, user: await this.loadUser(tx, user.id) };
  }

  /**
   * Exchanges a refresh token for a new one and a new access token. A token that was already
   * exchanged means it was copied: the whole session (every token descended from the same
   * sign-in) is revoked at once and the event recorded.
   */
  async refresh(tx: Tx, cookie: string | undefined, client: ClientInfo): Promise<IssuedSession> {
    const presented = parseRefreshToken(cookie);
    if (!presented) throw unauthenticated(SESSION_ENDED);

    const outcome = await this.db.run(NOBODY, async (own) => {
      const token = await this.people.lockRefreshToken(own, presented.id);
      if (!token || !secretMatches(presented.secret, token.token_hash)) return { kind: 'invalid' as const };
      if (token.revoked_at || token.expires_at.getTime() <= Date.now()) return { kind: 'invalid' as const };

      // Atomic: of two requests presenting the same token, exactly one gets here first.
      if (!(await this.people.useRefreshToken(own, presented.id))) {
        await this.people.revokeSession(own, token.session_id, 'refresh_token_reuse');
        await this.recordForUser(own, token.user_id, {
          action: 'auth.refresh_reuse_detected',
          actorUserId: token.user_id,
          targetType: 'session',
          targetId: token.session_id,
          data: { ...client },
        });
        return { kind: 'reused' as const };
      }
      return { kind: 'rotated' as const, userId: token.user_id, ...(await this.issueTokens(own, token.user_id, token.session_id)) };
    });

    if (outcome.kind === 'invalid') throw unauthenticated(SESSION_ENDED);
    if (outcome.kind === 'reused') {
      throw unauthenticated('For your security this session was ended: an old sign-in token was used again. Please sign in again.');
    }
    const { userId, ...tokens } = outcome;
    await tx.rescope({ userId });
    return { ...tokens, user: await this.loadUser(tx, userId) };
  }

  /** Ends the session the refresh cookie (or else the access token) belongs to. Idempotent. */
  async logOut(cookie: string | undefined, bearerSessionId: string | null, client: ClientInfo): Promise<void> {
    const presented = parseRefreshToken(cookie);
    await this.db.run(NOBODY, async (own) => {
      let session: { id: string; user_id: string } | null = null;
      if (presented) {
        const row = await this.people.liveSessionOfToken(own, presented.id);
        if (row && secretMatches(presented.secret, row.token_hash)) session = row;
      }
      if (!session && bearerSessionId) session = await this.people.liveSession(own, bearerSessionId);
      if (!session) return;
      await this.people.revokeSession(own, session.id, 'sign_out');
      await this.recordForUser(own, session.user_id, {
        action: 'auth.signed_out',
        actorUserId: session.user_id,
        targetType: 'session',
        targetId: session.id,
        data: { ...client },
      });
    });
  }

  /** The person and their memberships, in `tx` (which must act for them: RLS shows a person their own memberships). */
  async loadUser(tx: Tx, userId: string): Promise<User> {
    const person = await this.members.personWithMemberships(tx, userId);
    if (!person) throw unauthenticated(SESSION_ENDED);
    return {
      id: person.id,
      email: person.email,
      name: person.name,
      locale: person.locale,
      memberships: person.memberships.map((m) => ({
        role: m.role,
        joinedAt: new Date(m.joinedAt),
        clientIds: m.clientIds,
        permissions: permissionsOfRole(m.role),
        organization: { id: m.id, name: m.name, createdAt: new Date(m.createdAt) },
      })),
      role: null,
      permissions: [],
    };
  }

  /** Adds a person; a second sign-up with the same email at the same instant meets the unique index. */
  async insertUser(tx: Tx, user: { id: string; email: string; name: string; passwordHash: string; locale: Locale | null }): Promise<void> {
    try {
      await this.people.insertUser(tx, user);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists. Sign in instead.', { field: 'email' });
      throw error;
    }
  }

  async userExists(tx: Tx, email: string): Promise<boolean> {
    return !!(await this.people.userByEmail(tx, email));
  }

  async emailOf(tx: Tx, userId: string): Promise<string | null> {
    return (await this.people.emailOf(tx, userId))?.email ?? null;
  }

  /**
   * The live session behind a bearer token, for public operations that do something more when the
   * caller happens to be signed in (accepting an invitation). `ignoreExpiration` for sign-out only.
   */
  async sessionFromBearer(tx: Tx, authorization: string | undefined, ignoreExpiration = false): Promise<{ userId: string; sessionId: string } | null> {
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
    await tx.rescope({ userId: claims.sub });
    return (await this.people.liveSession(tx, claims.sid, claims.sub)) ? { userId: claims.sub, sessionId: claims.sid } : null;
  }

  /** Opens a session for a person who just signed in or joined by invitation. */
  async openSession(tx: Tx, userId: string, client: ClientInfo) {
    const sessionId = randomUUID();
    await this.people.insertSession(tx, { id: sessionId, userId, ip: client.ip, userAgent: client.userAgent });
    return this.issueTokens(tx, userId, sessionId);
  }

  /** Saves a person's language; the change is recorded in each organization they belong to. */
  async setLocale(tx: Tx, userId: string, locale: Locale): Promise<void> {
    if (!(await this.people.setLocale(tx, userId, locale))) return;
    await this.recordForUser(tx, userId, { action: 'user.locale_changed', actorUserId: userId, targetType: 'user', targetId: userId, data: { locale } });
  }

  /** One event in each organization the person belongs to. */
  private async recordForUser(tx: Tx, userId: string, entry: Parameters<AuditService['record']>[2]): Promise<void> {
    await tx.rescope({ organizationId: null, userId }); // RLS shows a person their own memberships
    await this.audit.recordForUser(tx, userId, await this.members.organizationIdsOf(tx, userId), entry);
  }

  private async issueTokens(tx: Tx, userId: string, sessionId: string) {
    const refresh = newRefreshToken();
    await this.people.insertRefreshToken(tx, { id: refresh.id, sessionId, hash: refresh.hash, ttlSeconds: this.config.refreshTokenTtlSeconds });
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
