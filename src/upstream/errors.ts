/**
 * The adapter's error hierarchy. Callers branch on `instanceof` or on the stable `code`.
 * Every upstream-provided string is scrubbed of tokens before it is put into an error.
 */

export type LinqErrorCode =
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'BAD_UPSTREAM_RESPONSE'
  | 'UNSUPPORTED_BY_DIALECT'
  | 'REQUEST_ABORTED';

export interface FieldError {
  field: string;
  message: string;
}

export interface LinqErrorOptions {
  /** HTTP status from upstream; 0 when no response was received or the error is local. */
  status?: number;
  /** v3 `X-Trace-ID` / `trace_id`, when the upstream sent one. */
  traceId?: string | null;
  /** Seconds to wait before trying again, when known. */
  retryAfter?: number;
  /** The upstream's own error code (v3 numeric code, v2 string code), scrubbed. */
  upstreamCode?: string | number | null;
  cause?: unknown;
}

export class LinqError extends Error {
  readonly code: LinqErrorCode;
  readonly status: number;
  readonly traceId: string | null;
  readonly retryAfter: number | undefined;
  readonly upstreamCode: string | number | null;

  constructor(code: LinqErrorCode, message: string, options: LinqErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 0;
    this.traceId = options.traceId ?? null;
    this.retryAfter = options.retryAfter;
    this.upstreamCode = options.upstreamCode ?? null;
  }
}

export class NotFoundError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('NOT_FOUND', message, options);
  }
}

export class UnauthorizedError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('UNAUTHENTICATED', message, options);
  }
}

export class ForbiddenError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('FORBIDDEN', message, options);
  }
}

export class ValidationError extends LinqError {
  readonly fieldErrors: FieldError[];

  constructor(message: string, fieldErrors: FieldError[] = [], options?: LinqErrorOptions) {
    super('BAD_USER_INPUT', message, options);
    this.fieldErrors = fieldErrors;
  }
}

export class ConflictError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('CONFLICT', message, options);
  }
}

export class RateLimitedError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('RATE_LIMITED', message, options);
  }
}

/** 5xx, 408, timeouts, resets and refused connections. */
export class UpstreamUnavailableError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('UPSTREAM_UNAVAILABLE', message, options);
  }
}

/**
 * The caller's request was aborted (its client went away) before this call finished: no one is
 * owed its answer, and it is no failure of the gateway or of Linq (not logged as one).
 */
export class RequestAbortedError extends LinqError {
  /** What graphql-js copies into the located error of the field that threw it. */
  readonly extensions = { code: 'REQUEST_ABORTED' } as const;

  constructor(message: string, options?: LinqErrorOptions) {
    super('REQUEST_ABORTED', message, options);
  }
}

/** The upstream answered, but with something we cannot use (bad JSON, wrong shape, odd status). */
export class BadUpstreamResponseError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('BAD_UPSTREAM_RESPONSE', message, options);
  }
}

/** The configured dialect cannot do what was asked (e.g. `last`/`before` on v3). */
export class UnsupportedByDialectError extends LinqError {
  constructor(message: string, options?: LinqErrorOptions) {
    super('UNSUPPORTED_BY_DIALECT', message, options);
  }
}

/** A ValidationError for one bad argument. */
export function badInput(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}
