import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Db } from '../database/db.service';
import { REDIS } from '../redis/redis.module';
import { Public } from '../tenancy/access.decorator';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

/** `GET /health`: 200 when the database and the queue answer, 503 naming what does not. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Get()
  @Public()
  async health(@Res() res: Response): Promise<void> {
    const [database, queue] = await Promise.all([
      withTimeout(this.db.ping()).then(
        () => 'ok',
        () => 'down',
      ),
      // Embedded mode dispatches work in-process from the database: the queue is up when the process is.
      this.redis
        ? withTimeout(this.redis.ping()).then(
            () => 'ok',
            () => 'down',
          )
        : Promise.resolve('ok'),
    ]);
    const ok = database === 'ok' && queue === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'down', database, queue });
  }
}
