/**
 * Caps of long-lived operations:
 *
 * - subscriptions (operations in flight) per graphql-ws connection: one over the cap fails alone
 *   with SUBSCRIPTION_LIMIT_EXCEEDED; the socket and its other subscriptions go on;
 * - graphql-ws connections per caller (limits/caller-key.ts): one over the cap is closed with
 *   CONNECTION_LIMIT_CLOSE_CODE before it is acknowledged;
 * - SSE subscriptions per caller: one over the cap is refused with SUBSCRIPTION_LIMIT_EXCEEDED.
 */
import { GraphQLError } from 'graphql';

export const SUBSCRIPTION_LIMIT_EXCEEDED = 'SUBSCRIPTION_LIMIT_EXCEEDED';

/**
 * WebSocket close code of a connection over the per-caller cap ("429" in the application range;
 * graphql-ws's own codes are 44xx: 4429 is its "too many initialisation requests").
 */
export const CONNECTION_LIMIT_CLOSE_CODE = 4029;

export const DEFAULT_SUBSCRIPTION_LIMITS = {
  /** A chat screen subscribes to a few events of the chats in view; 2,000 was an attack. */
  perConnection: 100,
  /** Sockets (and, separately, SSE subscriptions) one caller may hold open at once. */
  perCaller: 50,
} as const;

export function subscriptionLimitError(limit: number, scope: string): GraphQLError {
  return new GraphQLError(`At most ${limit} subscriptions ${scope}`, {
    extensions: { code: SUBSCRIPTION_LIMIT_EXCEEDED, limit },
  });
}

/** Open things per key (caller), with a cap; 0: no cap. */
export class CountPerKey {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts one more for `key`; false (and nothing counted) when `key` is at the cap. */
  tryOpen(key: string): boolean {
    const n = this.#open.get(key) ?? 0;
    if (this.max > 0 && n >= this.max) return false;
    this.#open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.#open.get(key) ?? 0) - 1;
    if (n > 0) this.#open.set(key, n);
    else this.#open.delete(key);
  }
}
