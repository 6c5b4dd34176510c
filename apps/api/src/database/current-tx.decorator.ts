import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '../tenancy/current-actor.decorator';
import type { Tx } from './tx';

/** The operation's transaction (GraphQL) or the route's (REST): the one a service receives. */
export const CurrentTx = createParamDecorator((_data: unknown, context: ExecutionContext): Tx => {
  const req = requestOf(context);
  if (!req.tx) throw new Error('No transaction on this request (TxMiddleware not mounted?)');
  return req.tx;
});
