/**
 * Tracing settings from the standard OpenTelemetry variables. Tracing is on when an OTLP
 * endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT plus
 * `/v1/traces`), unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
 */
import { z } from 'zod';
import type { TracingConfig } from './types.js';

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

const PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const protocol = z.enum(PROTOCOLS, { message: `must be one of ${PROTOCOLS.join(', ')}` });

const otelEnv = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { message: 'must be otlp or none' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(256).optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
});

/** The tracing config, null when tracing is off, or the problems (variable: message). */
export function readTracingConfig(
  source: Record<string, string | undefined>,
): { config: TracingConfig | null } | { problems: string[] } {
  const parsed = otelEnv.safeParse(source);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base}/v1/traces`);
  if (!endpoint || e.OTEL_SDK_DISABLED === 'true' || e.OTEL_TRACES_EXPORTER === 'none') {
    return { config: null };
  }
  return {
    config: Object.freeze({
      endpoint,
      protocol:
        e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
      serviceName: e.OTEL_SERVICE_NAME ?? 'linq-graphql-gateway',
      sampler: e.OTEL_TRACES_SAMPLER,
      samplerRatio: e.OTEL_TRACES_SAMPLER_ARG ?? 1,
    }),
  };
}
