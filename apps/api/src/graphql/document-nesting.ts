import type { NextFunction, Request, Response } from 'express';
import { sendGraphqlError } from '../common/http-errors';
import { REQUEST_LIMITS } from './limits';

/**
 * How deeply brackets nest in a GraphQL document, strings and comments aside. graphql-js parses
 * recursively, so a document of a few thousand nested `[` exhausts the stack before any
 * validation rule (or the token limit) sees it: this linear scan refuses such a document first.
 */
export function bracketNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      const block = source.startsWith('"""', i);
      const end = block ? source.indexOf('"""', i + 3) : findStringEnd(source, i + 1);
      if (end === -1) return deepest; // unterminated: the parser reports it
      i = block ? end + 2 : end;
    } else if (c === '#') {
      const end = source.indexOf('\n', i);
      if (end === -1) return deepest;
      i = end;
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return deepest;
}

function findStringEnd(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"') return i;
    else if (source[i] === '\n') return -1;
  }
  return -1;
}

/** Express middleware on /graphql, after the JSON body parser. */
export function refuseDeepDocuments(req: Request, res: Response, next: NextFunction): void {
  const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query?.query;
  if (typeof query === 'string' && bracketNesting(query) > REQUEST_LIMITS.maxNesting) {
    return sendGraphqlError(res, 400, 'BAD_USER_INPUT', `The query nests too deeply (more than ${REQUEST_LIMITS.maxNesting} brackets).`);
  }
  next();
}
