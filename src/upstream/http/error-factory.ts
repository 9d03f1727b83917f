/**
 * One factory from an upstream error response (status + raw body + headers) to a LinqError.
 * It understands the v2 `Error` and `StandardError` shapes and the v3 `ErrorResponse` shape, and
 * falls back to the status alone for anything else (an HTML 502 page, an empty body).
 */
import {
  BadUpstreamResponseError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  type FieldError,
  type LinqError,
  type LinqErrorOptions,
} from '../errors.js';
import type { Redactor } from './redact.js';
import type { components as V2 } from '../types/v2.js';
import type { components as V3 } from '../types/v3.js';

type V2Error = V2['schemas']['Error'];
type V2StandardError = V2['schemas']['StandardError'];
/** v3 ErrorResponse; the docs add `error.retry_after` on 429. */
type V3Error = V3['schemas']['ErrorResponse'] & { error: { retry_after?: number } };

export interface ErrorResponse {
  status: number;
  text: string;
  traceId: string | null;
  /** Parsed Retry-After header in seconds, if any. */
  retryAfter: number | undefined;
}

interface Parsed {
  message: string | null;
  upstreamCode: string | number | null;
  fieldErrors: FieldError[];
  traceId: string | null;
  retryAfter: number | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function parseV3(body: Record<string, unknown>): Parsed | null {
  if (!isRecord(body['error'])) return null;
  const e = body['error'] as Partial<V3Error['error']>;
  const message = str(e.message);
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? e.code : null;
  return {
    message,
    upstreamCode: code,
    fieldErrors: message ? [{ field: 'input', message }] : [],
    traceId: str((body as Partial<V3Error>).trace_id),
    retryAfter: typeof e.retry_after === 'number' ? e.retry_after : undefined,
  };
}

function parseV2(body: Record<string, unknown>): Parsed | null {
  const errors = (body as V2Error).errors;
  if (!Array.isArray(errors) || !errors.every(isRecord)) return null;
  const fieldErrors = errors.map((e) => ({
    field: str(e.code) ?? 'input',
    message: str(e.detail) ?? str(e.title) ?? 'invalid',
  }));
  const first = errors[0];
  return {
    message: first ? (str(first.detail) ?? str(first.title)) : null,
    upstreamCode: first ? str(first.code) : null,
    fieldErrors,
    traceId: null,
    retryAfter: undefined,
  };
}

function parseV2Standard(body: Record<string, unknown>): Parsed | null {
  const b = body as V2StandardError;
  if (str(b.error_code) === null && str(b.message) === null) return null;
  const details = Array.isArray(b.errors) ? b.errors.filter((s) => typeof s === 'string') : [];
  return {
    message: str(b.message),
    upstreamCode: str(b.error_code),
    fieldErrors: details.map((message) => ({ field: 'input', message })),
    traceId: null,
    retryAfter: undefined,
  };
}

function parseBody(text: string): Parsed | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(body)) return null;
  return parseV3(body) ?? parseV2(body) ?? parseV2Standard(body);
}

/** Builds the LinqError for a non-2xx upstream response. */
export function errorFromResponse(res: ErrorResponse, redactor: Redactor): LinqError {
  const parsed = parseBody(res.text);
  const clean = (s: string) => redactor.scrub(s).slice(0, 500);
  const detail = parsed?.message ? clean(parsed.message) : null;
  const upstreamCode =
    typeof parsed?.upstreamCode === 'string' ? clean(parsed.upstreamCode) : parsed?.upstreamCode;
  const options: LinqErrorOptions = {
    status: res.status,
    traceId: res.traceId ?? parsed?.traceId ?? null,
    retryAfter: res.retryAfter ?? parsed?.retryAfter,
    upstreamCode: upstreamCode ?? null,
  };
  const msg = (fallback: string) => `Linq: ${detail ?? fallback} (HTTP ${res.status})`;
  const s = res.status;
  if (s === 400 || s === 413 || s === 415 || s === 422) {
    const fields = (parsed?.fieldErrors ?? []).map((f) => ({
      field: clean(f.field),
      message: clean(f.message),
    }));
    return new ValidationError(msg('invalid request'), fields, options);
  }
  if (s === 401) return new UnauthorizedError(msg('invalid or missing token'), options);
  if (s === 403) return new ForbiddenError(msg('access denied'), options);
  if (s === 404) return new NotFoundError(msg('not found'), options);
  if (s === 409) return new ConflictError(msg('conflict'), options);
  if (s === 429) return new RateLimitedError(msg('rate limited'), options);
  if (s === 408 || s >= 500) return new UpstreamUnavailableError(msg('unavailable'), options);
  return new BadUpstreamResponseError(msg('unexpected status'), options);
}
