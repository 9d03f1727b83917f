// handleWebhookRequest over a real socket: status codes, stable error codes, size limit,
// dedupe, publish failures, and that secrets and signatures never reach the logs.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryDeduper, type ChatEvent } from '../../src/realtime/webhooks/index.js';
import { captureLogs } from '../helpers/logs.js';
import { startReceiver, type Receiver } from './helpers/receiver.js';

const V2_SECRET = 'v2-secret-DO-NOT-LOG';
const V3_SECRET = 'whsec_v3-secret-DO-NOT-LOG';
const CHAT = '0c961e93-e7bf-4db2-bf7b-ea06826bcab4';

let receiver: Receiver;
let published: ChatEvent[] = [];
let failPublish = false;
const logs = captureLogs();

beforeAll(async () => {
  const dedupe = createMemoryDeduper();
  receiver = await startReceiver((dialect) => ({
    dialect,
    secrets: dialect === 'v2' ? V2_SECRET : V3_SECRET,
    dedupe,
    logger: logs.logger,
    maxBodyBytes: 4096,
    publish: (event) => {
      if (failPublish) throw new Error('bus down');
      published.push(event);
    },
  }));
});
afterAll(() => receiver?.close());
beforeEach(() => {
  published = [];
  failPublish = false;
});

let seq = 0;
const typingBody = (eventId = `evt-${++seq}`) =>
  JSON.stringify({
    api_version: 'v3',
    webhook_version: '2026-02-03',
    event_type: 'chat.typing_indicator.started',
    event_id: eventId,
    created_at: new Date().toISOString(),
    trace_id: 't',
    partner_id: 'p',
    data: { chat_id: CHAT },
  });

function v3Headers(body: string, secret = V3_SECRET, ts = Math.floor(Date.now() / 1000)) {
  const sig = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  return { 'x-webhook-timestamp': String(ts), 'x-webhook-signature': sig };
}

async function post(dialect: 'v2' | 'v3', body: string, headers: Record<string, string>) {
  const res = await fetch(`${receiver.url}/webhooks/linq/${dialect}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  const error = text ? (JSON.parse(text) as { error: { code: string } }).error : null;
  return { status: res.status, code: error?.code ?? null };
}

describe('handleWebhookRequest', () => {
  it('204 for a verified event, which is published once even when delivered twice', async () => {
    const body = typingBody();
    expect(await post('v3', body, v3Headers(body))).toEqual({ status: 204, code: null });
    expect(await post('v3', body, v3Headers(body))).toEqual({ status: 204, code: null });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'typing', chatId: CHAT, isTyping: true });
  });

  it('401 with stable codes for bad, missing and stale signatures', async () => {
    const body = typingBody();
    expect(await post('v3', body, v3Headers(body, 'wrong'))).toEqual({
      status: 401,
      code: 'SIGNATURE_INVALID',
    });
    expect(await post('v3', body, {})).toEqual({ status: 401, code: 'SIGNATURE_MISSING' });
    const old = Math.floor(Date.now() / 1000) - 3600;
    expect(await post('v3', body, v3Headers(body, V3_SECRET, old))).toEqual({
      status: 401,
      code: 'TIMESTAMP_STALE',
    });
    expect(published).toHaveLength(0);
  });

  it('400 for malformed JSON and for a malformed payload (after the signature check)', async () => {
    const broken = '{"api_version": "v3", ';
    expect(await post('v3', broken, v3Headers(broken))).toEqual({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    const bad = JSON.stringify({ api_version: 'v3', event_type: 'message.sent' });
    expect(await post('v3', bad, v3Headers(bad))).toEqual({
      status: 400,
      code: 'MALFORMED_PAYLOAD',
    });
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const big = `{"pad":"${'x'.repeat(5000)}"}`;
    expect(await post('v3', big, v3Headers(big))).toEqual({ status: 413, code: 'BODY_TOO_LARGE' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(1000).fill(32));
        controller.close();
      },
    });
    const res = await fetch(`${receiver.url}/webhooks/linq/v3`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'BODY_TOO_LARGE', message: 'Body exceeds 4096 bytes' },
    });
  });

  it('405 for other methods', async () => {
    const res = await fetch(`${receiver.url}/webhooks/linq/v3`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('503 when publishing fails, and the retry of the same event is then accepted', async () => {
    const body = typingBody();
    failPublish = true;
    expect(await post('v3', body, v3Headers(body))).toEqual({
      status: 503,
      code: 'PUBLISH_FAILED',
    });
    failPublish = false;
    expect(await post('v3', body, v3Headers(body))).toEqual({ status: 204, code: null });
    expect(published).toHaveLength(1);
  });

  it('v2: sha256= signature over the raw body', async () => {
    const body = JSON.stringify({
      api_version: 'v2',
      created_at: '2025-07-10T15:32:00-06:00',
      data: { chat_id: '11111', display: true },
      event_id: `v2-${++seq}`,
      event_type: 'typing_indicator.received',
    });
    const sig = `sha256=${createHmac('sha256', V2_SECRET).update(body).digest('hex')}`;
    expect(await post('v2', body, { 'x-webhook-signature': sig })).toEqual({
      status: 204,
      code: null,
    });
    expect(await post('v2', `${body} `, { 'x-webhook-signature': sig })).toEqual({
      status: 401,
      code: 'SIGNATURE_INVALID',
    });
    // A v3-signed request on the v2 route does not pass either.
    expect(await post('v2', body, v3Headers(body, V2_SECRET))).toMatchObject({ status: 401 });
  });

  it('logs rejections with their code but never a secret or a signature', async () => {
    const body = typingBody();
    const headers = v3Headers(body, 'wrong');
    await post('v3', body, headers);
    const text = logs.text();
    expect(text).toContain('SIGNATURE_INVALID');
    expect(text).toContain('TIMESTAMP_STALE');
    expect(text).not.toContain(V3_SECRET);
    expect(text).not.toContain(V2_SECRET);
    expect(text).not.toContain(headers['x-webhook-signature']);
    for (const line of logs.lines) expect(line).not.toMatch(/[0-9a-f]{64}/);
  });
});
