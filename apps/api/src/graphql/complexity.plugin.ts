import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { REQUEST_LIMITS } from './limits';

export const MAX_COMPLEXITY = REQUEST_LIMITS.maxCost;

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
          complexity = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [
              fieldExtensionsEstimator(),
              // Connections: the cost of one node times the page size requested (sizes past the
              // maximum are refused by the resolver, with a clearer message).
              ({ args, childComplexity }) =>
                typeof args.first === 'number'
                  ? Math.min(Math.max(1, args.first), MAX_PAGE_SIZE) * Math.max(1, childComplexity)
                  : undefined,
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
        } catch {
          // Variables that do not fit their types: execution refuses them next, with an HTTP 400
          // naming the variable. Estimating with them is not possible and not needed.
          return;
        }
        if (complexity > MAX_COMPLEXITY) {
          throw new GraphQLError(
            `This query is too complex (${complexity}, limit ${MAX_COMPLEXITY}). Ask for fewer fields or smaller pages.`,
            { extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', http: { status: 400 } } },
          );
        }
      },
    };
  }
}
