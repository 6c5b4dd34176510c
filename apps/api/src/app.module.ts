import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
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
import { MailModule } from './mail/mail.module';
import { MembersModule } from './members/members.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { PoliciesModule } from './policies/policies.module';
import { PolicyDocumentModule } from './policy-document/policy-document.module';
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

/** The whole API. `config` is read once by the caller (main.ts, tests, benchmarks). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const webApp = existsSync(config.webDist)
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.webDist,
            exclude: ['/graphql{*path}', '/health{*path}'],
            serveStaticOptions: { index: 'index.html', maxAge: '1h' },
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RepositoriesModule,
        RedisModule,
        SecretsModule,
        RateLimitModule,
        GraphQLModule.forRoot(graphqlOptions(config)),
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
        HealthModule,
        ...webApp,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
        TransactionPlugin,
        ComplexityPlugin,
      ],
    };
  }
}
