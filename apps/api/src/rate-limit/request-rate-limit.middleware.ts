import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { verify } from 'jsonwebtoken';
import { PinoLogger } from 'nestjs-pino';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessTokenClaims } from '../auth/tokens';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RateLimitService, type Limit } from './rate-limit.service';
import { sendGraphqlError } from '../common/http-errors';
import { isId } from '../common/ids';

/**
 * Requests to /graphql per signed-in person and per IP address (Redis-backed counters shared by
 * every instance; in memory without Redis). Over the limit: HTTP 429, `Retry-After`, and a
 * GraphQL-shaped error with code TOO_MANY_REQUESTS and `retryAfter` in seconds. It runs before
 * GraphQL parses anything, so a flood costs a counter increment per request.
 */
@Injectable()
export class RequestRateLimitMiddleware implements NestMiddleware {
  private readonly logger = new Logger('RequestRateLimit');
  private readonly perUser: Limit;
  private readonly perIp: Limit;
  private readonly key: KeyObject;

  constructor(
    private readonly rateLimit: RateLimitService,
    private readonly logs: PinoLogger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { perUser, perIp, windowSeconds } = config.requestLimits;
    this.perUser = { points: perUser, durationSeconds: windowSeconds };
    this.perIp = { points: perIp, durationSeconds: windowSeconds };
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const userId = this.userOf(req);
    this.tagLogs(userId, req.get('x-organization-id'));
    // Both counters at once: one Redis round trip of latency, not two.
    const [byIp, byUser] = await Promise.all([
      this.rateLimit.tryConsume('request-ip', this.perIp, req.ip ?? 'unknown'),
      userId ? this.rateLimit.tryConsume('request-user', this.perUser, userId) : null,
    ]);
    const refused = byIp ?? byUser;
    if (refused === null) return next();
    const retryAfter = Math.max(1, Math.ceil(refused));
    this.logger.warn(`429 for ${userId ? `user ${userId}` : `ip ${req.ip}`}: retry after ${retryAfter} s`);
    res.setHeader('Retry-After', String(retryAfter));
    sendGraphqlError(res, 429, 'TOO_MANY_REQUESTS', `Too many requests. Please wait ${retryAfter} second(s) and try again.`, { retryAfter });
  }

  /**
   * Every log line of the request names who asks (a verified token) and the organization asked
   * for — already for requests refused before the guard has checked the membership.
   */
  private tagLogs(userId: string | null, organizationId: string | undefined): void {
    try {
      this.logs.assign({
        ...(userId ? { userId } : {}),
        ...(organizationId && isId(organizationId) ? { organizationId: organizationId.toLowerCase() } : {}),
      });
    } catch {
      // no logging context (a test app without pino-http)
    }
  }

  /** The person a valid access token names; forged or expired tokens count as anonymous (the guard refuses them). */
  private userOf(req: Request): string | null {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return null;
    try {
      const claims = verify(token, this.key, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE }) as AccessTokenClaims;
      return typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
