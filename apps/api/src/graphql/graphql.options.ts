import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '../config/config';
import { formatError } from './format-error';
import { guardFieldVisibility } from './field-visibility';
import { guardInputs } from './input-guard';
import { REQUEST_LIMITS } from './limits';
import { frenchErrorsPlugin } from './french-errors.plugin';

/**
 * GraphQL Armor's static limits (depth, aliases, directives) run as validation rules, so a refused
 * request is an HTTP 400 before anything executes; fragment cycles are reported by graphql-js's own
 * rule and Armor's depth count stops at them. The token limit is graphql-js's own parser option
 * (Armor's token plugin throws from a hook Apollo answers with 500). Cost is ComplexityPlugin's,
 * which knows page sizes. Field suggestions ("Did you mean …") are masked in production.
 */
function armor(config: AppConfig) {
  // Leaving propagateOnRejection unset makes Armor report to the validation context (HTTP 400), not throw.
  const onReject = { exposeLimits: true } as const;
  return new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ...onReject },
    maxAliases: { n: REQUEST_LIMITS.maxAliases, allowList: [], ...onReject },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives, ...onReject },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production, mask: '' },
  }).protect();
}

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const protection = armor(config);
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true, // built in memory; `npm run schema` writes the committed schema.graphql
    sortSchema: true,
    playground: false,
    introspection: !config.production,
    plugins: [
      ...protection.plugins,
      // Apollo's cache-control plugin (on by default) instruments every field resolver; nothing
      // here sets cache hints (every answer is private to its caller), so it only costs CPU.
      ApolloServerPluginCacheControlDisabled(),
      frenchErrorsPlugin,
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    // Apollo indents responses by default (JSON.stringify(value, null, 2)): more CPU and bytes for nobody.
    stringifyResult: (value) => JSON.stringify(value),
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Resolver wrappers applied once to the built schema: the input pass for every argument, and
    // the field visibility of libs/authz.
    transformSchema: (schema) => guardFieldVisibility(guardInputs(schema)),
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
