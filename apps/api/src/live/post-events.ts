import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { REDIS, REDIS_SOCKET_OPTIONS } from '../redis/redis.module';

/** Something happened to a post (its audit action): subscribers re-read what they show. */
export interface PostEvent {
  organizationId: string;
  postId: string;
  action: string;
  at: string;
}

/**
 * Post events across processes: published on a Redis channel (workers publish, API instances
 * deliver to their WebSocket subscribers), or in-process without Redis. Ids and an action only —
 * no content travels, and each subscriber reads what its reader may see.
 */
@Injectable()
export class PostEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PostEvents.name);
  private readonly local = new EventEmitter().setMaxListeners(0);
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:post-events`;
  }

  onModuleInit(): void {
    if (!this.config.redisUrl) return;
    const subscriber = new Redis(this.config.redisUrl, { ...REDIS_SOCKET_OPTIONS, lazyConnect: true, maxRetriesPerRequest: null });
    subscriber.on('error', () => undefined); // the shared client already reports Redis being away
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.local.emit('event', JSON.parse(message) as PostEvent);
      } catch {
        // not ours
      }
    });
    this.subscriber = subscriber;
    // Not awaited: the app starts while Redis is away; the subscription is sent when it connects
    // (and again after every reconnection — ioredis re-subscribes).
    subscriber.connect().catch(() => undefined);
    subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`Post events: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }

  publish(event: PostEvent): void {
    if (this.redis && this.redis.status === 'ready') {
      this.redis.publish(this.channel, JSON.stringify(event)).catch(() => this.local.emit('event', event));
    } else {
      this.local.emit('event', event);
    }
  }

  listen(fn: (event: PostEvent) => void): () => void {
    this.local.on('event', fn);
    return () => this.local.off('event', fn);
  }
}
