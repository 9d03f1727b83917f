/**
 * The sandbox's node:http server: routing (find-my-way), auth, fault injection, request
 * recording, and the one place responses are written.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import FindMyWay from 'find-my-way';
import { ApiError, defaultMessageFor, errorBody, unauthorized, v3CodeFor } from './http/errors.js';
import type { FaultBook, Recorder } from './http/faults.js';
import type { Ctx, Reply, RouteDef } from './http/http.js';
import type { Store } from './store.js';
import type { FaultRule, RecordedRequest } from './types.js';

export interface ServerDeps {
  routes: RouteDef[];
  getStore: () => Store;
  faults: FaultBook;
  recorder: Recorder;
  linkParts: boolean;
  getBaseUrl: () => string;
  /** Handles /__sandbox/* (not recorded, never faulted). */
  control: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

type Dialect = 'v2' | 'v3' | 'upload';

const AUTH_HEADERS = new Set(['authorization', 'x-linq-integration-token']);

export function createSandboxServer(deps: ServerDeps): Server {
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  for (const def of deps.routes) {
    const path = (def.prefix + def.template).replace(/\{(\w+)\}/g, ':$1');
    router.on(def.method as 'GET', path, () => undefined, def);
  }

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname.startsWith('/__sandbox/')) return deps.control(req, res, url);
    const method = (req.method ?? 'GET').toUpperCase();
    const found = router.find(method as 'GET', url.pathname);
    const def = found?.store as RouteDef | undefined;
    const dialect: Dialect = def?.dialect ?? (url.pathname.includes('/v2/') ? 'v2' : 'v3');
    const route = def ? `${def.method} ${def.template}` : null;
    const traceId = `trace_${randomBytes(8).toString('hex')}`;
    const token = readToken(req, dialect);
    const store = deps.getStore();
    const account = store.accountByToken(token);
    const record = deps.recorder.start({
      method,
      path: url.pathname,
      route,
      status: 0,
      query: queryRecord(url.searchParams),
      aborted: false,
      reset: false,
      account: account?.id ?? null,
      headers: headerRecord(req),
      fault: null,
      done: false,
    });
    res.on('close', () => {
      if (!res.writableFinished && !record.reset) record.aborted = true;
      deps.recorder.finish(record);
    });
    if (dialect !== 'v2') res.setHeader('X-Trace-ID', traceId);

    const rule = deps.faults.take(route);
    record.fault = rule?.fault.type ?? null;
    const after = rule?.phase === 'after';
    const fail = (status: number, error: ApiError): Reply => ({
      status,
      body: errorBody(
        dialect === 'v2' ? 'v2' : 'v3',
        status,
        error.code,
        error.message,
        traceId,
        error.extra,
      ),
    });

    let reply: Reply | null = null;
    if (rule && !after) {
      if (rule.fault.type === 'delay') await sleep(rule.fault.ms);
      else if (rule.fault.type !== 'slow-body') {
        reply = faultReply(rule, dialect, traceId, token);
        if (reply === null) return resetSocket(req, record);
      }
    }
    if (reply === null) {
      if (res.destroyed) return;
      if (!def) {
        reply = fail(404, new ApiError(404, 2001, `No route for ${method} ${url.pathname}`));
      } else {
        reply = await runHandler(def, { url, found, store, account, traceId, record, req, fail });
      }
      if (rule && after) {
        if (rule.fault.type === 'delay') await sleep(rule.fault.ms);
        else if (rule.fault.type !== 'slow-body') {
          reply = faultReply(rule, dialect, traceId, token);
          if (reply === null) return resetSocket(req, record);
        }
      }
    }
    const slow = rule?.fault.type === 'slow-body' ? rule.fault.chunkDelayMs : 0;
    await send(res, reply, record, slow);
  }

  async function runHandler(
    def: RouteDef,
    a: {
      url: URL;
      found: ReturnType<typeof router.find>;
      store: Store;
      account: ReturnType<Store['accountByToken']>;
      traceId: string;
      record: RecordedRequest;
      req: IncomingMessage;
      fail: (status: number, e: ApiError) => Reply;
    },
  ): Promise<Reply> {
    try {
      if (def.dialect !== 'upload' && !a.account) throw unauthorized();
      const ctx: Ctx = {
        req: a.req,
        params: a.found?.params ?? {},
        query: a.url.searchParams,
        account: a.account as NonNullable<typeof a.account>,
        store: a.store,
        baseUrl: deps.getBaseUrl(),
        traceId: a.traceId,
        record: a.record,
        linkParts: deps.linkParts,
      };
      return await def.handler(ctx);
    } catch (error) {
      if (error instanceof ApiError) return a.fail(error.status, error);
      return a.fail(500, new ApiError(500, 3006, 'Internal server error'));
    }
  }
}

function readToken(req: IncomingMessage, dialect: Dialect): string | null {
  if (dialect === 'v2') {
    const value = req.headers['x-linq-integration-token'];
    return typeof value === 'string' ? value.trim() : null;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** The reply a fault produces; null means "reset the socket". */
function faultReply(
  rule: FaultRule,
  dialect: Dialect,
  traceId: string,
  token: string | null,
): Reply | null {
  const d = dialect === 'v2' ? 'v2' : 'v3';
  const f = rule.fault;
  switch (f.type) {
    case 'reset':
      return null;
    case 'malformed-json':
      return { status: 200, raw: '{"data": [{"id": 1, "text": "trunc' };
    case 'rate-limit': {
      const seconds = typeof f.retryAfter === 'number' ? f.retryAfter : undefined;
      const extra = seconds === undefined ? {} : { retry_after: seconds };
      return {
        status: 429,
        headers: { 'Retry-After': String(f.retryAfter) },
        body: errorBody(d, 429, 1007, defaultMessageFor(429), traceId, extra),
      };
    }
    case 'echo-token': {
      const status = f.status ?? 401;
      const message = `Invalid token '${token ?? ''}' for this request`;
      return { status, body: errorBody(d, status, v3CodeFor(status), message, traceId) };
    }
    case 'status':
      return {
        status: f.status,
        body:
          f.body !== undefined
            ? f.body
            : errorBody(d, f.status, v3CodeFor(f.status), defaultMessageFor(f.status), traceId),
      };
    default:
      return { status: 500, body: errorBody(d, 500, 3006, 'Internal server error', traceId) };
  }
}

function resetSocket(req: IncomingMessage, record: RecordedRequest): void {
  record.reset = true;
  record.status = 0;
  req.socket.destroy();
}

async function send(res: ServerResponse, reply: Reply, record: RecordedRequest, slowMs: number) {
  if (res.destroyed) return;
  const text =
    reply.raw ??
    (reply.body === undefined || reply.status === 204 ? '' : JSON.stringify(reply.body));
  const payload = Buffer.from(text, 'utf8');
  const headers: Record<string, string> = { ...reply.headers };
  if (payload.length > 0) headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(payload.length);
  record.status = reply.status;
  res.writeHead(reply.status, headers);
  if (slowMs <= 0 || payload.length === 0) {
    res.end(payload);
    return;
  }
  const size = Math.max(1, Math.ceil(payload.length / 5));
  for (let offset = 0; offset < payload.length; offset += size) {
    if (res.destroyed) return;
    res.write(payload.subarray(offset, offset + size));
    if (offset + size < payload.length) await sleep(slowMs);
  }
  res.end();
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (AUTH_HEADERS.has(key) || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
