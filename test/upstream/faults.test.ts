/**
 * Every sandbox fault against a safe read in both dialects: retried where safe (request counts
 * asserted), the right error class and fields otherwise; aborts reach the upstream; tokens
 * never leak into errors or logs.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxFault } from '../../src/sandbox/index.js';
import {
  BadUpstreamResponseError,
  type LinqError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  type LinqApi,
} from '../../src/upstream/index.js';
import { useAdapterRig } from './sandbox-clients.js';

const t = useAdapterRig();

interface Side {
  name: 'v2' | 'v3';
  api: () => LinqApi;
  route: string;
  read: (opts?: Parameters<LinqApi['getChat']>[1]) => Promise<unknown>;
}
const sides: Side[] = [
  {
    name: 'v2',
    api: () => t.rig.v2,
    route: 'GET /api/partner/v2/chats/{chat_id}',
    read: (opts) => t.rig.v2.getChat(String(t.fx.groupChat.v2Id), opts),
  },
  {
    name: 'v3',
    api: () => t.rig.v3,
    route: 'GET /v3/chats/{chatId}',
    read: (opts) => t.rig.v3.getChat(t.fx.groupChat.uuid, opts),
  },
];

const retried: Array<[string, SandboxFault, number]> = [
  ['500 once', { type: 'status', status: 500 }, 1],
  ['503 twice', { type: 'status', status: 503 }, 2],
  ['408 once', { type: 'status', status: 408 }, 1],
  ['429 with Retry-After: 0', { type: 'rate-limit', retryAfter: 0 }, 1],
  ['429 with a past HTTP date', { type: 'rate-limit', retryAfter: new Date(0).toUTCString() }, 1],
  ['a delay past the headers timeout', { type: 'delay', ms: 1200 }, 1],
  ['a connection reset', { type: 'reset' }, 2],
  ['a body stalled past the body timeout', { type: 'slow-body', chunkDelayMs: 1500 }, 1],
];

describe.each(sides)('$name faults', (side) => {
  /** Injects `fault` on this side's read route: on every request, or on the next `times`. */
  const inject = (fault: SandboxFault, times?: number) =>
    t.rig.sandbox.controls.injectFault({ route: side.route, fault, times });
  /** Requests the sandbox has seen on this side's read route. */
  const reads = () => t.rig.sandbox.controls.count(side.route);
  /** The error a read fails with (or its value, which the assertions then reject). */
  const readError = (opts?: Parameters<Side['read']>[0]) =>
    side.read(opts).catch((e: unknown) => e);

  it.each(retried)('retries a read after %s', async (_name, fault, times) => {
    inject(fault, times);
    await expect(side.read()).resolves.toMatchObject({ isGroup: true });
    expect(reads()).toBe(times + 1);
  });

  it('gives up after maxRetries on a persistent 503', async () => {
    inject({ type: 'status', status: 503 });
    const error = await readError();
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    if (side.name === 'v3') expect((error as LinqError).traceId).toMatch(/^trace_/);
    expect(reads()).toBe(3);
  });

  it('fails fast on a Retry-After beyond the cap, with retryAfter', async () => {
    inject({ type: 'rate-limit', retryAfter: 120 });
    const error = await readError();
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfter: 120, status: 429, code: 'RATE_LIMITED' });
    expect(reads()).toBe(1);
  });

  it('reports malformed JSON as BadUpstreamResponseError without retrying', async () => {
    inject({ type: 'malformed-json' });
    await expect(side.read()).rejects.toBeInstanceOf(BadUpstreamResponseError);
    expect(reads()).toBe(1);
  });

  it('aborts the upstream request when the caller aborts', async () => {
    inject({ type: 'delay', ms: 300 });
    const ac = new AbortController();
    const pending = side.read({ signal: ac.signal });
    setTimeout(() => ac.abort(new Error('client disconnected')), 50);
    await expect(pending).rejects.toThrow('client disconnected');
    const seen = await t.rig.sandbox.controls.waitForRequest(side.route);
    expect(seen.aborted).toBe(true);
    expect(reads()).toBe(1);
  });

  it('never leaks the token echoed by the upstream into errors or logs', async () => {
    const token = t.rig.sandbox.tokens.primary;
    t.rig.logs.length = 0;
    inject({ type: 'echo-token' }, 1);
    const byConfig = await readError();
    t.rig.sandbox.controls.injectFault({ route: '*', fault: { type: 'echo-token', status: 500 } });
    const byCall = await readError({ token: t.rig.sandbox.tokens.other });
    expect(byConfig).toBeInstanceOf(UnauthorizedError);
    expect(byCall).toBeInstanceOf(UpstreamUnavailableError);
    for (const error of [byConfig, byCall] as Error[]) {
      const text = [error.message, error.stack, String(error.cause), JSON.stringify(error)].join(
        '\n',
      );
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(token);
      expect(text).not.toContain(t.rig.sandbox.tokens.other);
    }
    const logs = t.rig.logs.join('');
    expect(t.rig.logs.length).toBe(4);
    expect(logs).toContain('"status":500');
    expect(logs).not.toContain(token);
  });
});

describe('deadline', () => {
  it('bounds a whole multi-request operation, not each request', async () => {
    // v3 upload = POST /v3/attachments + PUT + send; each step alone fits in the deadline.
    for (const route of ['POST /v3/attachments', 'PUT /uploads/{attachmentId}']) {
      t.rig.sandbox.controls.injectFault({ route, fault: { type: 'delay', ms: 250 } });
    }
    const stream = (await import('node:stream')).Readable.from([Buffer.alloc(10, 1)]);
    const file = { filename: 'a.png', contentType: 'image/png', size: 10, stream };
    const sending = t.rig.v3.sendMessage(
      { chatId: t.fx.groupChat.uuid, text: 'late', attachments: [file] },
      { timeoutMs: 400 },
    );
    await expect(sending).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    await expect(sending).rejects.toThrow(/deadline/);
    expect(t.rig.sandbox.controls.count('POST /v3/chats/{chatId}/messages')).toBe(0);
  });
});
