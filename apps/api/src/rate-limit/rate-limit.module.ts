import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { RateLimitService } from './rate-limit.service';
import { RequestRateLimitMiddleware } from './request-rate-limit.middleware';

@Global()
@Module({ providers: [RateLimitService], exports: [RateLimitService] })
export class RateLimitModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestRateLimitMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
