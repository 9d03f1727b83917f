/**
 * THE retry policy of the adapter, in one function (`decideRetry`).
 *
 * - `idempotent` requests (GET, DELETE, PATCH/PUT with the same body, and creating POSTs that
 *   carry an idempotency key) are retried on connection errors, timeouts, 408, 429 and 5xx.
 * - `connect-only` requests (creating POSTs without an idempotency key, e.g. v3 reactions) are
 *   retried only when the connection could not be opened, i.e. no byte reached the upstream.
 * - `none`: never retried (a streamed body cannot be replayed).
 *
 * Waits: `Retry-After` (seconds or HTTP date) when given, otherwise exponential backoff from
 * `baseDelayMs` with jitter. A wait longer than `maxDelayMs` or than the time left before the
 * call's deadline is not slept: the caller fails fast and reports `retryAfter` instead.
 */

export type RetryMode = 'idempotent' | 'connect-only' | 'none';

export type AttemptOutcome =
  | { kind: 'status'; status: number; retryAfterMs: number | undefined }
  | { kind: 'network'; code: string | undefined };

export interface RetryInput {
  mode: RetryMode;
  /** Retries already made (0 after the first attempt). */
  retriesDone: number;
  maxRetries: number;
  outcome: AttemptOutcome;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Milliseconds left before the call's deadline; null when there is none. */
  remainingMs: number | null;
  random?: () => number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'exhausted' | 'wait-too-long' };

/** Errors raised before any request byte was written: always safe to retry. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/** Transport errors after which an idempotent request may be retried. */
const NETWORK_ERRORS = new Set([
  ...CONNECT_ERRORS,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

function retryable(mode: RetryMode, outcome: AttemptOutcome): boolean {
  if (mode === 'none') return false;
  if (outcome.kind === 'network') {
    const code = outcome.code ?? '';
    return mode === 'idempotent' ? NETWORK_ERRORS.has(code) : CONNECT_ERRORS.has(code);
  }
  return mode === 'idempotent' && isRetryableStatus(outcome.status);
}

export function decideRetry(input: RetryInput): RetryDecision {
  const { outcome, remainingMs } = input;
  if (!retryable(input.mode, outcome)) return { retry: false, reason: 'not-retryable' };
  if (input.retriesDone >= input.maxRetries) return { retry: false, reason: 'exhausted' };
  const limit = Math.min(input.maxDelayMs, remainingMs ?? Number.POSITIVE_INFINITY);
  const hinted = outcome.kind === 'status' ? outcome.retryAfterMs : undefined;
  if (hinted !== undefined) {
    return hinted > limit
      ? { retry: false, reason: 'wait-too-long' }
      : { retry: true, delayMs: hinted };
  }
  const random = input.random ?? Math.random;
  const backoff = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** input.retriesDone);
  const delayMs = Math.round(backoff * (0.75 + 0.25 * random()));
  return delayMs > limit ? { retry: false, reason: 'wait-too-long' } : { retry: true, delayMs };
}

/** Parses a Retry-After header (delta seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
