/**
 * Yoga plugin: SSE subscriptions per caller (limits/caller-key.ts) are capped like graphql-ws
 * sockets are: each open SSE subscription holds an HTTP connection and a bus listener. One over
 * the cap is refused with SUBSCRIPTION_LIMIT_EXCEEDED before it starts (no upstream call); the
 * place is freed when the stream ends, however it ends. graphql-ws operations are capped by
 * the socket instead (realtime/graphql-ws.ts), and are not counted here.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { callerKeyOf } from './caller-key.js';
import { CountPerKey, subscriptionLimitError } from './subscription-limits.js';

/** The Requests that stand for graphql-ws sockets (realtime/graphql-ws.ts registers them). */
export const socketRequests = new WeakSet<Request>();

export function useSseSubscriptionLimit(maxPerCaller: number): Plugin {
  const open = new CountPerKey(maxPerCaller);
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      if (socketRequests.has(args.contextValue.request)) return;
      const key = callerKeyOf(args.contextValue as unknown as GatewayContext);
      if (!open.tryOpen(key)) {
        setResultAndStopExecution({ errors: [subscriptionLimitError(maxPerCaller, 'per caller')] });
        return;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        open.release(key);
      };
      return {
        onSubscribeResult: ({ result }) => {
          if (!(Symbol.asyncIterator in Object(result))) {
            release(); // refused at start: nothing stays open
            return;
          }
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
