/** Configuration of `createLinqClient`, with the defaults applied in one place. */
import type { Dialect } from './model.js';

/** The part of a pino logger the adapter uses. */
export interface LinqLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
}

/** One finished HTTP attempt, for metrics and per-request accounting (`onRequestEnd`). */
export interface UpstreamRequestEvent {
  dialect: Dialect;
  method: string;
  /** The route template, e.g. `/chats/{chatId}/messages`; `upload` for presigned uploads. */
  route: string;
  /** HTTP status; null when no response arrived (network error, timeout, abort). */
  status: number | null;
  durationMs: number;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  requestId: string | undefined;
  /** Error code when no response arrived (`UND_ERR_…`, `ECONNREFUSED`, `aborted`, …). */
  error?: string;
}

/** One HTTP attempt as a tracer sees it (`tracer`; src/telemetry implements it). */
export interface UpstreamAttempt {
  method: string;
  /** The route template, e.g. `/chats/{chatId}/messages`; `upload` for presigned uploads. */
  route: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The request's origin, e.g. `https://api.linqapp.com`. */
  origin: string;
  /** The caller's traceparent (RequestOptions.traceparent): the parent of the attempt's span. */
  traceparent: string | undefined;
}

export interface UpstreamAttemptSpan {
  /** Sent upstream instead of the caller's: the attempt's own span. */
  readonly traceparent: string;
  end(status: number | null, error?: string): void;
}

/** Starts a span per HTTP attempt; must not throw. */
export interface UpstreamTracer {
  startAttempt(attempt: UpstreamAttempt): UpstreamAttemptSpan;
}

export interface LinqClientConfig {
  /** Origin of the Linq API (or the sandbox), e.g. `https://api.linqapp.com`. */
  baseUrl: string;
  dialect: Dialect;
  /** Service token used when a call brings no token of its own. */
  token?: string | null;
  /** @default 5000 */
  connectTimeoutMs?: number;
  /** Time to wait for response headers, per attempt. @default 15000 */
  headersTimeoutMs?: number;
  /** Maximum idle time between two body chunks, per attempt. @default 30000 */
  bodyTimeoutMs?: number;
  /** @default 2 */
  maxRetries?: number;
  /** First backoff step; doubles per retry, with jitter. @default 500 */
  retryBaseDelayMs?: number;
  /** Longest single wait (backoff or Retry-After); longer waits fail fast. @default 30000 */
  retryMaxDelayMs?: number;
  /** Connections per upstream origin. @default 64 */
  connections?: number;
  /** Largest JSON response accepted. @default 16 MiB */
  maxResponseBytes?: number;
  /**
   * Consecutive "Linq is down" failures of one route that open its circuit (breaker.ts);
   * 0 turns circuit breaking off. @default 0
   */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before letting a probe through. @default 5000 */
  breakerHalfOpenMs?: number;
  logger?: LinqLogger | null;
  /** Called after every HTTP attempt (never throws into the adapter). */
  onRequestEnd?: ((event: UpstreamRequestEvent) => void) | null;
  /** Traces every HTTP attempt (OpenTelemetry, src/telemetry); none by default. */
  tracer?: UpstreamTracer | null;
}

/** The defaults of LinqClientConfig (the server's settings default to the same, config.ts). */
export const CLIENT_DEFAULTS = Object.freeze({
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 30_000,
  maxRetries: 2,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  connections: 64,
  maxResponseBytes: 16 * 1024 * 1024,
  breakerThreshold: 0,
  breakerHalfOpenMs: 5_000,
});

type Optional = 'token' | 'logger' | 'onRequestEnd' | 'tracer';
export type ResolvedConfig = Required<Omit<LinqClientConfig, Optional>> & {
  token: string | null;
  logger: LinqLogger | null;
  onRequestEnd: ((event: UpstreamRequestEvent) => void) | null;
  tracer: UpstreamTracer | null;
  /** `baseUrl`'s origin. */
  origin: string;
  /** `/api/partner/v2` or `/api/partner/v3`. */
  basePath: string;
};

export function resolveConfig(config: LinqClientConfig): ResolvedConfig {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new TypeError('createLinqClient: baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('createLinqClient: baseUrl must be an absolute http(s) URL');
  }
  if (config.dialect !== 'v2' && config.dialect !== 'v3') {
    throw new TypeError("createLinqClient: dialect must be 'v2' or 'v3'");
  }
  return {
    baseUrl: config.baseUrl,
    dialect: config.dialect,
    token: config.token ?? null,
    connectTimeoutMs: config.connectTimeoutMs ?? CLIENT_DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs ?? CLIENT_DEFAULTS.headersTimeoutMs,
    bodyTimeoutMs: config.bodyTimeoutMs ?? CLIENT_DEFAULTS.bodyTimeoutMs,
    maxRetries: config.maxRetries ?? CLIENT_DEFAULTS.maxRetries,
    retryBaseDelayMs: config.retryBaseDelayMs ?? CLIENT_DEFAULTS.retryBaseDelayMs,
    retryMaxDelayMs: config.retryMaxDelayMs ?? CLIENT_DEFAULTS.retryMaxDelayMs,
    connections: config.connections ?? CLIENT_DEFAULTS.connections,
    maxResponseBytes: config.maxResponseBytes ?? CLIENT_DEFAULTS.maxResponseBytes,
    breakerThreshold: config.breakerThreshold ?? CLIENT_DEFAULTS.breakerThreshold,
    breakerHalfOpenMs: config.breakerHalfOpenMs ?? CLIENT_DEFAULTS.breakerHalfOpenMs,
    logger: config.logger ?? null,
    onRequestEnd: config.onRequestEnd ?? null,
    tracer: config.tracer ?? null,
    origin: url.origin,
    basePath: `/api/partner/${config.dialect}`,
  };
}
