/** One CLIENT span per HTTP attempt to Linq: the adapter's `tracer` (src/upstream/http/transport.ts). */
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { UpstreamTracer } from '../upstream/index.js';
import { contextFrom, traceparentOf } from './propagation.js';

export function upstreamTracer(tracer: Tracer): UpstreamTracer {
  return {
    startAttempt({ method, route, attempt, origin, traceparent }) {
      const span = tracer.startSpan(
        `${method} ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': method,
            'url.template': route,
            'server.address': new URL(origin).hostname,
            'linq.upstream.attempt': attempt,
            ...(attempt > 1 ? { 'http.request.resend_count': attempt - 1 } : {}),
          },
        },
        contextFrom(traceparent),
      );
      return {
        traceparent: traceparentOf(span),
        end(status, error) {
          if (status !== null) span.setAttribute('http.response.status_code', status);
          if (status === null || status >= 400) {
            const type = error ?? String(status);
            span.setAttribute('error.type', type);
            span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          }
          span.end();
        },
      };
    },
  };
}
