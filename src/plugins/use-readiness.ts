/**
 * Readiness: `GET /ready` answers 200 when the Linq API (or the sandbox) is reachable and, with
 * a configured service token, accepts that token; else 503 with the reason. Liveness is Yoga's
 * built-in `GET /health` (the process answers; nothing else is checked).
 *
 * With a token the probe is one cheap authenticated read, the account's phone numbers, in the
 * configured dialect, through its own small client (no retries, short timeouts): 401/403 mean
 * the token is rejected; an answer that is not the Linq API's (a 404, HTML, another JSON shape)
 * means the base URL is not Linq; no answer, a timeout or a 5xx mean unreachable. A 429 proves
 * both the server and the token, so it is ready. Without a token (every caller brings its own)
 * the probe is a HEAD of the origin: any answer below 500 is ready.
 *
 * The result is cached for `cacheMs` and concurrent checks share one probe, so a busy
 * orchestrator cannot turn /ready into load. Reasons never contain the token.
 */
import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import { createLinqClient, LinqError, type LinqApi } from '../upstream/index.js';
import type { Dialect } from '../upstream/model.js';

export interface Readiness {
  ready: boolean;
  upstream: 'reachable' | 'unreachable' | 'not_linq';
  /** `unchecked`: no service token is configured (callers bring their own). */
  token: 'accepted' | 'rejected' | 'unchecked' | 'unknown';
  reason?: string;
}

export interface ReadinessCheck {
  (): Promise<Readiness>;
  /** Closes the probe's connections. */
  close?(): Promise<void>;
}

export interface UpstreamProbeOptions {
  /** Origin of the Linq API, e.g. `https://api.linqapp.com`. */
  baseUrl: string;
  /** With a token, the probe verifies that the upstream accepts it, in this dialect. */
  dialect?: Dialect;
  token?: string | null;
  /** @default 2000 */
  timeoutMs?: number;
  /** How long one probe result is reused. @default 5000 */
  cacheMs?: number;
}

const UNREACHABLE: Readiness = { ready: false, upstream: 'unreachable', token: 'unknown' };

async function headProbe(baseUrl: string, timeoutMs: number): Promise<Readiness> {
  try {
    const response = await fetch(baseUrl, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status < 500) return { ready: true, upstream: 'reachable', token: 'unchecked' };
    return { ...UNREACHABLE, reason: `the upstream answers ${response.status}` };
  } catch {
    return { ...UNREACHABLE, reason: 'the upstream does not answer' };
  }
}

/** What one authenticated read says about the upstream and the token. */
function judge(error: unknown): Readiness {
  if (!(error instanceof LinqError)) {
    return { ...UNREACHABLE, reason: 'the upstream does not answer' };
  }
  const status = error.status ? ` (HTTP ${error.status})` : '';
  switch (error.code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return {
        ready: false,
        upstream: 'reachable',
        token: 'rejected',
        reason: `the upstream rejects LINQ_TOKEN${status}`,
      };
    case 'RATE_LIMITED':
      return { ready: true, upstream: 'reachable', token: 'accepted' };
    case 'UPSTREAM_UNAVAILABLE':
      return { ...UNREACHABLE, reason: `the upstream is unavailable${status}` };
    default:
      // A 404, a body that is not JSON or not the Linq API's shape: something else answers.
      return {
        ready: false,
        upstream: 'not_linq',
        token: 'unknown',
        reason: `LINQ_BASE_URL does not answer like the Linq API${status}`,
      };
  }
}

/** How long a probe may take, and how long its answer is reused (READY_* settings). */
export const DEFAULT_READINESS = Object.freeze({ timeoutMs: 2_000, cacheMs: 5_000 });

export function createUpstreamProbe(options: UpstreamProbeOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READINESS.timeoutMs;
  const cacheMs = options.cacheMs ?? DEFAULT_READINESS.cacheMs;
  let cached: { result: Readiness; at: number } | null = null;
  let inFlight: Promise<Readiness> | null = null;

  let api: LinqApi | null = null;
  if (options.token && options.dialect) {
    api = createLinqClient({
      baseUrl: options.baseUrl,
      dialect: options.dialect,
      token: options.token,
      maxRetries: 0,
      connections: 2,
      connectTimeoutMs: timeoutMs,
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
    });
  }
  const probe = async (): Promise<Readiness> => {
    if (!api) return headProbe(options.baseUrl, timeoutMs);
    try {
      await api.listPhoneNumbers({ timeoutMs, maxRetries: 0 });
      return { ready: true, upstream: 'reachable', token: 'accepted' };
    } catch (error) {
      return judge(error);
    }
  };

  const check: ReadinessCheck = () => {
    if (cached && Date.now() - cached.at < cacheMs) return Promise.resolve(cached.result);
    inFlight ??= probe().then((result) => {
      cached = { result, at: Date.now() };
      inFlight = null;
      return result;
    });
    return inFlight;
  };
  check.close = async () => {
    await api?.close();
  };
  return check;
}

/** A local dependency's readiness, e.g. the Redis connections of the real-time bus. */
export type DependencyCheck = () => boolean;

export interface ReadinessPluginOptions {
  check: ReadinessCheck;
  /** Further dependencies by name: /ready is 503 while one is false. */
  dependencies?: Record<string, DependencyCheck>;
  /** @default '/ready' */
  endpoint?: string;
}

export function useReadiness({
  check,
  dependencies = {},
  endpoint = '/ready',
}: ReadinessPluginOptions): Plugin {
  return useReadinessCheck({
    endpoint,
    check: async ({ fetchAPI }) => {
      const result = await check();
      const states = Object.entries(dependencies).map(([name, up]) => [name, up()] as const);
      const ready = result.ready && states.every(([, up]) => up);
      const body = JSON.stringify({
        ...result,
        ready,
        ...Object.fromEntries(states.map(([name, up]) => [name, up ? 'up' : 'down'])),
      });
      return new fetchAPI.Response(body, {
        status: ready ? 200 : 503,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    },
  });
}
