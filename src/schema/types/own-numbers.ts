/**
 * "Is this address one of mine?" for v2, which has no direction flags on messages or handles.
 * The account's phone numbers are read at most once per request (GatewayContext.ownPhoneNumbers).
 */
import type { GatewayContext } from '../../context.js';
import { normaliseAddress } from '../../upstream/address.js';

export { normaliseAddress };

export async function isOwnAddress(
  ctx: GatewayContext,
  address: string | null,
): Promise<boolean | null> {
  if (address === null || address === '') return null;
  const own = await ctx.ownPhoneNumbers();
  const wanted = normaliseAddress(address);
  return own.some((p) => normaliseAddress(p.phoneNumber) === wanted);
}
