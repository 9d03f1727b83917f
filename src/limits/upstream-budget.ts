/**
 * The budget of upstream (Linq) calls of a GraphQL request (or of one subscription event).
 *
 * It counts LOGICAL calls – one per adapter operation the schema asks for (a chat read, a message
 * page, a send) – not HTTP requests: the adapter's retries (at most LINQ_MAX_RETRIES a call, and
 * only for safe requests) are the gateway's own reaction to Linq's health, invisible to and not
 * chosen by the caller. Counting them would make the same document pass or fail depending on
 * whether Linq answered 503 once, and the HTTP requests of a request stay bounded anyway:
 * at most budget × (1 + LINQ_MAX_RETRIES).
 *
 * A call over the budget fails with UPSTREAM_BUDGET_EXCEEDED before it is made; the fields that
 * already have their data keep it (GraphQL's usual partial result).
 */
import { GraphQLError } from 'graphql';

export const UPSTREAM_BUDGET_EXCEEDED = 'UPSTREAM_BUDGET_EXCEEDED';

/**
 * Default budget. The README's heaviest documented query (10 chats × 10 messages with senders,
 * parts and reactions) makes 11 calls on v3 and 12 on v2; `nodes(ids:)` and `_entities` take up
 * to 100 ids, which may each need their own read. 100 lets every one of them through once.
 */
export const DEFAULT_MAX_UPSTREAM_CALLS = 100;

export class UpstreamBudget {
  #used = 0;

  /** `limit` 0: unlimited. */
  constructor(readonly limit: number = DEFAULT_MAX_UPSTREAM_CALLS) {}

  get used(): number {
    return this.#used;
  }

  /** Takes one call from the budget, or throws UPSTREAM_BUDGET_EXCEEDED. */
  take(): void {
    if (this.limit > 0 && this.#used >= this.limit) {
      throw new GraphQLError(
        `This request used its budget of ${this.limit} upstream calls; the rest of it was not run`,
        { extensions: { code: UPSTREAM_BUDGET_EXCEEDED, limit: this.limit } },
      );
    }
    this.#used += 1;
  }

  /** A new budget (a subscription's next event). */
  reset(): void {
    this.#used = 0;
  }
}
