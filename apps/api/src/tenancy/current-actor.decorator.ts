import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Role } from '@clearpost/authz';
import type { Actor, AppRequest, GqlContext } from '../common/request';

/** The request behind a GraphQL resolver or a REST handler. */
export function requestOf(context: ExecutionContext): AppRequest {
  return context.getType<GqlContextType>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<GqlContext>().req
    : context.switchToHttp().getRequest<AppRequest>();
}

/** The caller of a tenant-scoped operation: organization and role are known. */
export type TenantActor = Actor & { organizationId: string; role: Role };

/** The caller, as the AccessGuard established it. Throws if used on a public operation. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new Error('CurrentActor used on an operation that is not authenticated');
  return actor;
});

/** The caller's organization; only on operations declared with @RequirePermission. */
export const CurrentOrganizationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const organizationId = requestOf(context).actor?.organizationId;
  if (!organizationId) throw new Error('CurrentOrganizationId used on an operation that is not tenant-scoped');
  return organizationId;
});

/** The caller of an operation declared with @RequirePermission, with their organization and role. */
export const CurrentMember = createParamDecorator((_data: unknown, context: ExecutionContext): TenantActor => {
  const actor = requestOf(context).actor;
  if (!actor?.organizationId || !actor.role) throw new Error('CurrentMember used on an operation that is not tenant-scoped');
  return actor as TenantActor;
});
