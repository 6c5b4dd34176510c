import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { AuthGuard } from '@nestjs/passport';
import { can, isRole, ROLE_LABELS, type Role } from '@clearpost/authz';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import type { Actor, AppRequest } from '../common/request';
import { requestOf } from './current-actor.decorator';
import { inlineUuid } from '../database/tx';
import { ACCESS_KEY, type Access } from './access.decorator';
import { isId } from '../common/ids';

export const ORGANIZATION_HEADER = 'x-organization-id';

/**
 * The one place a caller's rights are established, for every query and mutation:
 * 1. the operation's declared access (none declared: refused);
 * 2. the access token, through passport's JWT strategy;
 * 3. the session behind the token still being live (sign-out and token reuse end it at once);
 * 4. for tenant-scoped operations, the membership and role in the organization named by the
 *    X-Organization-Id header, checked against the permission matrix.
 * Its check opens the request's transaction with that tenant and actor, in the same round trip,
 * so RLS scopes everything after.
 * The tenant never comes from an input field.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly logs: PinoLogger,
  ) {
    super();
  }

  override getRequest(context: ExecutionContext): AppRequest {
    return requestOf(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown): TUser {
    if (error || !user) {
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      throw unauthenticated(expired ? 'Your session has expired. Please sign in again.' : 'Please sign in to continue.');
    }
    return user;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!access) {
      this.logger.error(`Operation ${context.getClass().name}.${context.getHandler().name} declares no access: refused`);
      throw forbidden();
    }
    if (access.kind === 'public') return true;

    const req = this.getRequest(context);
    // Once per request, whatever the number of fields or aliases asking: the token, the session and
    // the membership are established by the first field; the others wait for that answer.
    const checks = (req.accessChecks ??= new Map<string, Promise<Actor>>());
    await this.authenticate(context, req); // who, before which organization: no token is a 401 whatever the header says
    const organization = access.kind === 'authenticated' ? null : this.organizationOf(req);
    const key = organization ?? '';
    let check = checks.get(key);
    if (!check) {
      check = this.establish(context, req, organization);
      checks.set(key, check);
    }
    const actor = await check;
    if (access.kind === 'permission') {
      const role = actor.role as Role;
      if (!can(role, access.permission)) throw forbidden(`Your role (${ROLE_LABELS[role]}) does not allow this.`);
    }
    // Fields of one request may run concurrently: a tenant actor (the header names one organization
    // for the whole request) is never replaced by the account-level actor of a field like `me`.
    if (!req.actor?.organizationId) req.actor = actor;
    this.tagLogs(actor);
    return true;
  }

  /** Every later log line of the request says who and where. */
  private tagLogs(actor: Actor): void {
    try {
      this.logs.assign({ userId: actor.userId, ...(actor.organizationId ? { organizationId: actor.organizationId } : {}) });
    } catch {
      // no logging context (a test app without pino-http)
    }
  }

  /** The organization named by the header, checked for shape (membership is checked in `establish`). */
  private organizationOf(req: AppRequest): string {
    const header = req.get(ORGANIZATION_HEADER);
    if (!header) throw badInput('X-Organization-Id', 'Choose an organization: send its id in the X-Organization-Id header.');
    if (!isId(header)) throw forbidden('You are not a member of this organization.');
    return header.toLowerCase();
  }

  /** The token (passport), the live session and, for a tenant, the membership and role. */
  private authenticate(context: ExecutionContext, req: AppRequest): Promise<{ userId: string; sessionId: string }> {
    req.authentication ??= Promise.resolve(super.canActivate(context) as Promise<boolean>).then(() => {
      if (!req.user) throw unauthenticated(); // passport sets it on success; this only narrows the type
      return req.user;
    });
    return req.authentication;
  }

  private async establish(context: ExecutionContext, req: AppRequest, organizationId: string | null): Promise<Actor> {
    const { userId, sessionId } = await this.authenticate(context, req);
    if (!isId(userId) || !isId(sessionId)) throw unauthenticated();

    // In the round trip that opens the operation's transaction (the ids come from a token we
    // signed, and are checked as UUIDs before being written into the statement).
    if (!req.tx) throw new Error('No transaction on this request (TxMiddleware not mounted?)');
    const [row] = await req.tx.openWith<{ live: boolean; role: string | null }>(
      { organizationId, userId },
      `select s.revoked_at is null as live, m.role
         from auth_session s
         left join membership m on m.organization_id = ${organizationId ? inlineUuid(organizationId) : 'null'}
                               and m.user_id = s.user_id and m.removed_at is null
        where s.id = ${inlineUuid(sessionId)} and s.user_id = ${inlineUuid(userId)}`,
    );
    if (!row?.live) throw unauthenticated('Your session has ended. Please sign in again.');
    if (organizationId === null) return { userId, sessionId, organizationId: null, role: null };
    if (!isRole(row.role)) throw forbidden('You are not a member of this organization.');
    return { userId, sessionId, organizationId, role: row.role };
  }
}
