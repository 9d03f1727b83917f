/**
 * Yoga plugin: a cost estimate of each operation, computed with its variables (so `first: $n`
 * counts what `$n` is), refused over `maxCost` with COST_LIMIT_EXCEEDED (`limit`, `estimate`)
 * before anything runs. The traversal (fragments, @skip/@include, variables) is
 * graphql-query-complexity's; the estimator is ours:
 *
 * - a scalar or enum field costs 0;
 * - any other field costs (1 + its selection's cost) for every object it may return: a
 *   connection `first`/`last` times (DEFAULT_PAGE_SIZE when neither is given), `nodes(ids:)`
 *   and `_entities(representations:)` their length, everything else once.
 *
 * So the estimate is about the number of objects a response can hold – what drives upstream
 * reads and response size. Introspection fields are free (GraphiQL works under any limit).
 */
import { GraphQLError, getNamedType, isLeafType, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../schema/connection.js';
import { useOperationGuard } from './operation-guard.js';

export const COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED';

/** Lets every README query and GraphiQL's default documents through (test/limits/cost.test.ts). */
export const DEFAULT_MAX_COST = 5000;

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : null;

/** How many objects a field may return, from its (variable-resolved) arguments. */
function multiplier(typeName: string, args: Record<string, unknown>): number {
  if (typeName.endsWith('Connection')) {
    return count(args['first']) ?? count(args['last']) ?? DEFAULT_PAGE_SIZE;
  }
  for (const list of [args['ids'], args['representations']]) {
    if (Array.isArray(list)) return list.length;
  }
  return 1;
}

export const objectCountEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const type = getNamedType(field.type);
  if (isLeafType(type)) return 0;
  return multiplier(type.name, args) * (1 + childComplexity);
};

/** The estimate of one operation; null when it cannot be computed (execution reports why). */
export function estimateCost(args: ExecutionArgs): number | null {
  try {
    return getComplexity({
      estimators: [objectCountEstimator],
      schema: args.schema,
      query: args.document,
      variables: (args.variableValues ?? {}) as Record<string, unknown>,
      ...(args.operationName ? { operationName: args.operationName } : {}),
    });
  } catch {
    return null;
  }
}

/** `maxCost` 0: no limit. */
export function useCostLimit(maxCost: number): Plugin {
  return useOperationGuard((args) => {
    if (maxCost <= 0) return null;
    const estimate = estimateCost(args);
    if (estimate === null || estimate <= maxCost) return null;
    return new GraphQLError(
      `The operation's estimated cost ${estimate} is over the limit of ${maxCost}`,
      { extensions: { code: COST_LIMIT_EXCEEDED, limit: maxCost, estimate } },
    );
  });
}
