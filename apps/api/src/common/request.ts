import type { Request, Response } from 'express';
import type { Role } from '@clearpost/authz';
import type DataLoader from 'dataloader';
import type { PgTx } from '../database/tx';

/** Who is calling, as established by the AccessGuard. */
export interface Actor {
  userId: string;
  sessionId: string;
  /** Set for tenant-scoped operations only. */
  organizationId: string | null;
  role: Role | null;
}

export interface AppRequest extends Request {
  /** Set by passport from a valid access token. */
  user?: { userId: string; sessionId: string };
  actor?: Actor;
  /** The request's transaction (TxMiddleware). */
  tx?: PgTx;
  /** Per-request DataLoaders (common/loaders.ts). */
  loaders?: Map<string, DataLoader<unknown, unknown>>;
  /** The AccessGuard's answers for this request, so they are established once per request, not per field. */
  authentication?: Promise<{ userId: string; sessionId: string }>;
  accessChecks?: Map<string, Promise<Actor>>;
}

export interface GqlContext {
  req: AppRequest;
  res: Response;
}

/** What audit events record about where a request came from. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null };
}
