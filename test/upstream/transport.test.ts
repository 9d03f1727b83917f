/**
 * Transport behaviour (retries, timeouts, errors, headers, abort, redaction) against a scripted
 * faulty node:http server over a real socket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BadUpstreamResponseError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  type LinqApi,
} from '../../src/upstream/index.js';
import { captureLogs, type CapturedLogs } from '../helpers/logs.js';
import { linqClient, type ClientSettings } from '../helpers/rig.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

const TOKEN = 'svc-token-3f9a1c-SECRET';
const CALLER = 'caller-token-77b2-SECRET';
const chat = {
  id: '2f1d6d1e-0000-4000-8000-000000000001',
  display_name: 'Team',
  service: 'iMessage',
  handles: [],
  is_archived: false,
  is_group: true,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};
const v3Error = (status: number, code: number, message: string) => ({
  error: { status, code, message },
  success: false,
  trace_id: 'trace-body',
});

let server: FaultServer;
let api: LinqApi;
let logs: CapturedLogs;

function client(overrides: ClientSettings = {}): LinqApi {
  return linqClient(server.url, {
    dialect: 'v3',
    token: TOKEN,
    retryBaseDelayMs: 5,
    headersTimeoutMs: 300,
    bodyTimeoutMs: 300,
    // Unredacted: the adapter itself must keep the token out of what it logs.
    logger: logs.rawLogger,
    ...overrides,
  });
}

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await api?.close();
  await server.close();
});
beforeEach(async () => {
  await api?.close();
  logs = captureLogs('debug');
  api = client();
});

describe('retries', () => {
  it('retries a GET on 5xx and succeeds', async () => {
    server.script([
      { status: 503, body: v3Error(503, 3006, 'down') },
      { status: 502 },
      { status: 200, body: chat },
    ]);
    const got = await api.getChat(chat.id);
    expect(got.displayName).toBe('Team');
    expect(server.seen).toHaveLength(3);
  });

  it('gives up after maxRetries with UpstreamUnavailableError carrying the trace id', async () => {
    server.script([], {
      status: 500,
      body: v3Error(500, 3006, 'Internal server error'),
      headers: { 'x-trace-id': 'tr-1' },
    });
    const error = await api.getChat(chat.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({
      status: 500,
      code: 'UPSTREAM_UNAVAILABLE',
      traceId: 'tr-1',
      upstreamCode: 3006,
    });
    expect(server.seen).toHaveLength(3);
  });

  it('honours maxRetries per call', async () => {
    server.script([], { status: 500 });
    await expect(api.getChat(chat.id, { maxRetries: 0 })).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
    expect(server.seen).toHaveLength(1);
  });

  it('retries 429 after Retry-After seconds and after an HTTP date', async () => {
    const date = new Date(Date.now() + 1000).toUTCString();
    server.script([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': date } },
      { status: 200, body: chat },
    ]);
    await expect(api.getChat(chat.id)).resolves.toMatchObject({ id: chat.id });
    expect(server.seen).toHaveLength(3);
  });

  it('fails fast with RateLimitedError when Retry-After exceeds the cap', async () => {
    server.script([
      { status: 429, body: v3Error(429, 1007, 'slow down'), headers: { 'retry-after': '120' } },
    ]);
    const error = await api.getChat(chat.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfter: 120, code: 'RATE_LIMITED', status: 429 });
    expect(server.seen).toHaveLength(1);
  });

  it('fails fast when Retry-After exceeds the remaining deadline', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '5' } }]);
    const error = await api.getChat(chat.id, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 5 });
    expect(server.seen).toHaveLength(1);
  });

  it('retries a GET after a connection reset and a headers timeout', async () => {
    server.script([
      { reset: true },
      { status: 200, body: chat, delayMs: 1000 },
      { status: 200, body: chat },
    ]);
    await expect(api.getChat(chat.id)).resolves.toMatchObject({ id: chat.id });
    expect(server.seen).toHaveLength(3);
  });

  it('retries a GET whose body stalls past the body timeout', async () => {
    server.script([
      { slowBody: JSON.stringify(chat), chunkDelayMs: 1500 },
      { status: 200, body: chat },
    ]);
    await expect(api.getChat(chat.id)).resolves.toMatchObject({ id: chat.id });
    expect(server.seen).toHaveLength(2);
  });

  it('does not retry a reaction POST on 5xx or reset', async () => {
    server.script([{ status: 503 }]);
    const ref = { id: chat.id, chatId: null };
    const input = { operation: 'ADD', type: 'LOVE' } as const;
    await expect(api.react(ref, input)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(server.seen).toHaveLength(1);
    server.script([{ reset: true }]);
    await expect(api.react(ref, input)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(server.seen).toHaveLength(1);
  });

  it('retries a send (idempotency key in the body) with the same key', async () => {
    const sent = {
      chat_id: chat.id,
      message: {
        id: '5a1d6d1e-0000-4000-8000-000000000009',
        parts: [{ type: 'text', value: 'hi', reactions: [] }],
        sent_at: '2026-01-01T00:00:00Z',
        delivery_status: 'queued',
        is_read: false,
      },
    };
    server.script([{ status: 502 }, { status: 202, body: sent }]);
    const res = await api.sendMessage({ chatId: chat.id, text: 'hi' });
    expect(res.message).toMatchObject({ text: 'hi', status: 'QUEUED', isFromMe: true });
    expect(server.seen).toHaveLength(2);
    const keys = server.seen.map(
      (r) =>
        (JSON.parse(r.body) as { message: { idempotency_key: string } }).message.idempotency_key,
    );
    expect(keys[0]).toBe(res.idempotencyKey);
    expect(keys[1]).toBe(res.idempotencyKey);
  });
});

describe('errors', () => {
  it('maps statuses and both error shapes', async () => {
    server.script([{ status: 404, body: v3Error(404, 2001, 'Resource not found') }]);
    await expect(api.getChat(chat.id)).rejects.toBeInstanceOf(NotFoundError);
    server.script([{ status: 401, body: v3Error(401, 2004, 'Unauthorized') }]);
    await expect(api.getChat(chat.id)).rejects.toBeInstanceOf(UnauthorizedError);
    server.script([
      {
        status: 422,
        body: {
          errors: [{ status: 422, code: 'text', title: 'Invalid', detail: 'text is too long' }],
        },
      },
    ]);
    const e = await api.getChat(chat.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fieldErrors).toEqual([
      { field: 'text', message: 'text is too long' },
    ]);
    server.script([
      {
        status: 400,
        body: {
          status: 'error',
          error_code: 'invalid',
          message: 'bad',
          errors: ['Email is invalid'],
        },
      },
    ]);
    const s = await api.getChat(chat.id).catch((x: unknown) => x);
    expect((s as ValidationError).fieldErrors).toEqual([
      { field: 'input', message: 'Email is invalid' },
    ]);
  });

  it('maps malformed JSON and a wrong shape to BadUpstreamResponseError (no retry)', async () => {
    server.script([{ status: 200, raw: '{"id": "x", ' }]);
    await expect(api.getChat(chat.id)).rejects.toBeInstanceOf(BadUpstreamResponseError);
    expect(server.seen).toHaveLength(1);
    server.script([{ status: 200, body: { ...chat, handles: 'nope' } }]);
    await expect(api.getChat(chat.id)).rejects.toThrow(/chat.handles is not an array/);
  });

  it('never leaks the tokens, even when the upstream echoes them', async () => {
    const echo = `token ${CALLER} and ${TOKEN} and ${encodeURIComponent(CALLER)} rejected`;
    server.script([], { status: 401, body: v3Error(401, 2004, echo) });
    const e = await api.getChat(chat.id, { token: CALLER }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnauthorizedError);
    server.script([], { status: 400, body: { errors: [{ code: CALLER, detail: echo }] } });
    const v = await api.getChat(chat.id, { token: CALLER }).catch((x: unknown) => x);
    server.script([{ reset: true }], { reset: true });
    const n = await api.getChat(chat.id, { token: CALLER }).catch((x: unknown) => x);
    for (const err of [e, v, n] as Error[]) {
      const text = [
        err.message,
        err.stack,
        String(err.cause),
        (err.cause as Error | undefined)?.stack,
        JSON.stringify(err),
      ].join('\n');
      expect(text).not.toContain(CALLER);
      expect(text).not.toContain(TOKEN);
    }
    expect(e).toMatchObject({ message: expect.stringContaining('[redacted]') });
    const logText = logs.lines.join('');
    expect(logs.lines.length).toBeGreaterThanOrEqual(5);
    expect(logText).not.toContain(CALLER);
    expect(logText).not.toContain(TOKEN);
  });

  it('refuses a call without any usable token before calling upstream', async () => {
    const anon = client({ token: null });
    server.script([{ status: 200, body: chat }]);
    await expect(anon.getChat(chat.id)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(anon.getChat(chat.id, { token: 'bad\r\nx: y' })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(server.seen).toHaveLength(0);
    await anon.close();
  });
});

describe('requests', () => {
  it('sends the dialect auth header, request id, traceparent and an encoded path', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    server.script([{ status: 200, body: chat }]);
    await api.getChat('a/b c', { token: CALLER, requestId: 'req-1', traceparent });
    const [r] = server.seen;
    expect(r?.url).toBe('/api/partner/v3/chats/a%2Fb%20c');
    expect(r?.headers).toMatchObject({
      authorization: `Bearer ${CALLER}`,
      'x-request-id': 'req-1',
      traceparent,
    });
    const v2 = client({ dialect: 'v2' });
    server.script([
      { status: 200, body: { data: { id: 7, display_name: 'x', group: false, chat_handles: [] } } },
    ]);
    await v2.getChat('7');
    expect(server.seen[0]?.url).toBe('/api/partner/v2/chats/7');
    expect(server.seen[0]?.headers['x-linq-integration-token']).toBe(TOKEN);
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
    await v2.close();
  });

  it('rejects ids that would change the path before calling upstream', async () => {
    server.script([]);
    for (const bad of ['', '.', '..']) {
      await expect(api.getChat(bad)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(server.seen).toHaveLength(0);
  });

  it('aborts the upstream request when the caller aborts', async () => {
    server.script([{ hang: true }]);
    const ac = new AbortController();
    const pending = api.getChat(chat.id, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 50));
    const reason = new Error('client went away');
    ac.abort(reason);
    await expect(pending).rejects.toThrow('client went away');
    await expect(pending).rejects.toMatchObject({ code: 'REQUEST_ABORTED', cause: reason });
    const seen = await server.closed(1);
    expect(seen.aborted).toBe(true);
    expect(server.seen).toHaveLength(1);
  });

  it('aborts every call sharing one signal, with one listener on it', async () => {
    server.script([], { hang: true });
    const ac = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      // Sixteen calls in flight under one request signal, 12 without a deadline, 4 with one.
      const calls = Array.from({ length: 16 }, (_, i) =>
        api.getChat(chat.id, { signal: ac.signal, ...(i >= 12 ? { timeoutMs: 60_000 } : {}) }),
      );
      await waitUntil(() => server.seen.length === 16);
      ac.abort(new Error('client went away'));
      for (const call of calls) await expect(call).rejects.toThrow('client went away');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('stops at the call deadline', async () => {
    server.script([], { hang: true });
    const error = await api.getChat(chat.id, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(String((error as Error).message)).toMatch(/deadline/);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
