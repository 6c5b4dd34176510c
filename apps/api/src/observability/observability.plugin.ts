import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { PinoLogger } from 'nestjs-pino';
import type { GqlContext } from '../common/request';
import { Metrics } from './metrics';

/** The operation as metrics and logs name it: its type and root fields (bounded by the schema). */
export function operationLabel(operation: OperationDefinitionNode): string {
  const fields = [
    ...new Set(operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')).filter((name) => name !== '__typename')),
  ].sort();
  return fields.length > 3 ? `${fields.slice(0, 3).join(',')},…` : fields.join(',') || '__typename';
}

/** Times each GraphQL operation and names it on every log line of its request. */
@Plugin()
export class ObservabilityPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(
    private readonly metrics: Metrics,
    private readonly logger: PinoLogger,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    const started = performance.now();
    const { metrics, logger } = this;
    let type = 'unknown';
    let name = 'invalid';
    return {
      async didResolveOperation({ operation }) {
        if (!operation) return;
        type = operation.operation;
        name = operationLabel(operation);
        try {
          logger.assign({ operation: `${type} ${operation.name?.value ?? name}` });
        } catch {
          // outside a request's logging context (tests without pino-http): nothing to name
        }
      },
      async willSendResponse({ response }) {
        const failed = response.body.kind === 'single' && !!response.body.singleResult.errors?.length;
        metrics.operationDuration.observe({ type, operation: name, outcome: failed ? 'error' : 'ok' }, (performance.now() - started) / 1000);
      },
    };
  }
}
