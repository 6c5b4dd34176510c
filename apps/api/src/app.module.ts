import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { loggingModule } from './observability/logging';
import { ObservabilityModule } from './observability/observability.module';
import { ObservabilityPlugin } from './observability/observability.plugin';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { APP_CONFIG, type AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import { TransactionInterceptor } from './database/transaction.interceptor';
import { AppErrorFilter } from './graphql/app-error.filter';
import { ComplexityPlugin } from './graphql/complexity.plugin';
import { graphqlOptions } from './graphql/graphql.options';
import { TransactionPlugin } from './graphql/transaction.plugin';
import { inputValidationPipe } from './graphql/validation';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { MembersModule } from './members/members.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { PoliciesModule } from './policies/policies.module';
import { PolicyDocumentModule } from './policy-document/policy-document.module';
import { PostsModule } from './posts/posts.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { RepositoriesModule } from './repositories.module';
import { SecretsModule } from './secrets/secrets.module';
import { AccessGuard } from './tenancy/access.guard';

@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

export interface AppModuleOptions {
  /** Where pino writes (tests read it). */
  logStream?: DestinationStream;
  /** False for the worker: no GraphQL server, no web app, no HTTP plumbing — the features and their jobs only. */
  http?: boolean;
}

/** The whole API. `config` is read once by the caller (main.ts, worker.ts, tests, benchmarks). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const http = options.http ?? true;
    const webApp =
      http && existsSync(config.webDist)
        ? [
            ServeStaticModule.forRoot({
              rootPath: config.webDist,
              exclude: ['/graphql{*path}', '/health{*path}', '/metrics{*path}'],
              serveStaticOptions: { index: 'index.html', maxAge: '1h' },
            }),
          ]
        : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, options.logStream),
        DatabaseModule,
        RepositoriesModule,
        RedisModule,
        LiveModule,
        SecretsModule,
        RateLimitModule,
        ...(http ? [GraphQLModule.forRoot(graphqlOptions(config))] : []),
        AuditModule,
        AuthModule,
        OrganizationsModule,
        OutboxModule,
        MailModule,
        ClientsModule,
        MembersModule,
        AccountsModule,
        PoliciesModule,
        PolicyDocumentModule,
        PostsModule,
        HealthModule,
        ObservabilityModule,
        ...webApp,
      ],
      providers: http
        ? [
            { provide: APP_GUARD, useClass: AccessGuard },
            { provide: APP_PIPE, useFactory: inputValidationPipe },
            { provide: APP_FILTER, useClass: AppErrorFilter },
            { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
            TransactionPlugin,
            ComplexityPlugin,
            ObservabilityPlugin,
          ]
        : [],
    };
  }
}
