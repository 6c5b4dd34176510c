import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { badInput } from './errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `"first" must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
}

/**
 * A Relay connection type for `node`: `<Name>Connection { edges: [<Name>Edge] pageInfo }`. Extend
 * it to add fields: `class SentMailConnection extends Connection(SentMail) { @Field() delivery … }`.
 */
export function Connection<T>(node: Type<T>, name: string = node.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges: Array<Edge<T>>;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/**
 * A page from rows fetched with `limit first + 1` in keyset order: the extra row only says there
 * is a next page. `cursorOf` makes the opaque cursor of a row, `toNode` its GraphQL object.
 */
export function toConnection<R, N>(rows: R[], first: number, cursorOf: (row: R) => string, toNode: (row: R) => N): ConnectionShape<N> {
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    edges: page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursorOf(last) : null },
  };
}

/** Opaque keyset cursors: clients pass back what they were given and never build one. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeIntCursor(cursor: string, field = 'after'): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^k:(\d{1,15})$/.exec(decoded);
  if (!match) throw badInput(field, 'This cursor is not valid. Start again from the first page.');
  return Number(match[1]);
}

/** A cursor over a composite sort key, e.g. (lower(name), id). */
export function encodeKeyCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeKeyCursor(cursor: string, size: number, field = 'after'): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === size && parts.every((part) => typeof part === 'string')) return parts as string[];
  } catch {
    // fall through
  }
  throw badInput(field, 'This cursor is not valid. Start again from the first page.');
}
