import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@clearpost/authz';
import type { Actor, GqlContext } from '../common/request';

/** The caller of a tenant-scoped operation: organization and role are known. */
export type TenantActor = Actor & { organizationId: string; role: Role };

/** The caller, as the AccessGuard established it. Throws if used on a public operation. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = GqlExecutionContext.create(context).getContext<GqlContext>().req.actor;
  if (!actor) throw new Error('CurrentActor used on an operation that is not authenticated');
  return actor;
});

/** The caller's organization; only on operations declared with @RequirePermission. */
export const CurrentOrganizationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const organizationId = GqlExecutionContext.create(context).getContext<GqlContext>().req.actor?.organizationId;
  if (!organizationId) throw new Error('CurrentOrganizationId used on an operation that is not tenant-scoped');
  return organizationId;
});

/** The caller of an operation declared with @RequirePermission, with their organization and role. */
export const CurrentMember = createParamDecorator((_data: unknown, context: ExecutionContext): TenantActor => {
  const actor = GqlExecutionContext.create(context).getContext<GqlContext>().req.actor;
  if (!actor?.organizationId || !actor.role) throw new Error('CurrentMember used on an operation that is not tenant-scoped');
  return actor as TenantActor;
});
