/**
 * W3C trace context in and out of the strings the gateway carries (headers, RequestOptions,
 * chat events), with OpenTelemetry's own propagator.
 */
import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/** The context a `traceparent` (and `tracestate`) continues; the root context without one. */
export function contextFrom(
  traceparent: string | null | undefined,
  tracestate?: string | null,
): Context {
  if (!traceparent) return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent };
  if (tracestate) carrier['tracestate'] = tracestate;
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** The context of an incoming HTTP request (its `traceparent`/`tracestate` headers). */
export const contextOfRequest = (request: Request): Context =>
  contextFrom(request.headers.get('traceparent'), request.headers.get('tracestate'));

/** The `traceparent` naming `span` as the parent. */
export function traceparentOf(span: Span): string {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  return carrier['traceparent'] ?? '';
}
