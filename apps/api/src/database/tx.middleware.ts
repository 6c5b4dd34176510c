import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { AppRequest } from '../common/request';
import { Db } from './db.service';

/**
 * Gives every request its transaction (opened by its first statement, usually the guard's access
 * check). GraphQL operations end it in TransactionPlugin, REST routes in TransactionInterceptor;
 * should a response close with it still open — a stream torn down, a route that threw before
 * either could run — it is rolled back here and its connection returned.
 */
@Injectable()
export class TxMiddleware implements NestMiddleware {
  constructor(private readonly db: Db) {}

  use(req: AppRequest, res: Response, next: NextFunction): void {
    const tx = this.db.create();
    req.tx = tx;
    res.once('close', () => void tx.finish(false).catch(() => undefined));
    next();
  }
}
