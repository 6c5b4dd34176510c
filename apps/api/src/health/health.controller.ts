import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { MIGRATIONS } from '../database/migrations';
import { REDIS } from '../redis/redis.module';
import { Public } from '../tenancy/access.decorator';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())]);
}

const okOrDown = (check: Promise<unknown>) =>
  withTimeout(check).then(
    () => 'ok',
    () => 'down',
  );

/**
 * `GET /health`: 200 when the database and the queue answer, 503 naming what does not.
 * `GET /health/live`: the process answers (for a liveness probe: restart only what is stuck).
 * `GET /health/ready`: the database answers with every migration applied, and Redis when it is
 * configured (for a readiness probe: send traffic only when all of it is there).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async health(@Res() res: Response): Promise<void> {
    const [database, queue] = await Promise.all([
      okOrDown(this.db.ping()),
      // Embedded mode dispatches work in-process from the database: the queue is up when the process is.
      this.redis ? okOrDown(this.redis.ping()) : Promise.resolve('ok'),
    ]);
    const ok = database === 'ok' && queue === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'down', database, queue });
  }

  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(@Res() res: Response): Promise<void> {
    const [migrations, redis] = await Promise.all([
      withTimeout(this.db.appliedMigrations()).then(
        (applied) => (applied >= MIGRATIONS.length ? 'ok' : 'pending'),
        () => 'down',
      ),
      this.config.redisUrl ? okOrDown(this.redis?.ping() ?? Promise.reject(new Error('no client'))) : Promise.resolve('not configured'),
    ]);
    const database = migrations === 'down' ? 'down' : 'ok';
    const ready = database === 'ok' && migrations === 'ok' && redis !== 'down';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database, migrations, redis });
  }
}
