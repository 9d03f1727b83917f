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
import {
  RequestSummaries,
  UpstreamTally,
  useRequestSummary,
  type RequestSummary,
} from './use-request-summary.js';
import { DEFAULT_MAX_QUERY_LENGTH } from './use-request-checks.js';

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
  /** The request summaries (log line, metrics); null when nothing listens. */
  readonly summaries: RequestSummaries | null;
  /** The request's trace id for its summary, when tracing is on. */
  readonly traceIdOf: ((request: Request) => string | undefined) | null;
  /** Longest query text, in characters (use-request-checks.ts). */
  readonly maxQueryLength: number;
  /** "Did you mean …?" hints are cut from messages (introspection off; use-error-codes.ts). */
  readonly hideSuggestions: boolean;
  /** The adapter's `onRequestEnd`. */
  readonly onUpstreamRequest: (event: UpstreamRequestEvent) => void;
}

export function createOperations(options: OperationsOptions = {}): Operations {
  const introspection = options.introspection ?? true;
  const tally = new UpstreamTally();
  const { metrics, logger } = options;
  const listeners: ((summary: RequestSummary) => void)[] = [];
  if (metrics) listeners.push((s) => metrics.recordRequest(s));
  if (logger) listeners.push(requestLogListener(logger));
  const summaries = listeners.length > 0 ? new RequestSummaries(tally, listeners) : null;
  const traceIdOf = options.traceIdOf ?? null;
  const plugins: Plugin[] = [];
  // First: its onExecute names the operation before a limit may refuse it (a refusal stops
  // the onExecute hooks after it).
  if (summaries) plugins.push(useRequestSummary({ summaries, traceIdOf }));
  const maxQueryLength = options.limits?.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
  plugins.push(useRequestChecks({ maxQueryLength }));
  if (options.csrf ?? true) plugins.push(useCsrf());
  plugins.push(useLimits({ blockFieldSuggestions: !introspection, ...options.limits }));
  if (!introspection) plugins.push(useDisableIntrospection());
  plugins.push(useIntrospectionDepthLimit(), useErrorCodes({ hideSuggestions: !introspection }));
  if (options.readiness) {
    const dependencies = options.readinessDependencies ?? {};
    plugins.push(useReadiness({ check: options.readiness, dependencies }));
  }
  if (metrics) plugins.push(useMetricsEndpoint({ metrics }));
  return {
    plugins,
    summaries,
    traceIdOf,
    maxQueryLength,
    hideSuggestions: !introspection,
    onUpstreamRequest: (event) => {
      tally.observe(event);
      metrics?.observeUpstream(event);
    },
  };
}
