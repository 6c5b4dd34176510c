import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** The shared Redis connection, or null in embedded mode (in-process counters and queues instead). */
export const REDIS = Symbol('REDIS');

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
        // maxRetriesPerRequest: null is what BullMQ requires; commands wait for a reconnect
        // instead of failing, and /health reports the outage meanwhile.
        const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
        redis.on('error', (error) => logger.warn(`Redis: ${error.message}`));
        await redis.connect();
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
