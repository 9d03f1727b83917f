/**
 * The key that per-caller limits (rate limit, connections) are kept under: the authenticated
 * caller's id, or 'anonymous' for callers without an identity (who then share one allowance).
 * The one place that decides it.
 */
import type { GatewayContext } from '../context.js';

export const ANONYMOUS = 'anonymous';

export function callerKeyOf(ctx: Pick<GatewayContext, 'caller'>): string {
  return ctx.caller?.id ?? ANONYMOUS;
}
