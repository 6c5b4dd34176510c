import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { can, isRole, ROLE_LABELS } from '@clearpost/authz';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import type { AppRequest, GqlContext } from '../common/request';
import { Db } from '../database/db.service';
import { ACCESS_KEY, type Access } from './access.decorator';

export const ORGANIZATION_HEADER = 'x-organization-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place a caller's rights are established, for every query and mutation:
 * 1. the operation's declared access (none declared: refused);
 * 2. the access token, through passport's JWT strategy;
 * 3. the session behind the token still being live (sign-out and token reuse end it at once);
 * 4. for tenant-scoped operations, the membership and role in the organization named by the
 *    X-Organization-Id header, checked against the permission matrix.
 * It opens the operation's transaction with that tenant and actor, so RLS scopes everything after.
 * The tenant never comes from an input field.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly db: Db,
  ) {
    super();
  }

  override getRequest(context: ExecutionContext): AppRequest {
    return context.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<GqlContext>().req
      : context.switchToHttp().getRequest<AppRequest>();
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

    await super.canActivate(context); // passport: sets req.user or throws UNAUTHENTICATED
    const req = this.getRequest(context);
    if (!req.user) throw unauthenticated(); // passport sets it on success; this only narrows the type
    const { userId, sessionId } = req.user;

    if (access.kind === 'authenticated') {
      const manager = await this.db.begin({ organizationId: null, userId });
      const [session] = await manager.query(
        `select 1 from auth_session where id = $1 and user_id = $2 and revoked_at is null`,
        [sessionId, userId],
      );
      if (!session) throw unauthenticated('Your session has ended. Please sign in again.');
      req.actor = { userId, sessionId, organizationId: null, role: null };
      return true;
    }

    const header = req.get(ORGANIZATION_HEADER);
    if (!header) throw badInput('X-Organization-Id', 'Choose an organization: send its id in the X-Organization-Id header.');
    if (!UUID.test(header)) throw forbidden('You are not a member of this organization.');
    const organizationId = header.toLowerCase();

    const manager = await this.db.begin({ organizationId, userId });
    const [row] = (await manager.query(
      `select s.revoked_at is null as live, m.role
         from auth_session s
         left join membership m on m.organization_id = $3 and m.user_id = s.user_id and m.removed_at is null
        where s.id = $1 and s.user_id = $2`,
      [sessionId, userId, organizationId],
    )) as Array<{ live: boolean; role: string | null }>;
    if (!row?.live) throw unauthenticated('Your session has ended. Please sign in again.');
    if (!isRole(row.role)) throw forbidden('You are not a member of this organization.');
    if (!can(row.role, access.permission)) {
      throw forbidden(`Your role (${ROLE_LABELS[row.role]}) does not allow this.`);
    }
    req.actor = { userId, sessionId, organizationId, role: row.role };
    return true;
  }
}
