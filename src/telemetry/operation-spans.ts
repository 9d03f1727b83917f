/**
 * Yoga plugin: one SERVER span per GraphQL operation (each operation of a batch has its own),
 * continuing the request's `traceparent`. It is named `<type> <name>` once the operation is
 * known, carries the caller id (`linq.caller.id`, when the context has one), the request id
 * and the error codes of the result, and ends with the HTTP response (for a subscription: when
 * its stream starts; its events get spans of their own, see event-spans.ts).
 */
import { SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from '../plugins/use-request-id.js';
import { contextOfRequest, traceparentOf } from './propagation.js';

export interface OperationSpans {
  readonly plugin: Plugin;
  traceparentOf(request: Request, params?: object): string | undefined;
  traceIdOf(request: Request): string | undefined;
}

interface Started {
  span: Span;
  traceparent: string;
}

/** The caller's id, when the context knows one (`caller.id` or `callerId`). */
function callerId(contextValue: unknown): string | undefined {
  const ctx = contextValue as { caller?: { id?: unknown } | null; callerId?: unknown } | null;
  const id = ctx?.caller?.id ?? ctx?.callerId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function errorCodes(result: unknown): string[] {
  return ((result as ExecutionResult | null)?.errors ?? []).map((e) => {
    const code = e.extensions?.['code'];
    return typeof code === 'string' ? code : 'UNKNOWN';
  });
}

export function operationSpans(tracer: Tracer): OperationSpans {
  const byParams = new WeakMap<object, Started>();
  const byRequest = new WeakMap<Request, Started[]>();
  const traceIds = new WeakMap<Request, string>();

  const startedFor = (request: Request, params?: object): Started | undefined =>
    (params && byParams.get(params)) || byRequest.get(request)?.[0];

  const named = (args: {
    contextValue: { request: Request; params?: object };
    document: DocumentNode;
    operationName?: string | null;
  }) => {
    const started = startedFor(args.contextValue.request, args.contextValue.params);
    if (!started) return;
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return;
    const name = operation.name?.value;
    started.span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
    started.span.setAttribute('graphql.operation.type', operation.operation);
    if (name) started.span.setAttribute('graphql.operation.name', name);
    const caller = callerId(args.contextValue);
    if (caller !== undefined) started.span.setAttribute('linq.caller.id', caller);
  };

  const plugin: Plugin = {
    onParams({ params, request }) {
      const span = tracer.startSpan(
        'graphql operation',
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': request.method,
            'linq.request.id': requestIdOf(request),
            ...(params.operationName ? { 'graphql.operation.name': params.operationName } : {}),
          },
        },
        contextOfRequest(request),
      );
      const started = { span, traceparent: traceparentOf(span) };
      byParams.set(params, started);
      const list = byRequest.get(request);
      if (list) list.push(started);
      else byRequest.set(request, [started]);
      traceIds.set(request, span.spanContext().traceId);
    },
    onExecute({ args }) {
      named(args);
    },
    onSubscribe({ args }) {
      named(args);
    },
    onResultProcess({ request, result }) {
      const list = byRequest.get(request);
      if (!list || Symbol.asyncIterator in Object(result)) return;
      const results = Array.isArray(result) ? result : [result];
      list.forEach(({ span }, i) => {
        const codes = errorCodes(results[i]);
        if (codes.length === 0) return;
        span.setAttribute('linq.graphql.error_codes', codes);
        span.setAttribute('error.type', codes[0] ?? 'UNKNOWN');
        span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
      });
    },
    onResponse({ request, response }) {
      const list = byRequest.get(request);
      if (!list) return;
      byRequest.delete(request);
      for (const { span } of list) {
        span.setAttribute('http.response.status_code', response.status);
        span.end();
      }
    },
  };

  return {
    plugin,
    traceparentOf: (request, params) => startedFor(request, params)?.traceparent,
    traceIdOf: (request) => traceIds.get(request),
  };
}
