import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { AppRequest, GqlContext } from '../common/request';
import type { Tx } from './tx';

/** The operation's transaction (GraphQL) or the route's (REST): the one a service receives. */
export const CurrentTx = createParamDecorator((_data: unknown, context: ExecutionContext): Tx => {
  const req =
    context.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<GqlContext>().req
      : context.switchToHttp().getRequest<AppRequest>();
  if (!req.tx) throw new Error('No transaction on this request (TxMiddleware not mounted?)');
  return req.tx;
});
