/**
 * What the rest of the gateway sees of tracing. Nothing here imports OpenTelemetry: with tracing
 * off (no OTEL_* endpoint) these are all absent and the SDK is never loaded (see ./index.ts).
 */
import type { Plugin } from 'graphql-yoga';
import type { UpstreamTracer } from '../upstream/client-config.js';
import type { ChatEvent } from '../realtime/webhooks/events.js';

/** What a GraphQL context needs: spans around each subscription event. */
export interface RequestTracing {
  /**
   * Runs `deliver` inside a span for one subscription event (a child of the span that published
   * it, when the event carries a traceparent); `deliver` gets that span's traceparent for its
   * upstream calls.
   */
  subscriptionEvent<T>(
    event: ChatEvent,
    deliver: (traceparent: string | undefined) => Promise<T>,
  ): Promise<T>;
}

export interface Tracing extends RequestTracing {
  /** Yoga plugin: one SERVER span per GraphQL operation. */
  readonly plugin: Plugin;
  /** The adapter's hook: one CLIENT span per HTTP attempt to Linq. */
  readonly upstream: UpstreamTracer;
  /** The traceparent of the operation span of this request (for its upstream calls). */
  traceparentOf(request: Request, params?: object): string | undefined;
  /** The trace id of this request's operation span (for the request log line). */
  traceIdOf(request: Request): string | undefined;
  /** Runs a webhook delivery inside a SERVER span (publishes under it become its children). */
  webhook(request: Request, run: () => Promise<Response>): Promise<Response>;
  /** Publishes `event` (given back with the traceparent of a PRODUCER span) under that span. */
  publish(
    event: ChatEvent,
    system: 'memory' | 'redis',
    run: (event: ChatEvent) => Promise<void>,
  ): Promise<void>;
  /** Exports every ended span now. */
  flush(): Promise<void>;
  /** Flushes and stops the exporter. */
  shutdown(): Promise<void>;
}

export interface TracingConfig {
  /** Full URL of the OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces. */
  readonly endpoint: string;
  readonly protocol: 'http/protobuf' | 'http/json';
  readonly serviceName: string;
  /** OTEL_TRACES_SAMPLER: always_on, parentbased_traceidratio, … */
  readonly sampler: string;
  /** OTEL_TRACES_SAMPLER_ARG, for the ratio samplers (0–1). */
  readonly samplerRatio: number;
}
