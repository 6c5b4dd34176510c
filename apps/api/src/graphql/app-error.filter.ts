import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

/** The HTTP status a REST route answers for each code (GraphQL answers 200 with the code). */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * Expected outcomes (FORBIDDEN, BAD_USER_INPUT, …) go straight to the client without an error
 * log line each; unexpected errors still reach Nest's handler and formatError, which log them.
 * A REST route answers them with the matching status and the same body shape as GraphQL.
 */
@Catch(GraphQLError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType() !== 'http') return exception;
    const code = String(exception.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const { http: _http, ...extensions } = exception.extensions ?? {};
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(STATUS[code] ?? 500)
      .json({ errors: [{ message: exception.message, extensions: { ...extensions, code } }] });
  }
}
