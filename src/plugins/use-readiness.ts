/**
 * Readiness: `GET /ready` answers 200 when the Linq API (or the sandbox) is reachable, else 503.
 * Liveness is Yoga's built-in `GET /health` (the process answers; nothing else is checked).
 *
 * The probe is one cheap HTTP request to the upstream origin with a short timeout: any answer
 * below 500 (even a 404 or 401 – no token is sent) proves the network path and the server are
 * up; a refused connection, a timeout or a 5xx does not. The result is cached for `cacheMs` and
 * concurrent checks share one probe, so a busy orchestrator cannot turn /ready into load.
 */
import { useReadinessCheck, type Plugin } from 'graphql-yoga';

export interface UpstreamProbeOptions {
  /** Origin of the Linq API, e.g. `https://api.linqapp.com`. */
  baseUrl: string;
  /** @default 2000 */
  timeoutMs?: number;
  /** How long one probe result is reused. @default 5000 */
  cacheMs?: number;
}

export type ReadinessCheck = () => Promise<boolean>;

export function createUpstreamProbe(options: UpstreamProbeOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const cacheMs = options.cacheMs ?? 5_000;
  let cached: { ok: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;

  const probe = async (): Promise<boolean> => {
    try {
      const response = await fetch(options.baseUrl, {
        method: 'HEAD',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.status < 500;
    } catch {
      return false;
    }
  };

  return () => {
    if (cached && Date.now() - cached.at < cacheMs) return Promise.resolve(cached.ok);
    inFlight ??= probe().then((ok) => {
      cached = { ok, at: Date.now() };
      inFlight = null;
      return ok;
    });
    return inFlight;
  };
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
      const upstream = await check();
      const states = Object.entries(dependencies).map(([name, up]) => [name, up()] as const);
      const ready = upstream && states.every(([, up]) => up);
      const body = JSON.stringify({
        ready,
        upstream: upstream ? 'reachable' : 'unreachable',
        ...Object.fromEntries(states.map(([name, up]) => [name, up ? 'up' : 'down'])),
      });
      return new fetchAPI.Response(body, {
        status: ready ? 200 : 503,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    },
  });
}
