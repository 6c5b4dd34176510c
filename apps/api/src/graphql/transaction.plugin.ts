import { Logger } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GqlContext } from '../common/request';

/**
 * Ends each operation's transaction once its result is known: commit when it produced no error,
 * roll back otherwise, so a change never lands without its audit event (or the reverse).
 * A failed commit turns the response into an error rather than reporting a change that did not happen.
 */
/** PostgreSQL's "try again" errors: deadlock detected, serialization failure, lock not available. */
const TRANSIENT = new Set(['40P01', '40001', '55P03']);

@Plugin()
export class TransactionPlugin implements ApolloServerPlugin<GqlContext> {
  private readonly logger = new Logger(TransactionPlugin.name);

  async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    const { logger } = this;
    let failed = false;
    return {
      async didEncounterErrors() {
        failed = true;
      },
      async willSendResponse({ response, contextValue }) {
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        try {
          await contextValue.req.tx?.finish(!failed && !errors?.length);
        } catch (error) {
          // Two changes that met at the same moment (a deadlock or serialization failure when the
          // audit heads are taken at commit) are the caller's to retry, not a fault: CONFLICT.
          const transient = TRANSIENT.has((error as { code?: string }).code ?? '');
          logger[transient ? 'warn' : 'error'](`Commit failed: ${(error as Error).message}`);
          if (body.kind === 'single') {
            body.singleResult.data = null;
            body.singleResult.errors = [
              transient
                ? new GraphQLError('Your change met another one at the same moment and was not saved. Please try again.', {
                    extensions: { code: 'CONFLICT', retryable: true },
                  })
                : new GraphQLError('Your change could not be saved. Please try again.', {
                    extensions: { code: 'INTERNAL_SERVER_ERROR' },
                  }),
            ];
          }
        }
      },
    };
  }
}
