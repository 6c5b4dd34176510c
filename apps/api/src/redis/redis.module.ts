import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** The shared Redis connection, or null in embedded mode (in-process counters and queues instead). */
export const REDIS = Symbol('REDIS');

/**
 * ioredis arms a timer of `disconnectTimeout` (2 s by default) on every disconnect and clears it
 * on the socket's "close" event — which, for a socket that never connected (Redis down), has
 * already fired: the timer then holds the process open for 2 s after shutdown. Keep it short.
 */
export const REDIS_SOCKET_OPTIONS = { disconnectTimeout: 100 } as const;

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (!config.redisUrl) return null;
        const logger = new Logger('Redis');
        // Fail fast while Redis is away (no offline queue): callers fall back (rate limits to
        // in-memory counters) and /health reports the outage; ioredis keeps reconnecting meanwhile.
        const redis = new Redis(config.redisUrl, { ...REDIS_SOCKET_OPTIONS, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
        let lastError = '';
        redis.on('error', (error: Error) => {
          if (error.message !== lastError) logger.warn(`Redis unavailable: ${error.message}`);
          lastError = error.message;
        });
        redis.on('ready', () => (lastError = ''));
        await redis.connect().catch(() => undefined); // start even when Redis is down
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
