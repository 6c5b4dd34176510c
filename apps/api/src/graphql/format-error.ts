import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, type ErrorCode } from '../common/errors';

const PUBLIC_CODES = new Set<ErrorCode>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'TOO_MANY_REQUESTS']);

/** Apollo's own codes for a request that is not valid GraphQL: the client's input is at fault. */
const REQUEST_SHAPE_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED']);

const logger = new Logger('GraphQL');

/** PostgreSQL's "try again" errors: deadlock detected, serialization failure, lock not available. */
const TRANSIENT_SQLSTATES = new Set(['40P01', '40001', '55P03']);

function originalOf(error: unknown): unknown {
  const candidate = error as { originalError?: unknown };
  return candidate?.originalError ?? error;
}

/**
 * The one place errors leave the server: known codes pass with their message, malformed requests
 * become BAD_USER_INPUT, anything else is logged here and reaches the client as a plain sentence,
 * never a stack trace or SQL.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  const code = formatted.extensions?.code as string | undefined;
  const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;

  if (original instanceof AppError || (original instanceof GraphQLError && PUBLIC_CODES.has(code as ErrorCode))) {
    if (code === 'BAD_USER_INPUT') logRefusal(formatted, extensions.field);
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  // graphql-js's own errors (parse, validation, variable coercion) carry no original error: the
  // request itself is at fault and the message says how.
  const fromGraphqlJs = original instanceof GraphQLError && !original.originalError;
  if ((code && REQUEST_SHAPE_CODES.has(code)) || fromGraphqlJs) {
    logRefusal(formatted, undefined);
    return { message: formatted.message, locations: formatted.locations, extensions: { ...extensions, code: 'BAD_USER_INPUT' } };
  }
  // Two changes that met at the same moment inside a statement (e.g. a deadlock between two
  // writers of one organization's rows) are the caller's to retry, as when it happens at commit.
  if (TRANSIENT_SQLSTATES.has(String((original as { code?: unknown } | null)?.code ?? ''))) {
    logger.warn(`Transient database conflict: ${(original as Error).message}`);
    return {
      message: 'Your change met another one at the same moment and was not saved. Please try again.',
      path: formatted.path,
      extensions: { code: 'CONFLICT', retryable: true },
    };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : JSON.stringify(original));
  return {
    message: 'Something went wrong on our side. Please try again; if it keeps happening, contact support.',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** A refused request is the client's mistake, not ours: one line at warn, no stack. */
function logRefusal(formatted: GraphQLFormattedError, field: unknown): void {
  const where = formatted.path?.join('.') ?? 'request';
  logger.warn(`Refused ${where}${typeof field === 'string' ? ` (${field})` : ''}: ${formatted.message.slice(0, 200)}`);
}
