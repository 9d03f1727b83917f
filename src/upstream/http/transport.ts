/**
 * The HTTP engine of the adapter: one undici Agent (keep-alive pools per origin), auth headers,
 * timeouts, abort, request-id/traceparent propagation, the retry loop driven by `decideRetry`,
 * JSON parsing, error mapping and one debug log line per attempt.
 */
import { Agent, type Dispatcher } from 'undici';
import type {
  ResolvedConfig,
  UpstreamAttemptSpan,
  UpstreamRequestEvent,
} from '../client-config.js';
import { errorFromResponse } from './error-factory.js';
import {
  BadUpstreamResponseError,
  LinqError,
  RequestAbortedError,
  UnauthorizedError,
  UpstreamUnavailableError,
} from '../errors.js';
import { RouteBreakers } from './breaker.js';
import { operationSignal, pause, type CallSignal } from './deadline.js';
import type { RequestOptions } from '../model.js';
import { Redactor } from './redact.js';
import {
  errorCode,
  header,
  readText,
  requestTarget,
  type UpstreamRequest,
  type UpstreamResponse,
} from './request.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome } from './retry.js';

export type { RequestBody, UpstreamRequest, UpstreamResponse } from './request.js';

/**
 * The caller's options and the absolute deadline of the whole domain operation, which adapter.ts
 * computes once when the operation starts (from `timeoutMs`).
 */
export interface SendOptions extends Omit<RequestOptions, 'timeoutMs'> {
  deadline?: number;
}

const routeOf = (req: UpstreamRequest): string => (req.url ? 'upload' : req.route.template);

const HEADER_SAFE = /^[\x20-\x7e]{1,512}$/;
const TOKEN_SAFE = /^[\x21-\x7e]{1,4096}$/;

/** The adapter's debug line costs nothing when a pino logger has debug off. */
function debugEnabled(logger: ResolvedConfig['logger']): boolean {
  if (!logger) return false;
  const probe = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof probe !== 'function' || probe.call(logger, 'debug');
}

/**
 * A body whose Content-Length is within the cap is read in one go (undici holds it to that
 * length); without one it is counted chunk by chunk (readText).
 */
function readBody(res: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
  const declared = header(res.headers, 'content-length');
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= maxBytes) {
    return res.body.text();
  }
  return readText(res, maxBytes);
}

export class Transport {
  readonly #config: ResolvedConfig;
  readonly #agent: Agent;
  readonly #redactor: Redactor;
  readonly #breakers: RouteBreakers;

