import { isUUID } from 'class-validator';

/** A UUID in any version, as ids are checked everywhere (headers, tokens, socket arguments, SQL sent without bind parameters). */
export const isId = (value: unknown): value is string => isUUID(value, 'loose');
