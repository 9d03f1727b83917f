/**
 * A Yoga plugin that checks every operation just before it runs – queries and mutations
 * (onExecute) and subscriptions (onSubscribe), over HTTP, SSE and graphql-ws alike – and answers
 * with a request error instead of running it when `check` returns one. Nothing of the operation
 * is executed, so no upstream call is made.
 *
 * A check that answers synchronously (the cost and `_entities` limits) keeps the hook
 * synchronous: an `async` hook costs every request a promise and a turn of Envelop's hook chain.
 * A check that throws fails the operation as a rejected hook would.
 */
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type OperationCheck = (
  args: ExecutionArgs,
) => GraphQLError | null | Promise<GraphQLError | null>;

type Stop = (result: { errors: GraphQLError[] }) => void;

function guard(check: OperationCheck, args: ExecutionArgs, stop: Stop): void | Promise<void> {
  let outcome: ReturnType<OperationCheck>;
  try {
    outcome = check(args);
  } catch (error) {
    return Promise.reject(error);
  }
  if (outcome instanceof Promise) {
    return outcome.then((error) => {
      if (error) stop({ errors: [error] });
    });
  }
  if (outcome) stop({ errors: [outcome] });
}

/** Where a guard plugin keeps its check, for the known-operations lane (src/lane). */
const CHECK = Symbol('linq.operationCheck');
type GuardPlugin = Plugin & { [CHECK]?: OperationCheck };

/** The checks of the guard plugins among `plugins` (Yoga's final list), in their order. */
export const operationChecksOf = (plugins: readonly Plugin[]): OperationCheck[] =>
  plugins.flatMap((p) => ((p as GuardPlugin)[CHECK] ? [(p as GuardPlugin)[CHECK]!] : []));

/** Runs `checks` in order; the first error found (or thrown) ends it, as the plugins would. */
export function runOperationChecks(
  checks: readonly OperationCheck[],
  args: ExecutionArgs,
): GraphQLError | null | Promise<GraphQLError | null> {
  for (let i = 0; i < checks.length; i++) {
    const outcome = checks[i]!(args);
    if (outcome instanceof Promise) {
      return outcome.then((error) =>
        error ? error : runOperationChecks(checks.slice(i + 1), args),
      );
    }
    if (outcome) return outcome;
  }
  return null;
}

export function useOperationGuard(check: OperationCheck): Plugin {
  const plugin: GuardPlugin = {
    onExecute: ({ args, setResultAndStopExecution }) =>
      guard(check, args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) =>
      guard(check, args, setResultAndStopExecution),
  };
  plugin[CHECK] = check;
  return plugin;
}
