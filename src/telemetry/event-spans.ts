/**
 * Spans of the real-time path: a webhook delivery (SERVER) → its publish to the chat event bus
 * (PRODUCER, the event then carries its traceparent, through Redis too) → each subscriber's
 * handling of the event (CONSUMER), under which its upstream reads are made.
 */
import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { ChatEvent } from '../realtime/webhooks/events.js';
import { contextFrom, contextOfRequest, traceparentOf } from './propagation.js';
import type { Tracing } from './types.js';

const eventAttributes = (event: ChatEvent) => ({
  'linq.event.type': event.type,
  'linq.event.id': event.eventId,
  'linq.dialect': event.dialect,
});

async function inSpan<T>(span: Span, run: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), run);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'Error' });
    throw error;
  } finally {
    span.end();
  }
}

export function eventSpans(
  tracer: Tracer,
): Pick<Tracing, 'webhook' | 'publish' | 'subscriptionEvent'> {
  return {
    webhook(request, run) {
      const path = new URL(request.url).pathname;
      const span = tracer.startSpan(
        `${request.method} ${path}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'http.route': path },
        },
        contextOfRequest(request),
      );
      return inSpan(span, async () => {
        const response = await run();
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      });
    },

    publish(event, system, run) {
      const span = tracer.startSpan('publish chat-events', {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': system,
          'messaging.operation.type': 'send',
          'messaging.destination.name': `chat:${event.dialect}`,
          ...eventAttributes(event),
        },
      });
      return inSpan(span, () => run({ ...event, traceparent: traceparentOf(span) }));
    },

    subscriptionEvent(event, deliver) {
      const span = tracer.startSpan(
        `process ${event.type}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: { 'messaging.operation.type': 'process', ...eventAttributes(event) },
        },
        contextFrom(event.traceparent),
      );
      return inSpan(span, () => deliver(traceparentOf(span)));
    },
  };
}
