/**
 * The production-operations plugins in one place, so src/yoga.ts adds them with one line:
 * limits (always), introspection control, CSRF prevention, readiness, metrics and the request
 * log. `createOperations` also returns the adapter hook (`onUpstreamRequest`) that feeds the
 * upstream metrics and the per-request upstream call count: pass it to createLinqClient.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { UpstreamRequestEvent } from '../upstream/index.js';
import { useCsrf } from './use-csrf.js';
import { useErrorCodes } from './use-error-codes.js';
import { useDisableIntrospection, useIntrospectionDepthLimit } from './use-introspection.js';
import { useLimits, type LimitsPluginOptions } from '../limits/use-limits.js';
import { useMetricsEndpoint, type GatewayMetrics } from './use-metrics.js';
import { useReadiness, type DependencyCheck, type ReadinessCheck } from './use-readiness.js';
import { useRequestChecks } from './use-request-checks.js';
import { requestLogListener } from './use-request-log.js';
import { UpstreamTally, useRequestSummary, type RequestSummary } from './use-request-summary.js';

export interface OperationsOptions {
  limits?: LimitsPluginOptions;
  /** Allow `__schema`, `__type`, `_service`; false also hides field suggestions. @default true */
  introspection?: boolean;
  /** Require a preflight header on simple (form, multipart, GET) requests. @default true */
  csrf?: boolean;
  /** Serve `GET /ready` from this check. */
  readiness?: ReadinessCheck | null;
  /** Local dependencies /ready also reports (e.g. `redis`). */
  readinessDependencies?: Record<string, DependencyCheck>;
  /** Serve `GET /metrics` and record into these metrics. */
  metrics?: GatewayMetrics | null;
  /** Write one line per GraphQL request. */
  logger?: Logger | null;
  /** The request's trace id for its log line (src/telemetry), when tracing is on. */
  traceIdOf?: ((request: Request) => string | undefined) | null;
}

export interface Operations {
  readonly plugins: Plugin[];
  /** The adapter's `onRequestEnd`. */
  readonly onUpstreamRequest: (event: UpstreamRequestEvent) => void;
}

export function createOperations(options: OperationsOptions = {}): Operations {
  const introspection = options.introspection ?? true;
  const tally = new UpstreamTally();
  const listeners: ((summary: RequestSummary) => void)[] = [];
  const plugins: Plugin[] = [];
  const maxQueryLength = options.limits?.maxQueryLength;
  plugins.push(useRequestChecks(maxQueryLength === undefined ? {} : { maxQueryLength }));
  if (options.csrf ?? true) plugins.push(useCsrf());
  plugins.push(useLimits({ blockFieldSuggestions: !introspection, ...options.limits }));
  if (!introspection) plugins.push(useDisableIntrospection());
  plugins.push(useIntrospectionDepthLimit(), useErrorCodes({ hideSuggestions: !introspection }));
  if (options.readiness) {
    const dependencies = options.readinessDependencies ?? {};
    plugins.push(useReadiness({ check: options.readiness, dependencies }));
  }
  const { metrics, logger } = options;
  if (metrics) {
    plugins.push(useMetricsEndpoint({ metrics }));
    listeners.push((s) => metrics.recordRequest(s));
  }
  if (logger) listeners.push(requestLogListener(logger));
  if (listeners.length > 0)
    plugins.push(useRequestSummary({ tally, listeners, traceIdOf: options.traceIdOf }));
  return {
    plugins,
    onUpstreamRequest: (event) => {
      tally.observe(event);
      metrics?.observeUpstream(event);
    },
  };
}
