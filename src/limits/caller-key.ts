/**
 * The key that per-caller limits (rate limit, connections) are kept under: the authenticated
 * caller's id (`jwt:<sub>`, `key:<name>`, `linq:<hash>`, or `anonymous`, whose callers then
 * share one allowance). The one place that decides it.
 */
import type { GatewayContext } from '../context.js';

export function callerKeyOf(ctx: Pick<GatewayContext, 'caller'>): string {
  return ctx.caller.id;
}
