/**
 * One circuit breaker per upstream route (method + path template), with cockatiel: after
 * `threshold` consecutive failed calls that mean "Linq is down" (connection errors, timeouts,
 * 5xx: UpstreamUnavailableError after its retries), the route fails fast with
 * UPSTREAM_UNAVAILABLE for `halfOpenAfterMs`, then lets one call through to probe: success
 * closes it, failure opens it again. Caller errors (4xx, aborts) never count.
 */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { UpstreamUnavailableError } from '../errors.js';

export interface BreakerOptions {
  /** Consecutive failures that open a route's circuit; 0 turns breakers off. @default 5 */
  threshold: number;
  /** How long an open circuit fails fast before a probe. @default 5000 */
  halfOpenAfterMs: number;
}

export class RouteBreakers {
  readonly #options: BreakerOptions;
  readonly #byRoute = new Map<string, CircuitBreakerPolicy>();

  constructor(options: BreakerOptions) {
    this.#options = options;
  }

  /** Runs `call` through the breaker of `route` (directly when breakers are off). */
  async run<T>(route: string, call: () => Promise<T>): Promise<T> {
    if (this.#options.threshold <= 0) return call();
    let policy = this.#byRoute.get(route);
    if (!policy) {
      policy = circuitBreaker(
        handleWhen((error) => error instanceof UpstreamUnavailableError),
        {
          halfOpenAfter: this.#options.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.#options.threshold),
        },
      );
      this.#byRoute.set(route, policy);
    }
    try {
      return await policy.execute(call);
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new UpstreamUnavailableError(
          'Linq: this upstream route is failing; not calling it for a moment (circuit open)',
        );
      }
      throw error;
    }
  }
}
