import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, getNamedType, isListType, isNonNullType, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { REQUEST_LIMITS } from './limits';

export const MAX_COMPLEXITY = REQUEST_LIMITS.maxCost;

/** A top-level list that is not paginated (members, policies, …) counts as this many items. */
export const UNPAGED_LIST_ESTIMATE = 25;

/**
 * Connections count their page size; root lists without one count UNPAGED_LIST_ESTIMATE items;
 * everything else 1 per field plus its children (aliases are fields like any other).
 */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (typeof args.first === 'number') return Math.min(Math.max(1, args.first), MAX_PAGE_SIZE) * Math.max(1, childComplexity);
  const returns = isNonNullType(field.type) ? field.type.ofType : field.type;
  const root = type.name === 'Query' || type.name === 'Mutation';
  if (root && isListType(returns) && isObjectType(getNamedType(returns))) return 1 + UNPAGED_LIST_ESTIMATE * childComplexity;
  return undefined;
};

/** The estimated cost of `document`; throws when the variables do not fit their types. */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    operationName: operationName ?? undefined,
    query: document,
    variables,
    estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Refuses operations whose estimated cost is too high before anything runs. Every field counts,
 * each alias again; a list field counts as many times as its page size asks for; operations that
 * do more work per call declare a higher `complexity` on their decorator.
 */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(private readonly schemaHost: GraphQLSchemaHost) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const { schema } = this.schemaHost;
    return {
      async didResolveOperation({ request, document }) {
        let complexity: number;
        try {
          complexity = estimateCost(schema, document, request.variables, request.operationName);
        } catch {
          // Variables that do not fit their types: execution refuses them next, with an HTTP 400
          // naming the variable. Estimating with them is not possible and not needed.
          return;
        }
        if (complexity > MAX_COMPLEXITY) {
          throw new GraphQLError(`This query is too complex (${complexity}, limit ${MAX_COMPLEXITY}). Ask for fewer fields or smaller pages.`, {
            extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
          });
        }
      },
    };
  }
}
