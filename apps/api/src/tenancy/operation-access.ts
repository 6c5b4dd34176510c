import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type Access } from './access.decorator';

// @nestjs/graphql's own metadata keys for @Query()/@Mutation() handlers.
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

export interface OperationAccess {
  /** `Query.me`, `Mutation.signUp`, … */
  operation: string;
  /** `public`, `authenticated`, a permission, or null when nothing is declared (refused at run time). */
  access: string | null;
}

function describe(access: Access | undefined): string | null {
  if (!access) return null;
  return access.kind === 'permission' ? access.permission : access.kind;
}

/**
 * Every query and mutation the running app serves, with the access it declares: the list the
 * permission tests snapshot, so a new operation cannot slip in without a reviewed declaration.
 */
export function listOperationAccess(app: INestApplication): OperationAccess[] {
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const operations: OperationAccess[] = [];
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, () => unknown>)[method];
      const type = Reflect.getMetadata(RESOLVER_TYPE, handler) as string | undefined;
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name = (Reflect.getMetadata(RESOLVER_NAME, handler) as string | undefined) ?? method;
      // The same lookup AccessGuard makes: the method's declaration, else its class's.
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [handler, prototype.constructor]);
      operations.push({ operation: `${type}.${name}`, access: describe(access) });
    }
  }
  return operations.sort((a, b) => a.operation.localeCompare(b.operation));
}
