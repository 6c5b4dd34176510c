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
