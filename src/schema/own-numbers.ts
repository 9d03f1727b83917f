/**
 * "Is this address one of mine?" for v2, which has no direction flags on messages or handles.
 * The account's phone numbers are read at most once per request (GatewayContext.ownPhoneNumbers).
 */
import type { GatewayContext } from '../context.js';

/** Digits of a phone number, US numbers without +1 completed (v2 accepts both forms). */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const digits = trimmed.replace(/\D/g, '');
  return digits.length === 10 ? `1${digits}` : digits;
}

export async function isOwnAddress(
  ctx: GatewayContext,
  address: string | null,
): Promise<boolean | null> {
  if (address === null || address === '') return null;
  const own = await ctx.ownPhoneNumbers();
  const wanted = normaliseAddress(address);
  return own.some((p) => normaliseAddress(p.phoneNumber) === wanted);
}
