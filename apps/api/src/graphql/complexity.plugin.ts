import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError } from '../common/errors';
import { MAX_PAGE_SIZE } from '../common/pagination';

export const MAX_COMPLEXITY = 5000;

/**
 * Refuses operations whose estimated cost is too high before anything runs. A list field counts
 * as many times as its page size asks for.
 */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(private readonly schemaHost: GraphQLSchemaHost) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const { schema } = this.schemaHost;
    return {
      async didResolveOperation({ request, document }) {
        const complexity = getComplexity({
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
        if (complexity > MAX_COMPLEXITY) {
          throw new AppError('BAD_USER_INPUT', `This query is too complex (${complexity}, limit ${MAX_COMPLEXITY}). Ask for fewer fields or smaller pages.`);
        }
      },
    };
  }
}
