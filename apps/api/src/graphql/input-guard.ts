import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from '@nestjs/graphql';
import { badInput } from '../common/errors';
import { INPUT_LIMITS } from './limits';

/**
 * The one pass every argument of every operation goes through before its resolver (and before
 * the guard, the validation pipe or any service) sees it. It walks the argument values along
 * their schema types, so a field added tomorrow is covered the day it appears:
 *
 * - text (String, ID and every custom string scalar) holds no NUL character (PostgreSQL refuses
 *   byte 0) and no lone UTF-16 surrogate (not representable in UTF-8, jsonb or an email parser);
 * - JSON arguments are bounded in depth and size, and their strings obey the same rule;
 * - lists are bounded in length;
 * - explicit `null` means "absent" (the field's default applies), except in a partial-update input
 *   (`@PartialUpdate()`), where leaving a field out keeps its value and `null` is refused unless
 *   the field says null clears it (`@NullClears()`).
 *
 * A refusal is BAD_USER_INPUT naming the field by its path, e.g. `input.rules[3].terms[0]`.
 */
export function guardInputs(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) wrapResolver(field);
  }
  return schema;
}

const PARTIAL_UPDATE = 'partialUpdate';
const NULL_CLEARS = 'nullClears';
/** On an input type whose nullable fields mean "leave out to keep": null is refused there. */
export const PartialUpdate = () => Extensions({ [PARTIAL_UPDATE]: true });
/** On a nullable field of a partial update where null means "clear this value". */
export const NullClears = () => Extensions({ [NULL_CLEARS]: true });

function wrapResolver(field: GraphQLField<unknown, unknown>): void {
  const resolve = field.resolve;
  if (!resolve || field.args.length === 0) return;
  const args = field.args;
  field.resolve = (source, values, context, info) => {
    checkArguments(args, values as Record<string, unknown>);
    return resolve(source, values, context, info);
  };
}

export function checkArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>): void {
  for (const arg of args) {
    if (!(arg.name in values)) continue;
    if (values[arg.name] === null && !isNonNullType(arg.type)) {
      absent(values, arg);
      continue;
    }
    checkValue(values[arg.name], arg.type, arg.name);
  }
}

/** Replaces an explicit null by what leaving the value out gives: its default, or nothing. */
function absent(values: Record<string, unknown>, definition: GraphQLArgument | GraphQLInputField): void {
  if (definition.defaultValue !== undefined) values[definition.name] = definition.defaultValue;
  else delete values[definition.name];
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === undefined || value === null) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return checkValue(value, inner.ofType, path); // coerced single value
    if (value.length > INPUT_LIMITS.listItems) throw badInput(path, `Too many items (${value.length}; at most ${INPUT_LIMITS.listItems}).`);
    value.forEach((item, index) => checkValue(item, inner.ofType, `${path}[${index}]`));
    return;
  }
  if (isInputObjectType(inner)) {
    const object = value as Record<string, unknown>;
    const partialUpdate = inner.extensions?.[PARTIAL_UPDATE] === true;
    for (const field of Object.values(inner.getFields())) {
      if (!(field.name in object)) continue;
      const fieldPath = `${path}.${field.name}`;
      if (object[field.name] === null && !isNonNullType(field.type)) {
        if (field.extensions?.[NULL_CLEARS] === true) continue;
        if (partialUpdate) throw badInput(fieldPath, `“${field.name}” cannot be null. Leave it out to keep the current value.`);
        absent(object, field);
        continue;
      }
      checkValue(object[field.name], field.type, fieldPath);
    }
    return;
  }
  if (isScalarType(inner)) {
    if (getNamedType(inner).name === 'JSON') checkJson(value, path);
    else if (typeof value === 'string') checkText(value, path);
  }
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL, jsonb and UTF-8 can all hold. */
export function checkText(text: string, path: string): void {
  if (text.includes('\u0000')) throw badInput(path, 'This text contains a NUL character (\\u0000), which is not allowed.');
  if (LONE_SURROGATE.test(text)) throw badInput(path, 'This text contains an unpaired UTF-16 surrogate, which is not valid Unicode.');
}

/** Depth-first with an explicit stack: a JSON value 10,000 levels deep costs no recursion. */
function checkJson(value: unknown, path: string): void {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path }];
  let nodes = 0;
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (++nodes > INPUT_LIMITS.jsonNodes) throw badInput(path, `This value is too large (more than ${INPUT_LIMITS.jsonNodes} items).`);
    if (typeof current.value === 'string') {
      checkText(current.value, current.path);
      continue;
    }
    if (typeof current.value !== 'object' || current.value === null) continue;
    if (current.depth >= INPUT_LIMITS.jsonDepth) throw badInput(current.path, `This value is nested too deeply (more than ${INPUT_LIMITS.jsonDepth} levels).`);
    if (Array.isArray(current.value)) {
      current.value.forEach((item, index) => stack.push({ value: item, depth: current.depth + 1, path: `${current.path}[${index}]` }));
    } else {
      for (const [key, item] of Object.entries(current.value)) {
        checkText(key, `${current.path}.${key}`);
        stack.push({ value: item, depth: current.depth + 1, path: `${current.path}.${key}` });
      }
    }
  }
}
