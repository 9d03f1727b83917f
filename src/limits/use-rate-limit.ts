/**
 * Yoga plugin: per-caller rate limit. Every operation – a query or mutation over HTTP, an SSE
 * subscription, an operation on a graphql-ws socket – takes one token from its caller's bucket
 * (limits/token-bucket.ts, keyed by limits/caller-key.ts) before it runs. With none left it is
 * refused with RATE_LIMITED, `extensions.retryAfter` (seconds) and, over HTTP, status 429 with a
 * `Retry-After` header; nothing runs, so no upstream call is made.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { callerKeyOf } from './caller-key.js';
import type { TokenBuckets } from './token-bucket.js';
import { useOperationGuard } from '../plugins/operation-guard.js';

export const RATE_LIMITED = 'RATE_LIMITED';

export function rateLimitedError(retryAfterMs: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many requests; retry after ${retryAfter} s`, {
    extensions: {
      code: RATE_LIMITED,
      retryAfter,
      http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
    },
  });
}

export function useRateLimit(buckets: TokenBuckets): Plugin {
  return useOperationGuard(async (args) => {
    const key = callerKeyOf(args.contextValue as GatewayContext);
    const take = await buckets.take(key);
    return take.allowed ? null : rateLimitedError(take.retryAfterMs);
  });
}
