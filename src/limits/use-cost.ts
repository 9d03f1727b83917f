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
import {
  GraphQLError,
  getNamedType,
  isLeafType,
  visit,
  type DocumentNode,
  type ExecutionArgs,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { executionModeFromEnv, type ExecutionMode } from '../config.js';
import { DEFAULT_PAGE_SIZE } from '../schema/relay/connection.js';
import { useOperationGuard } from '../plugins/operation-guard.js';

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

/** The arguments the estimator reads (multiplier), and @skip/@include's `if`. */
const COST_ARGUMENTS = new Set(['first', 'last', 'ids', 'representations', 'if']);

/** The variables an operation's estimate depends on (those used in COST_ARGUMENTS). */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (!COST_ARGUMENTS.has(argument.name.value)) return false;
      visit(argument.value, { Variable: (v) => void names.add(v.name.value) });
      return false;
    },
  });
  return [...names].sort();
}

/** Estimates kept per operation: one per combination of the values it depends on. */
const MAX_ESTIMATES_PER_OPERATION = 64;

interface OperationCosts {
  variables: string[];
  estimates: Map<string, number>;
}

/**
 * The compiled path's estimate: the same number as estimateCost, worked out once per document,
 * operation and values of the variables it depends on (`first: $n`, `@include(if: $x)`; for
 * most operations none, so once per document). Documents are the long-lived ones of Yoga's
 * parse cache or the trusted manifest. Only estimates that succeeded are kept; an estimate over
 * the limit is worked out again on the request's own variables, so a request whose other
 * variables are invalid is answered exactly as on the standard path.
 */
export function createCompiledCostEstimate() {
  const byDocument = new WeakMap<DocumentNode, Map<string, OperationCosts>>();
  return (args: ExecutionArgs, maxCost: number): number | null => {
    let operations = byDocument.get(args.document);
    if (!operations) {
      operations = new Map();
      byDocument.set(args.document, operations);
    }
    const name = args.operationName ?? '';
    let costs = operations.get(name);
    if (!costs) {
      costs = { variables: costVariables(args.document), estimates: new Map() };
      operations.set(name, costs);
    }
    const values = (args.variableValues ?? {}) as Record<string, unknown>;
    // An omitted variable (its default applies) and an explicit null are different keys.
    const key =
      costs.variables.length === 0
        ? ''
        : JSON.stringify(costs.variables.map((v) => (v in values ? [values[v]] : [])));
    const known = costs.estimates.get(key);
    if (known !== undefined && known <= maxCost) return known;
    const estimate = estimateCost(args);
    if (estimate !== null && known === undefined) {
      if (costs.estimates.size >= MAX_ESTIMATES_PER_OPERATION) {
        const oldest = costs.estimates.keys().next().value;
        if (oldest !== undefined) costs.estimates.delete(oldest);
      }
      costs.estimates.set(key, estimate);
    }
    return estimate;
  };
}

/** `maxCost` 0: no limit. */
export function useCostLimit(
  maxCost: number,
  execution: ExecutionMode = executionModeFromEnv(),
): Plugin {
  const compiled = execution === 'compiled' ? createCompiledCostEstimate() : null;
  return useOperationGuard((args) => {
    if (maxCost <= 0) return null;
    const estimate = compiled ? compiled(args, maxCost) : estimateCost(args);
    if (estimate === null || estimate <= maxCost) return null;
    return new GraphQLError(
      `The operation's estimated cost ${estimate} is over the limit of ${maxCost}`,
      { extensions: { code: COST_LIMIT_EXCEEDED, limit: maxCost, estimate } },
    );
  });
}
