import type { NextFunction, Request, Response } from 'express';
import { messageInFrench } from '../i18n/errors.fr';
import type { ErrorCode } from './errors';
import { requestLocale } from './locale';

/** Answers outside GraphQL (body parsing, rate limits) in the shape a GraphQL client reads, in the request's language. */
export function sendGraphqlError(res: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  const said = requestLocale(res.req) === 'fr' ? messageInFrench(message) : message;
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message: said, extensions: { code, ...extra } }] }));
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Express error handler for what the body parser refuses: a body over the limit is 413, a body that
 * is not JSON (or not UTF-8) is 400 — each with a code, instead of Nest's "Cannot POST /graphql".
 */
export function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const parser = error as BodyParserError;
  if (parser?.type === 'entity.too.large') {
    return sendGraphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `The request is too large (limit ${Math.round((parser.limit ?? 0) / 1024)} KB).`);
  }
  if (typeof parser?.type === 'string' && parser.status && parser.status >= 400 && parser.status < 500) {
    const message =
      parser.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : 'The request body could not be read (check its encoding and Content-Type).';
    return sendGraphqlError(res, parser.status === 415 ? 415 : 400, 'BAD_REQUEST', message);
  }
  next(error);
}
