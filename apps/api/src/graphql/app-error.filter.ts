import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Expected outcomes (FORBIDDEN, BAD_USER_INPUT, …) go straight to the client without an error
 * log line each; unexpected errors still reach Nest's handler and formatError, which log them.
 */
@Catch(GraphQLError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError, _host: ArgumentsHost): GraphQLError {
    return exception;
  }
}
