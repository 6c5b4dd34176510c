import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import type { AppConfig } from '../config/config';
import { formatError } from './format-error';

export const MAX_DEPTH = 10;

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true, // built in memory; `npm run schema` writes the committed schema.graphql
    sortSchema: true,
    playground: false,
    introspection: !config.production,
    plugins: config.production ? [ApolloServerPluginLandingPageDisabled()] : [],
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_DEPTH)],
    formatError,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
