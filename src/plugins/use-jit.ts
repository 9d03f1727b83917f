/**
 * Compiled execution (graphql-jit through @envelop/graphql-jit) for queries.
 *
 * - The plugin caches one compiled query per parsed document (Yoga's parse cache hands back the
 *   same document for the same text), whatever the operation name: a document with several
 *   operations would run the first one compiled, so those keep the standard executor.
 * - So does an operation with a non-null variable that has a default (`$v: T! = x`): graphql-jit
 *   refuses to run it when the client omits the variable, which the spec allows.
 * - Mutations and subscriptions keep it too: graphql-jit reads a field without a resolver
 *   straight off its parent and does not await a promise found there, and the mutation
 *   payloads' lazy edge cursor is one (mutations/message-edge.ts).
 * GRAPHQL_JIT=false turns it off (to compare, or to rule it out).
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { Kind, type ExecutionArgs } from 'graphql';
import type { Plugin } from '@envelop/core';

export function compilable({ document }: Pick<ExecutionArgs, 'document'>): boolean {
  let operations = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.operation !== 'query' || ++operations > 1) return false;
    // graphql-jit demands a value for `$v: T! = default`, which the spec lets clients omit.
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.type.kind === Kind.NON_NULL_TYPE && variable.defaultValue) return false;
    }
  }
  return operations === 1;
}

export function useJit(enabled: boolean): Plugin[] {
  if (!enabled) return [];
  return [useGraphQlJit({}, { enableIf: compilable })];
}
