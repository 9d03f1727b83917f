/**
 * Caps of long-lived operations over real WebSockets and SSE against the sandbox: 2,000
 * subscriptions on one socket end at the per-connection cap (the sandbox's recorder shows one
 * chat read per accepted subscription, not 2,000), and a caller's sockets over its cap are
 * closed with 4029.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONNECTION_LIMIT_CLOSE_CODE,
  DEFAULT_SUBSCRIPTION_LIMITS,
} from '../../src/limits/subscription-limits.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { sseSubscribe, type SseSubscription } from '../subscriptions/helpers/sse.js';
import { startRig, useBlockRig, type Rig } from '../helpers/rig.js';
import { openWs, type RawWs } from './ws.js';

const TYPING = 'subscription($c: ID!) { typing(chatId: $c) { isTyping } }';

describe('subscription and connection caps', () => {
  const rig = useBlockRig({ dialect: 'v3' });
  const chatId = () => encodeNodeId('v3', 'Chat', rig.fixtures.bigChat.uuid);
  const sockets: RawWs[] = [];
  // Registered after the rig, so it runs before the rig closes (after hooks run in reverse).
  afterAll(() => {
    for (const s of sockets) s.close();
  });

  it('2,000 subscriptions on a socket: 100 run, 1,900 fail with their code', async () => {
    const gateway = await rig.instance();
    const ws = await openWs(gateway.url);
    sockets.push(ws);
    rig.sandbox.controls.resetCounts();
    for (let i = 0; i < 2000; i++) ws.subscribe(String(i), TYPING, { c: chatId() });
    await ws.until((m) => m.filter((x) => x.type === 'error').length >= 1900, 20_000);
    const limit = DEFAULT_SUBSCRIPTION_LIMITS.perConnection;
    const errors = ws.messages.filter((x) => x.type === 'error');
    expect(errors).toHaveLength(2000 - limit);
    expect(errors[0]?.payload).toEqual([
      {
        message: `At most ${limit} subscriptions per connection`,
        extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED', limit },
      },
    ]);
    // The accepted ones each read the chat once at start; nothing else reached Linq.
    for (let i = 0; i < 50 && rig.upstream() < limit; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(rig.upstream()).toBe(limit);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);

    // Completing one frees its place.
    ws.send({ id: '0', type: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    ws.subscribe('again', TYPING, { c: chatId() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ws.messages.some((x) => x.id === 'again' && x.type === 'error')).toBe(false);
  });

  it('a caller over its socket cap is closed with 4029; closing one lets the next in', async () => {
    const gateway = await rig.instance({ MAX_CONNECTIONS_PER_CALLER: '2' });
    const first = await openWs(gateway.url);
    const second = await openWs(gateway.url);
    sockets.push(first, second);
    const third = await openWs(gateway.url, {}, false);
    expect(await third.closed).toEqual({
      code: CONNECTION_LIMIT_CLOSE_CODE,
      reason: 'Too many connections',
    });
    expect(third.messages.some((m) => m.type === 'connection_ack')).toBe(false);
    first.close();
    await first.closed;
    const fourth = await openWs(gateway.url);
    sockets.push(fourth);
    expect(fourth.messages.some((m) => m.type === 'connection_ack')).toBe(true);
  });
});

describe('SSE subscriptions per caller', () => {
  let rig: Rig;
  const open: SseSubscription<unknown>[] = [];
  afterAll(async () => {
    for (const s of open) s.close();
    await rig?.close();
  });

  it('one over the cap is SUBSCRIPTION_LIMIT_EXCEEDED; a closed one frees its place', async () => {
    rig = await startRig({ dialect: 'v3' });
    const chatId = encodeNodeId('v3', 'Chat', rig.sandbox.store.fixtures().bigChat.uuid);
    const gateway = await rig.instance({ MAX_CONNECTIONS_PER_CALLER: '2' });
    const subscribe = async () => {
      const sub = await sseSubscribe<unknown>(gateway.url, TYPING, { c: chatId });
      open.push(sub);
      return sub;
    };
    const [a, b] = [await subscribe(), await subscribe()];
    rig.sandbox.controls.resetCounts();
    const refused = await subscribe();
    expect((await refused.nth(0)).errors).toEqual([
      {
        message: 'At most 2 subscriptions per caller',
        extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED', limit: 2 },
      },
    ]);
    await refused.completed;
    expect(rig.upstream()).toBe(0);
    // A WebSocket is capped by its own limits, not by the SSE count.
    const ws = await openWs(gateway.url);
    ws.subscribe('1', TYPING, { c: chatId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ws.messages.filter((m) => m.type === 'error')).toEqual([]);
    ws.close();

    a.close();
    await a.completed;
    let again = await subscribe();
    for (let i = 0; i < 20 && (await settled(again)); i++) {
      again.close(); // the server may not have seen the close yet
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await subscribe();
    }
    expect(await settled(again)).toBe(false);
    expect(b.results).toEqual([]);
  });
});

/** true when the stream was refused (its first payload is an error) within 200 ms. */
async function settled(sub: SseSubscription<unknown>): Promise<boolean> {
  try {
    const first = await sub.nth(0, 200);
    return (first.errors?.length ?? 0) > 0;
  } catch {
    return false; // still open: accepted
  }
}
