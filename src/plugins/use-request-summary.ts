/**
 * Yoga plugin: one summary per GraphQL request – request id, operation name and type, duration,
 * HTTP status, error codes and the number of upstream (Linq) HTTP requests it caused – handed to
 * listeners when the response is ready. The request log line and the Prometheus metrics are
 * both built from it (use-request-log.ts, use-metrics.ts).
 *
 * Upstream requests are attributed through the request id the adapter carries on every call
 * (RequestOptions.requestId → UpstreamRequestEvent.requestId); see UpstreamTally.
 */
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { UpstreamRequestEvent } from '../upstream/index.js';
import { knownCallerOf } from '../auth/use-auth.js';
import { requestIdOf } from './use-request-id.js';

export interface RequestSummary {
  requestId: string;
  /** Who sent it (`jwt:<sub>`, `key:<name>`, `linq:<hash>`, `anonymous`); null: refused. */
  caller: string | null;
  /** From the document (or the request's operationName); null for anonymous operations. */
  operationName: string | null;
  /** query, mutation or subscription; null when the document never validated. */
  operationType: string | null;
  durationMs: number;
  httpStatus: number;
  /** `extensions.code` of each error, in order (`UNKNOWN` when an error has none). */
  errorCodes: string[];
  /** HTTP requests to Linq (retries included) made for this request. */
  upstreamCalls: number;
  /** The OpenTelemetry trace id of the request, when tracing is on. */
  traceId?: string;
}

/**
 * Counts upstream HTTP requests per open GraphQL request id. Ids are the caller's x-request-id
 * when it sends one, so two concurrent requests that bring the same id share one count.
 */
export class UpstreamTally {
  readonly #open = new Map<string, { calls: number; refs: number }>();

  open(requestId: string): void {
    const entry = this.#open.get(requestId);
    if (entry) entry.refs += 1;
    else this.#open.set(requestId, { calls: 0, refs: 1 });
  }

  /** Pass to the adapter as (part of) `onRequestEnd`. */
  readonly observe = (event: UpstreamRequestEvent): void => {
    if (event.requestId === undefined) return;
    const entry = this.#open.get(event.requestId);
    if (entry) entry.calls += 1;
  };

  /** The count so far; forgets the id when its last request closes. */
  close(requestId: string): number {
    const entry = this.#open.get(requestId);
    if (!entry) return 0;
    entry.refs -= 1;
    if (entry.refs <= 0) this.#open.delete(requestId);
    return entry.calls;
  }
}

/** The summaries of open requests: opened when a request arrives, handed to listeners when it is answered. */
export class RequestSummaries {
  constructor(
    readonly tally: UpstreamTally,
    readonly listeners: readonly ((summary: RequestSummary) => void)[],
  ) {}

  open(requestId: string): void {
    this.tally.open(requestId);
  }

  close(requestId: string, answered: Omit<RequestSummary, 'requestId' | 'upstreamCalls'>): void {
    const summary: RequestSummary = {
      requestId,
      caller: answered.caller,
      operationName: answered.operationName,
      operationType: answered.operationType,
      durationMs: answered.durationMs,
      httpStatus: answered.httpStatus,
      errorCodes: answered.errorCodes,
      upstreamCalls: this.tally.close(requestId),
    };
    if (answered.traceId) summary.traceId = answered.traceId;
    for (const listener of this.listeners) listener(summary);
  }
}

/** Milliseconds since `started` (performance.now()), to a tenth. */
export const durationSince = (started: number): number =>
  Math.round((performance.now() - started) * 10) / 10;

export interface RequestSummaryPluginOptions {
  summaries: RequestSummaries;
  /** The request's trace id (src/telemetry), when tracing is on. */
  traceIdOf?: ((request: Request) => string | undefined) | null;
}

interface Pending {
  started: number;
  operationName: string | null;
  operationType: string | null;
  errorCodes: string[];
}

/** `extensions.code` of each error of a result (or of a batch's results), in order. */
export function errorCodes(result: unknown): string[] {
  // Most results have no error: no array of results, no closures.
  if (!Array.isArray(result) && !(result as ExecutionResult | null)?.errors?.length) return [];
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
  return results.flatMap((r) =>
    (r?.errors ?? []).map((e) => {
      const code = e.extensions?.['code'];
      return typeof code === 'string' ? code : 'UNKNOWN';
    }),
  );
}

export function useRequestSummary({ summaries, traceIdOf }: RequestSummaryPluginOptions): Plugin {
  // On the request itself, not in a WeakMap (see use-request-id.ts); removed when it is sent.
  const key = Symbol('linq.requestSummary');
  type WithPending = Request & { [key]?: Pending };
  const pending = {
    has: (request: Request) => (request as WithPending)[key] !== undefined,
    get: (request: Request) => (request as WithPending)[key],
    set: (request: Request, entry: Pending) => void ((request as WithPending)[key] = entry),
    // Cleared, not deleted: a delete turns the request object into a slow dictionary-mode
    // object for every hook that reads it after this one.
    delete: (request: Request) => void ((request as WithPending)[key] = undefined),
  };
  return {
    // Opened before the body is read, so requests refused early (401, 413) are summarised too.
    onRequestParse({ request }) {
      if (pending.has(request)) return;
      pending.set(request, {
        started: performance.now(),
        operationName: null,
        operationType: null,
        errorCodes: [],
      });
      summaries.open(requestIdOf(request));
    },
    onParams({ params, request }) {
      const entry = pending.get(request);
      // A batch is summarised once, as one request, under its first operation's name.
      if (entry && entry.operationName === null) entry.operationName = params.operationName ?? null;
    },
    onExecute({ args }) {
      const entry = pending.get(args.contextValue.request);
      if (!entry) return;
      const operation = getOperationAST(args.document, args.operationName);
      entry.operationName = operation?.name?.value ?? entry.operationName;
      entry.operationType = operation?.operation ?? null;
    },
    onResultProcess({ request, result }) {
      const entry = pending.get(request);
      if (entry && !(Symbol.asyncIterator in Object(result))) {
        entry.errorCodes = errorCodes(result);
      }
    },
    onResponse({ request, response }) {
      const entry = pending.get(request);
      if (!entry) return;
      pending.delete(request);
      const traceId = traceIdOf?.(request);
      summaries.close(requestIdOf(request), {
        caller: knownCallerOf(request)?.id ?? null,
        operationName: entry.operationName,
        operationType: entry.operationType,
        durationMs: durationSince(entry.started),
        httpStatus: response.status,
        errorCodes: entry.errorCodes,
        ...(traceId ? { traceId } : {}),
      });
    },
  };
}
