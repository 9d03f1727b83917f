import { describe, expect, it } from 'vitest';
import { parseFaultRules } from '../../src/sandbox/http/faults.js';
import { startSandbox, type SandboxFault } from '../../src/sandbox/index.js';
import { v2, v3 } from './sandbox-client.js';
import { useSandbox } from '../helpers/rig.js';

const box = useSandbox();
const PHONES = 'GET /v3/phone_numbers';
const V2_PHONES = 'GET /api/partner/v2/phone_numbers';

/** Injects `fault` on the next request to `route` only. */
const once = (route: string, fault: SandboxFault) =>
  box.sandbox.controls.injectFault({ route, times: 1, fault });
const phones = {
  v3: () => v3(box.sandbox, 'GET', '/phone_numbers'),
  v2: () => v2(box.sandbox, 'GET', '/phone_numbers'),
};

describe('fault injection', () => {
  it('status: spec-shaped error bodies in each dialect, or a given body', async () => {
    once(PHONES, { type: 'status', status: 503 });
    const r = await phones.v3();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ error: { status: 503, code: 3006 }, success: false });
    expect(r.body.trace_id).toBe(r.headers.get('x-trace-id'));
    expect((await phones.v3()).status).toBe(200); // times: 1

    box.sandbox.controls.injectFault({ route: V2_PHONES, fault: { type: 'status', status: 500 } });
    const r2 = await phones.v2();
    expect(r2.body).toEqual({
      errors: [
        {
          status: 500,
          code: 'internal_server_error',
          title: expect.any(String),
          detail: expect.any(String),
        },
      ],
    });
    box.sandbox.controls.clearFaults();
    box.sandbox.controls.injectFault({
      route: '*',
      fault: { type: 'status', status: 502, body: { x: 1 } },
    });
    expect((await phones.v2()).body).toEqual({ x: 1 });
  });

  it('rate-limit: 429 with Retry-After in seconds or as an HTTP date', async () => {
    once(PHONES, { type: 'rate-limit', retryAfter: 7 });
    const r = await phones.v3();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.body.error).toMatchObject({ code: 1007, retry_after: 7 });
    const date = new Date(Date.now() + 60_000).toUTCString();
    once(V2_PHONES, { type: 'rate-limit', retryAfter: date });
    const r2 = await phones.v2();
    expect(r2.status).toBe(429);
    expect(r2.headers.get('retry-after')).toBe(date);
    expect(r2.body.errors[0].code).toBe('rate_limited');
  });

  it('reset: the socket is destroyed without a response', async () => {
    once(PHONES, { type: 'reset' });
    await expect(v3(box.sandbox, 'GET', '/phone_numbers')).rejects.toThrow();
    const rec = await box.sandbox.controls.waitForRequest(PHONES);
    expect(rec).toMatchObject({ reset: true, status: 0, aborted: false, fault: 'reset' });
  });

  it('malformed-json: 200 with a body that does not parse', async () => {
    box.sandbox.controls.injectFault({ route: PHONES, fault: { type: 'malformed-json' } });
    const res = await fetch(`${box.sandbox.url}/api/partner/v3/phone_numbers`, {
      headers: { Authorization: 'Bearer sandbox-token' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow();
  });

  it('slow-body: the real body, delivered in several chunks', async () => {
    box.sandbox.controls.injectFault({
      route: PHONES,
      fault: { type: 'slow-body', chunkDelayMs: 20 },
    });
    const res = await fetch(`${box.sandbox.url}/api/partner/v3/phone_numbers`, {
      headers: { Authorization: 'Bearer sandbox-token' },
    });
    let chunks = 0;
    const parts: Uint8Array[] = [];
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++;
      parts.push(r.value);
    }
    expect(chunks).toBeGreaterThan(1);
    const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    expect(body.phone_numbers).toHaveLength(3);
  });

  it('echo-token: the error message echoes the caller token', async () => {
    box.sandbox.controls.injectFault({ route: '*', fault: { type: 'echo-token' } });
    const r = await phones.v3();
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('sandbox-token');
    box.sandbox.controls.clearFaults();
    box.sandbox.controls.injectFault({
      route: V2_PHONES,
      fault: { type: 'echo-token', status: 500 },
    });
    const r2 = await phones.v2();
    expect(r2.status).toBe(500);
    expect(r2.body.errors[0].detail).toContain('sandbox-token');
  });

  it("phase 'after': the handler runs (state changes), then the fault answers", async () => {
    const { bigChat } = box.sandbox.store.fixtures();
    const route = 'POST /v3/chats/{chatId}/messages';
    box.sandbox.controls.injectFault({
      route,
      phase: 'after',
      times: 1,
      fault: { type: 'status', status: 500 },
    });
    const before = box.sandbox.store.messageCount(bigChat.uuid);
    const body = { message: { parts: [{ type: 'text', value: 'x' }], idempotency_key: 'k1' } };
    const r = await v3(box.sandbox, 'POST', `/chats/${bigChat.uuid}/messages`, { body });
    expect(r.status).toBe(500);
    expect(box.sandbox.store.messageCount(bigChat.uuid)).toBe(before + 1);
    const retry = await v3(box.sandbox, 'POST', `/chats/${bigChat.uuid}/messages`, { body });
    expect(retry.status).toBe(202);
    expect(box.sandbox.store.messageCount(bigChat.uuid)).toBe(before + 1);
    expect(box.sandbox.controls.count(route)).toBe(2);
  });

  it('delay + client abort: the request is recorded as aborted', async () => {
    box.sandbox.controls.injectFault({ route: PHONES, fault: { type: 'delay', ms: 5_000 } });
    const controller = new AbortController();
    const pending = v3(box.sandbox, 'GET', '/phone_numbers', { signal: controller.signal });
    while (box.sandbox.controls.count(PHONES) === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toThrow();
    const rec = await box.sandbox.controls.waitForRequest(PHONES, (r) => r.aborted);
    expect(rec).toMatchObject({ aborted: true, fault: 'delay', status: 0 });
  });

  it('delay: then the normal response', async () => {
    once(PHONES, { type: 'delay', ms: 30 });
    const r = await phones.v3();
    expect(r.status).toBe(200);
    expect(box.sandbox.controls.requests()[0]).toMatchObject({
      fault: 'delay',
      aborted: false,
      status: 200,
    });
  });

  it('validates rules (programmatic and env JSON)', () => {
    expect(() =>
      box.sandbox.controls.injectFault({ route: 'x', fault: { type: 'boom' } } as never),
    ).toThrow();
    expect(parseFaultRules('[{"route":"*","times":1,"fault":{"type":"reset"}}]')).toHaveLength(1);
    expect(parseFaultRules(undefined)).toEqual([]);
    const badStatus = { route: '*', fault: { type: 'status', status: 99 } } as const;
    expect(() => box.sandbox.controls.injectFault(badStatus)).toThrow(/invalid parameters/);
    const badDelay = { route: '*', fault: { type: 'delay', ms: -1 } } as const;
    expect(() => box.sandbox.controls.injectFault(badDelay)).toThrow(/invalid parameters/);
    expect(() => parseFaultRules('{"route":"*"}')).toThrow(/array/);
    expect(() => parseFaultRules('[{"route":"*","times":0,"fault":{"type":"reset"}}]')).toThrow();
  });

  it('applies faults given at start', async () => {
    const s = await startSandbox({
      faults: [{ route: PHONES, fault: { type: 'status', status: 408 } }],
    });
    try {
      expect((await v3(s, 'GET', '/phone_numbers')).status).toBe(408);
    } finally {
      await s.close();
    }
  });
});

describe('request recording', () => {
  it('records method, path, route, status, query, account; headers without tokens', async () => {
    const { bigChat } = box.sandbox.store.fixtures();
    await v3(box.sandbox, 'GET', `/chats/${bigChat.uuid}/messages?limit=3`, {
      headers: { 'x-request-id': 'req-1' },
    });
    await v2(box.sandbox, 'GET', '/chats/1', { token: 'sandbox-token-other' });
    await v3(box.sandbox, 'GET', '/nope');
    const [a, b, c] = box.sandbox.controls.requests();
    expect(a).toMatchObject({
      method: 'GET',
      path: `/api/partner/v3/chats/${bigChat.uuid}/messages`,
      route: 'GET /v3/chats/{chatId}/messages',
      status: 200,
      query: { limit: '3' },
      aborted: false,
      account: 'primary',
      done: true,
    });
    expect(a!.headers['x-request-id']).toBe('req-1');
    expect(JSON.stringify(box.sandbox.controls.requests())).not.toContain('sandbox-token');
    expect(b).toMatchObject({
      route: 'GET /api/partner/v2/chats/{chat_id}',
      status: 404,
      account: 'other',
    });
    expect(c).toMatchObject({ route: null, status: 404 });
    expect(box.sandbox.controls.count()).toBe(3);
    expect(box.sandbox.controls.count('GET /v3/chats/{chatId}/messages')).toBe(1);
    box.sandbox.controls.resetCounts();
    expect(box.sandbox.controls.count()).toBe(0);
  });

  it('waitForRequest resolves for a future request', async () => {
    const waiting = box.sandbox.controls.waitForRequest(PHONES, (r) => r.status === 200);
    await phones.v3();
    await expect(waiting).resolves.toMatchObject({ route: PHONES, status: 200 });
  });

  it('has HTTP control endpoints under /__sandbox/', async () => {
    const add = await fetch(`${box.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify([{ route: PHONES, fault: { type: 'status', status: 503 } }]),
    });
    expect(add.status).toBe(201);
    expect((await phones.v3()).status).toBe(503);
    const list = await (await fetch(`${box.sandbox.url}/__sandbox/requests`)).json();
    expect(list.requests).toHaveLength(1);
    expect((await fetch(`${box.sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await phones.v3()).status).toBe(200);
    const bad = await fetch(`${box.sandbox.url}/__sandbox/faults`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${box.sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(
      204,
    );
    expect(box.sandbox.controls.count()).toBe(0);
    const info = await (await fetch(`${box.sandbox.url}/__sandbox/info`)).json();
    expect(info.primaryPhone).toBe('+12025550101');
  });
});
