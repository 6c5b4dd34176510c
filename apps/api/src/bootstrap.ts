import { Logger, type DynamicModule, type INestApplication, type INestApplicationContext, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { bodyErrors } from './common/http-errors';
import type { AppConfig } from './config/config';
import { refuseDeepDocuments } from './graphql/document-nesting';
import { REQUEST_LIMITS } from './graphql/limits';

/** Builds the HTTP application with its hardening; main.ts listens, tests use it in-process. */
export interface CreateAppOptions {
  /** Nest's own logger (tests); by default the app logs through pino. */
  logger?: false | LoggerService;
  /** Where pino writes (tests read it); standard output by default. */
  logStream?: DestinationStream;
  /** tests only: modules mounted beside the app */
  extraModules?: Type[];
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app_ = AppModule.forRoot(config, { logStream: options.logStream });
  const root: DynamicModule = options.extraModules?.length ? { module: class TestRootModule {}, imports: [app_, ...options.extraModules] } : app_;
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    abortOnError: false, // let the caller report start-up errors (main.ts exits with a clear message)
    bufferLogs: options.logger === undefined,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  if (options.logger === undefined) {
    app.useLogger(app.get(PinoLogger));
    app.flushLogs(); // what was logged while starting, and the end of buffering
  }
  app.set('trust proxy', config.trustProxy);
  // Every answer is private and a POST: an ETag (a hash of each body) would never be used.
  app.set('etag', false);
  app.useBodyParser('json', { limit: REQUEST_LIMITS.bodyBytes });
  app.use(bodyErrors); // 413 / 400 with a code for bodies the parser refuses
  app.use('/graphql', refuseDeepDocuments); // before graphql-js's recursive parser sees the document
  app.use(cookieParser());
  app.use(
    helmet({
      // The web app is served from this origin and loads nothing from elsewhere.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
      strictTransportSecurity: config.production,
    }),
  );
  app.enableShutdownHooks();
  return app;
}

export async function startServer(config: AppConfig): Promise<INestApplication> {
  const started = Date.now();
  const app = await createApp(config);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  const mode = config.databaseUrl ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.dataDir}`;
  new Logger('Clearpost').log(
    `Ready in ${Date.now() - started} ms at http://localhost:${config.port} (${mode}; ${config.redisUrl ? 'Redis' : 'in-process queues'})`,
  );
  return app;
}

/**
 * A process that runs jobs and serves no HTTP (`node apps/api/dist/worker.js`): as many as the
 * queues need, beside API processes started with CLEARPOST_JOBS=false. It needs the shared
 * PostgreSQL and Redis: the embedded database belongs to the one `npm start` process.
 */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.databaseUrl) {
    throw new Error('A separate worker needs DATABASE_URL (and REDIS_URL): the embedded database belongs to `npm start`, which runs the jobs itself.');
  }
  const started = Date.now();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, runJobs: true }, { http: false }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  app.enableShutdownHooks();
  await app.init();
  new Logger('Clearpost').log(`Worker ready in ${Date.now() - started} ms (${config.redisUrl ? 'jobs from Redis and the outbox' : 'jobs from the outbox'})`);
  return app;
}
