import { Logger, type DynamicModule, type INestApplication, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { bodyErrors } from './common/http-errors';
import type { AppConfig } from './config/config';
import { refuseDeepDocuments } from './graphql/document-nesting';
import { REQUEST_LIMITS } from './graphql/limits';

/** Builds the HTTP application with its hardening; main.ts listens, tests use it in-process. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | LoggerService; /** tests only: modules mounted beside the app */ extraModules?: Type[] } = {},
): Promise<INestApplication> {
  const root: DynamicModule = options.extraModules?.length
    ? { module: class TestRootModule {}, imports: [AppModule.forRoot(config), ...options.extraModules] }
    : AppModule.forRoot(config);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    abortOnError: false, // let the caller report start-up errors (main.ts exits with a clear message)
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.set('trust proxy', config.trustProxy);
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