  constructor(config: ResolvedConfig) {
    this.#config = config;
    this.#breakers = new RouteBreakers({
      threshold: config.breakerThreshold,
      halfOpenAfterMs: config.breakerHalfOpenMs,
    });
    this.#redactor = new Redactor([config.token]);
    this.#agent = new Agent({
      connections: config.connections,
      keepAliveTimeout: 4_000,
      connect: { timeout: config.connectTimeoutMs },
      headersTimeout: config.headersTimeoutMs,
      bodyTimeout: config.bodyTimeoutMs,
    });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async send(req: UpstreamRequest, opts: SendOptions = {}): Promise<UpstreamResponse> {
    const token = opts.token ?? this.#config.token;
    if (!req.url && (typeof token !== 'string' || !TOKEN_SAFE.test(token))) {
      throw new UnauthorizedError('Linq: no usable token for this call');
    }
    const deadline = opts.deadline ?? null;
    const left = deadline === null ? null : deadline - Date.now();
    if (left !== null && left <= 0) throw this.#abortError(opts, deadline, null);
    const scope = operationSignal(opts.signal, left);
    const { signal } = scope;
    try {
      const route = `${req.method} ${req.url ? 'upload' : req.route.template}`;
      return await this.#breakers.run(route, () =>
        this.#retrying(req, opts, token, signal, deadline),
      );
    } finally {
      scope.done();
    }
  }

  /** Attempts until one succeeds or decideRetry says stop; sleeps between them. */
  async #retrying(
    req: UpstreamRequest,
    opts: SendOptions,
    token: string | null | undefined,
    signal: CallSignal | undefined,
    deadline: number | null,
  ): Promise<UpstreamResponse> {
    const maxRetries = opts.maxRetries ?? this.#config.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(req, opts, token, signal, attempt, deadline);
      if ('response' in outcome) return outcome.response;
      const decision = decideRetry({
        mode: req.retry,
        retriesDone: attempt,
        maxRetries,
        outcome: outcome.outcome,
        baseDelayMs: this.#config.retryBaseDelayMs,
        maxDelayMs: this.#config.retryMaxDelayMs,
        remainingMs: deadline === null ? null : deadline - Date.now(),
      });
      if (!decision.retry) throw outcome.error;
      try {
        await pause(decision.delayMs, signal);
      } catch {
        throw this.#abortError(opts, deadline, outcome.error);
      }
    }
  }

  async #attempt(
    req: UpstreamRequest,
    opts: RequestOptions,
    token: string | null | undefined,
    signal: CallSignal | undefined,
    attempt: number,
    deadline: number | null,
  ): Promise<
    { response: UpstreamResponse } | { outcome: AttemptOutcome; error: LinqError | Error }
  > {
    const { origin, path } = requestTarget(this.#config, req);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (!req.url && token) {
      if (this.#config.dialect === 'v2') headers['x-linq-integration-token'] = token;
      else headers['authorization'] = `Bearer ${token}`;
    }
    if (opts.requestId && HEADER_SAFE.test(opts.requestId)) {
      headers['x-request-id'] = opts.requestId;
    }
    let body: string | Buffer | NodeJS.ReadableStream | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.body) {
      body = req.body.open();
      headers['content-type'] = req.body.contentType;
      if (req.body.contentLength !== undefined) {
        headers['content-length'] = String(req.body.contentLength);
      }
    }
    // Started once the body is open, so that every started span is ended by `log`.
    const span = this.#startSpan(req, opts, origin, attempt);
    const traceparent = span?.traceparent ?? opts.traceparent;
    if (traceparent && HEADER_SAFE.test(traceparent)) headers['traceparent'] = traceparent;
    const started = Date.now();
    const log = (status: number | null, extra: { error?: string; traceId?: string } = {}) => {
      const route = routeOf(req);
      const ms = Date.now() - started;
      span?.end(status, extra.error);
      if (debugEnabled(this.#config.logger)) {
        this.#config.logger?.debug(
          {
            dialect: this.#config.dialect,
            method: req.method,
            route,
            status,
            ms,
            attempt: attempt + 1,
            requestId: opts.requestId,
            ...extra,
          },
          'linq upstream request',
        );
      }
      this.#notify({
        dialect: this.#config.dialect,
        method: req.method,
        route,
        status,
        durationMs: ms,
        attempt: attempt + 1,
        requestId: opts.requestId,
        ...(extra.error === undefined ? {} : { error: extra.error }),
      });
    };
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      res = await this.#agent.request({
        origin,
        path,
        method: req.method,
        headers,
        body: body as Dispatcher.DispatchOptions['body'],
        signal: signal ?? null,
      });
      text = await readBody(res, this.#config.maxResponseBytes);
    } catch (error) {
      if (signal?.aborted) {
        log(null, { error: 'aborted' });
        throw this.#abortError(opts, deadline, error);
      }
      if (error instanceof LinqError) {
        log(null, { error: error.code });
        throw error; // e.g. a response body over maxResponseBytes: not worth retrying
      }
      const code = errorCode(error);
      log(null, { error: code ?? 'error' });
      if (code === undefined || !(code.startsWith('UND_ERR') || /^E[A-Z]+$/.test(code))) {
        // Not a transport failure: e.g. an upload source stream failed. The caller owns it.
        throw error;
      }
      const cause = new Error(
        this.#redactorFor(token).scrub(`${code}: ${(error as Error).message}`),
      );
      const failure = new UpstreamUnavailableError(`Linq: upstream request failed (${code})`, {
        cause,
      });
      return { outcome: { kind: 'network', code }, error: failure };
    }
    const status = res.statusCode;
    const traceId = header(res.headers, 'x-trace-id') ?? null;
    log(status, traceId ? { traceId } : {});
    if (status >= 200 && status < 300) {
      return { response: { status, body: this.#parse(text, req, status, traceId), traceId } };
    }
    const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
    const retryAfter = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    const error = errorFromResponse(
      { status, text, traceId, retryAfter },
      this.#redactorFor(token),
    );
    return { outcome: { kind: 'status', status, retryAfterMs }, error };
  }

  /**
   * The redactor of a call's strings: the configured token is already a needle of #redactor;
   * another one gets its own, made only when a failure has something to scrub (building one
   * per call cost ≈ 1 % of the CPU of a successful request).
   */
  #redactorFor(token: string | null | undefined): Redactor {
    return token === this.#config.token ? this.#redactor : this.#redactor.with(token);
  }

  /** The attempt's span, when a tracer is configured (a tracer's failure is no call's). */
  #startSpan(
    req: UpstreamRequest,
    opts: RequestOptions,
    origin: string,
    attempt: number,
  ): UpstreamAttemptSpan | null {
    const tracer = this.#config.tracer;
    if (!tracer) return null;
    try {
      return tracer.startAttempt({
        method: req.method,
        route: routeOf(req),
        attempt: attempt + 1,
        origin,
        traceparent: opts.traceparent,
      });
    } catch {
      return null;
    }
  }

  #notify(event: UpstreamRequestEvent): void {
    try {
      this.#config.onRequestEnd?.(event);
    } catch {
      // An observer's failure must never fail the call it observes.
    }
  }

  #parse(text: string, req: UpstreamRequest, status: number, traceId: string | null): unknown {
    if (req.raw || text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BadUpstreamResponseError('Linq: response is not valid JSON', { status, traceId });
    }
  }

  #abortError(opts: RequestOptions, deadline: number | null, fallback: unknown): Error {
    if (opts.signal?.aborted) {
      // The caller's reason, as the message it gave (e.g. "client went away"), and its code.
      const reason: unknown = opts.signal.reason;
      const message = reason instanceof Error ? reason.message : 'The request was aborted';
      return new RequestAbortedError(message, { cause: reason });
    }
    if (deadline !== null) {
      return new UpstreamUnavailableError('Linq: the call exceeded its deadline (timeoutMs)', {
        cause: fallback instanceof Error ? new Error(fallback.name) : undefined,
      });
    }
    return fallback instanceof Error ? fallback : new Error('aborted');
  }
}
