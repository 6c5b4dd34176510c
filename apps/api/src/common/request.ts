import type { Request, Response } from 'express';
import type { Role } from '@clearpost/authz';

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
