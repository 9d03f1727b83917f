/**
 * Tracing is off unless an OTLP endpoint is configured (src/config.ts reads the standard OTEL_*
 * variables). Off, this module is all that loads: the OpenTelemetry SDK is imported on demand.
 */
import type { Tracing, TracingConfig } from './types.js';

export type { RequestTracing, Tracing, TracingConfig } from './types.js';

export async function loadTracing(config: TracingConfig | null): Promise<Tracing | null> {
  if (!config) return null;
  const { createOtelTracing } = await import('./otel.js');
  return createOtelTracing(config);
}
