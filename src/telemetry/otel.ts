/**
 * The OpenTelemetry SDK, loaded only when tracing is configured (./index.ts): a tracer provider
 * with the sampler from OTEL_TRACES_SAMPLER(_ARG), the service name and OTEL_RESOURCE_ATTRIBUTES
 * as its resource, and an OTLP/HTTP exporter (protobuf or JSON) behind a batch processor
 * (OTEL_BSP_*). The context manager (AsyncLocalStorage) lets a webhook's span parent its publish.
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { eventSpans } from './event-spans.js';
import { operationSpans } from './operation-spans.js';
import type { Tracing, TracingConfig } from './types.js';
import { upstreamTracer } from './upstream-spans.js';

/** The sampler OTEL_TRACES_SAMPLER names (parent-based ones follow the caller's decision). */
function samplerOf(config: TracingConfig): Sampler {
  const root = config.sampler.endsWith('always_off')
    ? new AlwaysOffSampler()
    : config.sampler.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(config.samplerRatio)
      : new AlwaysOnSampler();
  return config.sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

let contextManager: AsyncLocalStorageContextManager | null = null;

export function createOtelTracing(config: TracingConfig): Tracing {
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const exporter =
    config.protocol === 'http/json'
      ? new JsonExporter({ url: config.endpoint })
      : new ProtobufExporter({ url: config.endpoint });
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('linq-graphql-gateway');
  const operations = operationSpans(tracer);
  return {
    plugin: operations.plugin,
    traceparentOf: operations.traceparentOf,
    traceIdOf: operations.traceIdOf,
    upstream: upstreamTracer(tracer),
    ...eventSpans(tracer),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
