/**
 * Prometheus metrics (prom-client) on `GET /metrics`, from a registry of our own (never the
 * global one, so two gateways in one process – tests – do not collide):
 *
 *   graphql_requests_total{operation,type,outcome}        outcome: ok | error
 *   graphql_request_duration_seconds{operation,type}      histogram
 *   graphql_errors_total{operation,code}                  one per error, by extensions.code
 *   linq_upstream_requests_total{method,route,status}     status: HTTP status, or `error`
 *   linq_upstream_request_duration_seconds{method,route}  histogram
 *   + prom-client's default process metrics (CPU, memory, event loop lag, GC)
 *
 * Operation names come from clients, so they are capped: at most MAX_OPERATION_NAMES distinct
 * names get their own series, the rest are counted as `other`. The series updated on every
 * request are metric-series.ts's (prom-client re-hashes labels on every update); the error
 * counter, updated per error, is prom-client's.
 */
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { SeriesCounter, SeriesHistogram } from './metric-series.js';
import type { UpstreamRequestEvent } from '../upstream/index.js';
import type { RequestSummary } from './use-request-summary.js';

export const MAX_OPERATION_NAMES = 100;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Listener for use-request-summary.ts. */
  recordRequest(summary: RequestSummary): void;
  /** Pass to the adapter as (part of) `onRequestEnd`. */
  observeUpstream(event: UpstreamRequestEvent): void;
}

export function createGatewayMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new SeriesCounter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation, type and outcome (error when any error was returned).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers,
  });
  const duration = new SeriesHistogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration, from parameters parsed to response ready.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned, by operation and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers,
  });
  const upstream = new SeriesCounter({
    name: 'linq_upstream_requests_total',
    help: 'HTTP requests to the Linq API (each retry counts), by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const upstreamDuration = new SeriesHistogram({
    name: 'linq_upstream_request_duration_seconds',
    help: 'Duration of HTTP requests to the Linq API, by route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
    registers,
  });

  const seen = new Set<string>();
  const operationLabel = (name: string | null): string => {
    if (name === null) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_NAMES) return 'other';
    seen.add(name);
    return name;
  };
  const code = (c: string) => (/^[A-Z][A-Z0-9_]{0,63}$/.test(c) ? c : 'UNKNOWN');

  return {
    registry,
    recordRequest(s) {
      const operation = operationLabel(s.operationName);
      const type = s.operationType ?? 'none';
      const failed = s.errorCodes.length > 0 || s.httpStatus >= 400;
      requests.series(operation, type, failed ? 'error' : 'ok').inc();
      duration.series(operation, type).observe(s.durationMs / 1000);
      for (const c of s.errorCodes) errors.inc({ operation, code: code(c) });
    },
    observeUpstream(e) {
      const status = e.status === null ? 'error' : String(e.status);
      upstream.series(e.method, e.route, status).inc();
      upstreamDuration.series(e.method, e.route).observe(e.durationMs / 1000);
    },
  };
}

export interface MetricsPluginOptions {
  metrics: GatewayMetrics;
  /** @default '/metrics' */
  endpoint?: string;
}

/** Serves the registry in the Prometheus text format on GET `endpoint`. */
export function useMetricsEndpoint(options: MetricsPluginOptions): Plugin {
  const { metrics, endpoint = '/metrics' } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      if (request.method !== 'GET') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      const body = await metrics.registry.metrics();
      const headers = { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' };
      endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
