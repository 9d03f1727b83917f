/**
 * A Yoga plugin that checks every operation just before it runs – queries and mutations
 * (onExecute) and subscriptions (onSubscribe), over HTTP, SSE and graphql-ws alike – and answers
 * with a request error instead of running it when `check` returns one. Nothing of the operation
 * is executed, so no upstream call is made.
 */
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type OperationCheck = (
  args: ExecutionArgs,
) => GraphQLError | null | Promise<GraphQLError | null>;

export function useOperationGuard(check: OperationCheck): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
