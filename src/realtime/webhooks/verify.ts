/**
 * Signature checks of Linq webhooks (linq-api.md §10).
 *  - v2: `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`; no timestamp.
 *  - v3: `X-Webhook-Signature: <hex HMAC-SHA256(secret, "{X-Webhook-Timestamp}.{raw body}")>`,
 *    rejected when the timestamp is outside the tolerance window (default 5 minutes).
 * Every comparison is constant-time over equal-length buffers. Several secrets may be given
 * (rotation); any one of them may match.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { header, type HeaderSource } from './headers.js';
import { reject, type Rejection } from './rejection.js';

export type Verified = { ok: true };

export interface VerifyV3Options {
  /** Current time in ms since the epoch (injectable clock). Default Date.now. */
  now?: () => number;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  toleranceSeconds?: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export function hmacHex(secret: string, ...chunks: Array<string | Uint8Array>): string {
  const mac = createHmac('sha256', secret);
  for (const chunk of chunks) mac.update(chunk);
  return mac.digest('hex');
}

/** Constant-time check of a hex digest against every secret's expected digest. */
function matchesAny(
  given: string,
  secrets: readonly string[],
  expected: (secret: string) => string,
): boolean {
  if (!HEX_SHA256.test(given)) return false;
  const givenBuf = Buffer.from(given.toLowerCase(), 'hex');
  let ok = false;
  for (const secret of secrets) {
    const want = Buffer.from(expected(secret), 'hex');
    // Both are 32 bytes here (checked above); timingSafeEqual requires equal lengths.
    if (want.length === givenBuf.length && timingSafeEqual(want, givenBuf)) ok = true;
  }
  return ok;
}

const asList = (secrets: string | readonly string[]) =>
  (typeof secrets === 'string' ? [secrets] : secrets).filter((s) => s.length > 0);

export function verifyV2(
  headers: HeaderSource,
  rawBody: Uint8Array,
  secrets: string | readonly string[],
): Verified | Rejection {
  const list = asList(secrets);
  if (list.length === 0) return reject('NOT_CONFIGURED', 'No v2 webhook secret is configured');
  const value = header(headers, 'x-webhook-signature');
  if (value === undefined) return reject('SIGNATURE_MISSING', 'X-Webhook-Signature is missing');
  const match = /^sha256=(.*)$/i.exec(value);
  if (!match) return reject('SIGNATURE_INVALID', 'X-Webhook-Signature must be sha256=<hex>');
  const ok = matchesAny(match[1] ?? '', list, (s) => hmacHex(s, rawBody));
  return ok ? { ok: true } : reject('SIGNATURE_INVALID', 'Webhook signature does not match');
}

export function verifyV3(
  headers: HeaderSource,
  rawBody: Uint8Array,
  secrets: string | readonly string[],
  options: VerifyV3Options = {},
): Verified | Rejection {
  const list = asList(secrets);
  if (list.length === 0) return reject('NOT_CONFIGURED', 'No v3 webhook secret is configured');
  const signature = header(headers, 'x-webhook-signature');
  if (signature === undefined) return reject('SIGNATURE_MISSING', 'X-Webhook-Signature is missing');
  const timestamp = header(headers, 'x-webhook-timestamp');
  if (timestamp === undefined) {
    return reject('TIMESTAMP_MISSING', 'X-Webhook-Timestamp is missing');
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return reject('TIMESTAMP_INVALID', 'X-Webhook-Timestamp must be Unix seconds');
  }
  // Signature first: an attacker must not learn anything from the clock check.
  const ok = matchesAny(signature, list, (s) => hmacHex(s, `${timestamp}.`, rawBody));
  if (!ok) return reject('SIGNATURE_INVALID', 'Webhook signature does not match');
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const age = nowSeconds - Number(timestamp);
  if (age > tolerance) return reject('TIMESTAMP_STALE', 'Webhook timestamp is too old');
  if (age < -tolerance) return reject('TIMESTAMP_FUTURE', 'Webhook timestamp is in the future');
  return { ok: true };
}
