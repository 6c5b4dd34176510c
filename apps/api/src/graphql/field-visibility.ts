import { can, fieldPermission } from '@clearpost/authz';
import { defaultFieldResolver, getNamedType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { forbidden } from '../common/errors';
import type { GqlContext } from '../common/request';

/**
 * Applies libs/authz's field visibility to the built schema: each guarded field resolves to null
 * for a reader whose role lacks the permission (or is refused with FORBIDDEN where the field
 * cannot be null). Only guarded fields are wrapped; every other field resolves as before.
 */
export function guardFieldVisibility(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const permission = fieldPermission(type.name, field.name, getNamedType(field.type).name);
      if (!permission) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const nullable = !isNonNullType(field.type);
      const where = `${type.name}.${field.name}`;
      field.resolve = (source, args, context: GqlContext, info) => {
        const role = context.req?.actor?.role ?? null;
        if (role && can(role, permission)) return resolve(source, args, context, info);
        if (nullable) return null;
        throw forbidden(`Your role does not allow seeing ${where}.`);
      };
    }
  }
  return schema;
}
