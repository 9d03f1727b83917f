/**
 * Per-caller rate limits (token bucket) over real HTTP, SSE and graphql-ws: an operation with
 * no token left is RATE_LIMITED with 429 and Retry-After, and makes no upstream call. With
 * REDIS_URL, two gateway instances share one bucket (a real redis-server); when Redis goes
 * away, requests are let through with a logged warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { captureLogs } from '../helpers/logs.js';
import { startRedisServer, type RedisServer } from '../webhooks/helpers/redis-server.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';
import { codesOf } from '../helpers/graphql.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { openWs } from './ws.js';

const PHONES = '{ phoneNumbers { number } }';
// Slow refill: a refused request stays refused for the whole test (Retry-After: 100 s).
const LIMIT = { RATE_LIMIT_PER_SECOND: '0.01', RATE_LIMIT_BURST: '3' };

describe('rate limit', () => {
  let rig: Rig;
  let redis: RedisServer;
  const logs = captureLogs('warn');

  beforeAll(async () => {
    rig = await startRig({ dialect: 'v3' });
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await rig?.close();
    await redis?.stop();
  });

  it('is off by default', async () => {
    const gateway = await rig.instance();
    for (let i = 0; i < 10; i++) expect((await rig.post(gateway, PHONES)).status).toBe(200);
  });

  it('each caller has its own bucket: one caller out of tokens does not stop another', async () => {
    const gateway = await rig.instance(LIMIT);
    const { primary, other } = rig.sandbox.tokens;
    const as = (token: string) => ({ token });
    for (let i = 0; i < 3; i++)
      expect((await rig.post(gateway, PHONES, {}, as(primary))).status).toBe(200);
    expect((await rig.post(gateway, PHONES, {}, as(primary))).status).toBe(429);
    // Another caller (its own Linq token), and the anonymous caller, still have theirs.
    for (let i = 0; i < 3; i++)
      expect((await rig.post(gateway, PHONES, {}, as(other))).status).toBe(200);
    expect((await rig.post(gateway, PHONES)).status).toBe(200);
    expect((await rig.post(gateway, PHONES, {}, as(other))).status).toBe(429);
  });

  it('HTTP, SSE and graphql-ws operations take from one bucket per caller', async () => {
    const gateway = await rig.instance(LIMIT);
    for (let i = 0; i < 2; i++) {
      const ok = await rig.post(gateway, PHONES);
      expect([ok.status, ok.errors]).toEqual([200, undefined]);
    }
    // The third token goes to a graphql-ws operation; then the bucket is empty for all.
    const ws = await openWs(gateway.url);
    ws.subscribe('1', PHONES);
    await ws.until((m) => m.some((x) => x.type === 'complete'));
    expect(ws.messages.find((x) => x.type === 'next')?.payload).toMatchObject({
      data: { phoneNumbers: expect.any(Array) },
    });

    const refused = await rig.post(gateway, PHONES);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('100');
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      {
        message: 'Too many requests; retry after 100 s',
        extensions: { code: 'RATE_LIMITED', retryAfter: 100 },
      },
    ]);
    expect(rig.upstream()).toBe(0);

    ws.subscribe('2', PHONES);
    await ws.until((m) => m.some((x) => x.id === '2' && x.type === 'complete'));
    const wsRefused = ws.messages.find((x) => x.id === '2' && x.type === 'next');
    expect(wsRefused?.payload).toMatchObject({
      errors: [{ extensions: { code: 'RATE_LIMITED', retryAfter: 100 } }],
    });
    ws.close();

    const chatId = encodeNodeId('v3', 'Chat', rig.sandbox.store.fixtures().bigChat.uuid);
    const typing = 'subscription($c: ID!) { typing(chatId: $c) { isTyping } }';
    const sse = await sseSubscribe(gateway.url, typing, { c: chatId });
    expect(sse.status).toBe(429);
    expect((await sse.nth(0)).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    sse.close();
    expect(rig.upstream()).toBe(0);
  });

  it('with REDIS_URL, two instances share one bucket; Redis gone, they fail open', async () => {
    const env = { ...LIMIT, REDIS_URL: redis.url };
    const a = await rig.instance(env, logs.logger);
    const b = await rig.instance(env, logs.logger);
    expect((await rig.post(a, PHONES)).status).toBe(200);
    expect((await rig.post(b, PHONES)).status).toBe(200);
    expect((await rig.post(a, PHONES)).status).toBe(200);
    const refused = await rig.post(b, PHONES);
    expect([refused.status, codesOf(refused)]).toEqual([429, ['RATE_LIMITED']]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(99);
    expect((await rig.post(a, PHONES)).status).toBe(429);

    await redis.stop();
    const open = await rig.post(a, PHONES);
    expect([open.status, open.errors]).toEqual([200, undefined]);
    expect(logs.text()).toContain('rate limit: Redis unavailable, letting requests through');
  });
});
