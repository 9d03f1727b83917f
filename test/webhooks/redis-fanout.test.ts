// Cross-instance fan-out and dedupe through a real redis-server: two gateway "instances" (each
// its own bus, deduper and HTTP receiver) share one Redis.
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatTopic,
  createChatEventBus,
  type ChatEventBus,
} from '../../src/realtime/pubsub/index.js';
import { createRedisDeduper, type ChatEvent } from '../../src/realtime/webhooks/index.js';
import { startBusReceiver, type Receiver } from './helpers/receiver.js';
import { startRedisServer, waitForSubscribers, type RedisServer } from './helpers/redis-server.js';

const SECRET = 'whsec_fanout';
const CHAT = '6b1f3c2e-1111-4222-8333-944455556666';

interface Instance {
  bus: ChatEventBus;
  receiver: Receiver;
  close(): Promise<void>;
}

/** One "instance": its own bus and its own Redis connection for dedupe, like a separate process. */
async function startFanoutInstance(redisUrl: string): Promise<Instance> {
  const bus = createChatEventBus({ redisUrl });
  const client = new Redis(redisUrl);
  const dedupe = createRedisDeduper(client, { ttlSeconds: 60 });
  const receiver = await startBusReceiver(bus, () => ({ secrets: SECRET, dedupe }));
  return {
    bus,
    receiver,
    async close() {
      await receiver.close();
      await bus.close();
      client.disconnect();
    },
  };
}

let redis: RedisServer;
let dedupeClient: Redis;
const instances: Instance[] = [];
const busA = () => instances[0]!.bus;
const busB = () => instances[1]!.bus;

beforeAll(async () => {
  redis = await startRedisServer();
  dedupeClient = new Redis(redis.url);
  instances.push(await startFanoutInstance(redis.url), await startFanoutInstance(redis.url));
});

afterAll(async () => {
  for (const instance of instances) await instance.close();
  dedupeClient?.disconnect();
  await redis?.stop();
});

const event = (eventId: string): ChatEvent => ({
  type: 'typing',
  dialect: 'v3',
  chatId: CHAT,
  eventId,
  upstreamType: 'chat.typing_indicator.started',
  occurredAt: '2026-02-05T19:52:18.101Z',
  isTyping: true,
});

function signedDelivery(eventId: string) {
  const body = JSON.stringify({
    api_version: 'v3',
    webhook_version: '2026-02-03',
    event_type: 'chat.typing_indicator.started',
    event_id: eventId,
    created_at: new Date().toISOString(),
    data: { chat_id: CHAT },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
  return {
    method: 'POST',
    body,
    headers: { 'x-webhook-timestamp': ts, 'x-webhook-signature': sig },
  };
}

describe('Redis-backed chat event bus', () => {
  it('an event published on instance A reaches a subscriber on instance B', async () => {
    expect(busA().kind).toBe('redis');
    const sub = busB().subscribe('v3', CHAT);
    const next = sub.next();
    await waitForSubscribers(redis.url, chatTopic('v3', CHAT));
    await busA().publish(event('fanout-1'));
    expect((await next).value).toEqual(event('fanout-1'));
    await sub.return?.();
  });

  it('type filters apply per subscriber; other chats are not delivered', async () => {
    const sub = busB().subscribe('v3', CHAT, ['messageAdded']);
    const next = sub.next();
    await waitForSubscribers(redis.url, chatTopic('v3', CHAT));
    await busA().publish(event('typing-filtered'));
    await busA().publish({ ...event('other-chat'), chatId: 'another' });
    const added: ChatEvent = {
      type: 'messageAdded',
      dialect: 'v3',
      chatId: CHAT,
      eventId: 'added-1',
      upstreamType: 'message.received',
      occurredAt: 'now',
      messageId: 'm1',
      direction: 'INBOUND',
    };
    await busA().publish(added);
    expect((await next).value).toEqual(added);
    await sub.return?.();
  });

  it('the same delivery reaching both instances is published exactly once', async () => {
    const received: ChatEvent[] = [];
    const subs = [busA().subscribe('v3', CHAT), busB().subscribe('v3', CHAT)];
    const pumps = subs.map(async (s) => {
      for await (const e of s) received.push(e);
    });
    await waitForSubscribers(redis.url, chatTopic('v3', CHAT), 2);
    const delivery = signedDelivery('cross-instance-1');
    const statuses = await Promise.all(
      instances.map(({ receiver: r }) =>
        fetch(`${r.url}/webhooks/linq/v3`, delivery).then((res) => res.status),
      ),
    );
    expect(statuses).toEqual([204, 204]);
    // A marker published afterwards proves both subscribers have drained the topic.
    await busA().publish(event('marker'));
    while (received.filter((e) => e.eventId === 'marker').length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const s of subs) await s.return?.();
    await Promise.all(pumps);
    // One publish, seen by one subscriber on each instance.
    expect(received.filter((e) => e.eventId === 'cross-instance-1')).toHaveLength(2);
    expect(await dedupeClient.exists('linq:webhook:seen:v3:cross-instance-1')).toBe(1);
    expect(await dedupeClient.ttl('linq:webhook:seen:v3:cross-instance-1')).toBeGreaterThan(0);
  });
});
