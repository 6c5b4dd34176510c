import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { appDataSource, migrate } from './data-source';
import { Db } from './db.service';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { TxMiddleware } from './tx.middleware';

const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');
/** How long the shutdown waits for the pool's connections to come back. */
const POOL_END_MS = 5_000;

/** Stops the pool, then the embedded server if there is one. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      // The pool's end waits for every connection to come back: one held by a request that will never
      // finish must not keep the process alive. PostgreSQL rolls back what an exiting process left open.
      let timer: NodeJS.Timeout | undefined;
      const destroying = this.dataSource.destroy().then(() => true);
      destroying.catch(() => undefined); // past the bound nobody awaits it: a late failure is not an unhandled rejection
      const closed = await Promise.race([destroying, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), POOL_END_MS)))]);
      clearTimeout(timer);
      if (!closed) new Logger('Database').warn(`Connections still in use ${POOL_END_MS / 1000} s after the pool began to close; exiting without them.`);
    }
    await this.embedded?.stop();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED_POSTGRES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.databaseUrl ? null : startEmbeddedPostgres(join(config.dataDir, 'pgdata'))),
    },
    {
      provide: DataSource,
      inject: [APP_CONFIG, EMBEDDED_POSTGRES],
      useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | null) => {
        const logger = new Logger('Database');
        const ownerUrl = config.databaseUrl ?? embedded?.url;
        if (!ownerUrl) throw new Error('No database: set DATABASE_URL or let the embedded PostgreSQL start');
        const ran = await migrate(ownerUrl);
        if (ran.length) logger.log(`Migrations applied: ${ran.join(', ')}`);
        // PGlite serves 8 sockets in all; keep one free for tools such as psql.
        const dataSource = appDataSource(config.databaseAppUrl ?? ownerUrl, embedded ? 6 : 20);
        return dataSource.initialize();
      },
    },
    DatabaseLifecycle,
    Db,
  ],
  exports: [DataSource, Db],
})
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TxMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
