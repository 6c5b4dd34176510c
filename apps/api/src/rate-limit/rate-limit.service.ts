import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { tooManyRequests } from '../common/errors';
import { REDIS } from '../redis/redis.module';

export interface Limit {
  points: number;
  durationSeconds: number;
}

/**
 * Named counters shared by every API instance through Redis (in memory in embedded mode).
 * A limiter counts what the caller tells it to count: failed sign-ins, sign-ups, checks.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private limiter(name: string, limit: Limit): RateLimiterAbstract {
    const key = `${name}:${limit.points}:${limit.durationSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      const options = { keyPrefix: `${this.config.redisPrefix}:rl:${name}`, points: limit.points, duration: limit.durationSeconds };
      limiter = this.redis
        ? // While Redis is unreachable, count in this process rather than let everyone in or no one.
          new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Throws TOO_MANY_REQUESTS when `key` has used up `limit`, without counting this call. */
  async assertNotExhausted(name: string, limit: Limit, key: string): Promise<void> {
    const state = await this.limiter(name, limit).get(key);
    if (state && state.consumedPoints >= limit.points) throw tooManyRequests(state.msBeforeNext / 1000);
  }

  /** Counts one use of `key`; throws TOO_MANY_REQUESTS when that was one too many. */
  async consume(name: string, limit: Limit, key: string): Promise<void> {
    try {
      await this.limiter(name, limit).consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooManyRequests(error.msBeforeNext / 1000);
      throw error;
    }
  }

  /** Counts one use of `key`: null when allowed, otherwise the seconds to wait. */
  async tryConsume(name: string, limit: Limit, key: string): Promise<number | null> {
    try {
      await this.limiter(name, limit).consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.msBeforeNext / 1000;
      throw error;
    }
  }

  /** Counts one use without refusing it (a failure to be held against later attempts). */
  async penalize(name: string, limit: Limit, key: string): Promise<void> {
    await this.limiter(name, limit).penalty(key, 1);
  }

  async reset(name: string, limit: Limit, key: string): Promise<void> {
    await this.limiter(name, limit).delete(key);
  }
}
