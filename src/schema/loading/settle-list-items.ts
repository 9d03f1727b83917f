/**
 * One entry per item in every list, whatever the executor.
 *
 * Some list resolvers return one promise per item (`nodes`, the federation `_entities`), and an
 * item may fail alone. graphql-jit appends the null of a rejected item to the list instead of
 * putting it at the item's index, so `nodes(ids: [X, X, A])` with X failing answered four
 * entries, misplaced. Both executors agree on an item that *is* an Error (a located error at
 * that index, the entry null): so each list of item promises is settled first, and a rejected
 * item becomes its error value. Nothing changes for lists of plain values. Fields marked
 * OBJECTS_ONLY (objects-only.ts) are left alone: their items are never promises.
 */
import {
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { isObjectsOnly } from './objects-only.js';

const isPromise = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

const asError = (reason: unknown): Error =>
  reason instanceof Error ? reason : new Error(String(reason));

/** The items of `list` with each promise settled (a rejection becomes its Error). */
function settle(list: unknown): unknown {
  if (!Array.isArray(list) || !list.some(isPromise)) return list;
  return Promise.all(
    list.map((item) => (isPromise(item) ? Promise.resolve(item).catch(asError) : item)),
  );
}

function settling(resolve: GraphQLFieldResolver<unknown, unknown>) {
  return (...args: Parameters<GraphQLFieldResolver<unknown, unknown>>): unknown => {
    const result = resolve(...args);
    return isPromise(result) ? Promise.resolve(result).then(settle) : settle(result);
  };
}

/** Wraps the resolver of every list field of `schema`'s object types (in place); returns it. */
export function settleListItems(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !field.resolve) continue;
      if (isObjectsOnly(field.extensions)) continue;
      field.resolve = settling(field.resolve);
    }
  }
  return schema;
}
