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

/** Marks a span failed with the result's error codes (none: unchanged). */
function failed(span: Span, codes: string[]): void {
  if (codes.length === 0) return;
  span.setAttribute('linq.graphql.error_codes', codes);
  span.setAttribute('error.type', codes[0] ?? 'UNKNOWN');
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
}

/** Ends a graphql-ws operation's span with its result (a stream: once it started). */
const ending =
  (span: Span) =>
  ({ result }: { result: unknown }): void => {
    if (!(Symbol.asyncIterator in Object(result))) failed(span, errorCodes(result));
    span.end();
  };

interface Args {
  contextValue: {
    request: Request;
    params?: object;
    setTraceparent?: (traceparent: string | undefined) => void;
  };
  document: DocumentNode;
  operationName?: string | null;
}

export function operationSpans(tracer: Tracer): OperationSpans {
  const byParams = new WeakMap<object, Started>();
  const byRequest = new WeakMap<Request, Started[]>();
  const traceIds = new WeakMap<Request, string>();

  const startedFor = (request: Request, params?: object): Started | undefined =>
    (params && byParams.get(params)) || byRequest.get(request)?.[0];

  const start = (request: Request, operationName?: string | null): Started => {
    const span = tracer.startSpan(
      'graphql operation',
      {
        kind: SpanKind.SERVER,
        attributes: {
          'linq.request.id': requestIdOf(request),
          ...(operationName ? { 'graphql.operation.name': operationName } : {}),
        },
      },
      contextOfRequest(request),
    );
    traceIds.set(request, span.spanContext().traceId);
    return { span, traceparent: traceparentOf(span) };
  };

  /**
   * The operation's span. Over graphql-ws there was no onParams: the span starts here, its
   * traceparent goes into the context built before it, and `ends` says it ends after execution.
   */
  const spanOf = (args: Args): { started: Started; ends: boolean } => {
    const found = startedFor(args.contextValue.request, args.contextValue.params);
    if (found) return { started: found, ends: false };
    const started = start(args.contextValue.request, args.operationName);
    args.contextValue.setTraceparent?.(started.traceparent);
    return { started, ends: true };
  };

  const named = (started: Started, args: Args) => {
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
      const started = start(request, params.operationName);
      started.span.setAttribute('http.request.method', request.method);
      byParams.set(params, started);
      const list = byRequest.get(request);
      if (list) list.push(started);
      else byRequest.set(request, [started]);
    },
    onExecute({ args }) {
      const { started, ends } = spanOf(args);
      named(started, args);
      if (!ends) return;
      return { onExecuteDone: ending(started.span) };
    },
    onSubscribe({ args }) {
      const { started, ends } = spanOf(args);
      named(started, args);
      if (!ends) return;
      return {
        onSubscribeResult: ending(started.span),
        onSubscribeError() {
          started.span.setStatus({ code: SpanStatusCode.ERROR });
          started.span.end();
        },
      };
    },
    onResultProcess({ request, result }) {
      const list = byRequest.get(request);
      if (!list || Symbol.asyncIterator in Object(result)) return;
      const results = Array.isArray(result) ? result : [result];
      list.forEach(({ span }, i) => failed(span, errorCodes(results[i])));
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
