import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@clearpost/authz';

export const ACCESS_KEY = 'clearpost:access';

/**
 * What an operation requires. Every query and mutation declares exactly one; an operation
 * without a declaration is refused (default deny).
 */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

/** Anyone, signed in or not (sign-up, sign-in, refresh). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);
/** Any signed-in person; no organization involved. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies Access);
/** A member of the organization named by X-Organization-Id whose role holds `permission`. */
export const RequirePermission = (permission: Permission) => SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies Access);
