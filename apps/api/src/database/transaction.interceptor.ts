import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AppRequest } from '../common/request';

/**
 * Ends a REST route's transaction: commit when the handler returns, roll back when it throws —
 * before the response is written, so a route never reports a change that did not commit.
 * (GraphQL operations span several resolvers: TransactionPlugin ends theirs.)
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const tx = context.switchToHttp().getRequest<AppRequest>().tx;
    if (!tx) return next.handle();
    return from(
      (async () => {
        let result: unknown;
        try {
          result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          await tx.finish(false).catch(() => undefined);
          throw error;
        }
        await tx.finish(true);
        return result;
      })(),
    );
  }
}
