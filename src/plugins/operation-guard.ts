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

export function useOperationGuard(check: OperationCheck): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) =>
      guard(check, args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) =>
      guard(check, args, setResultAndStopExecution),
  };
}
