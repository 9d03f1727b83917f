// Redis stopped and restarted under a running gateway (real redis-server, real HTTP/SSE): a
// subscription opened or closed during the outage never crashes the process; one opened during
// it ends with REALTIME_UNAVAILABLE; /ready reports Redis; outage and recovery are logged once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTopic } from '../../src/realtime/pubsub/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { captureLogs } from '../helpers/logs.js';
import {
  startRedisServer,
  waitForSubscribers,
  type RedisServer,
} from '../webhooks/helpers/redis-server.js';
import { post } from '../helpers/graphql.js';
import { originOf, startInstance } from '../helpers/rig.js';
import { sseSubscribe } from './helpers/sse.js';

const SECRET = 'whsec_outage_0123456789';
let redis: RedisServer;
let sandbox: Sandbox;
let gateway: RunningGateway;
let chatUuid: string;
let chatId: string;
const logs = captureLogs('info');
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

const ADDED = `subscription($chatId: ID!) { messageAdded(chatId: $chatId) { node { text } } }`;
type Added = { messageAdded: { node: { text: string } } };

async function ready(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${originOf(gateway)}/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const linesWith = (msg: string) => logs.lines.filter((l) => l.includes(`"msg":"${msg}`));

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  redis = await startRedisServer();
  sandbox = await startSandbox({ port: 0, webhooks: { retryDelaysMs: [20], timeoutMs: 2000 } });
  gateway = await startInstance(
    {
      LINQ_BASE_URL: sandbox.url,
      LINQ_TOKEN: sandbox.tokens.primary,
      REDIS_URL: redis.url,
      LINQ_WEBHOOK_SECRET_V3: SECRET,
      READY_CACHE_MS: '0',
    },
    logs.logger,
  );
  sandbox.controls.addWebhookTarget({
    url: `${originOf(gateway)}/webhooks/linq/v3`,
    dialect: 'v3',
    secret: SECRET,
  });
  chatUuid = sandbox.store.fixtures().bigChat.uuid;
  chatId = encodeNodeId('v3', 'Chat', chatUuid);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await gateway?.close();
  await sandbox?.close();
  await redis?.stop();
});

describe('Redis outage and recovery', () => {
  it('contains the outage, reports it on /ready, and recovers', async () => {
    // Ready once the Redis connections are up (they connect in the background).
    await until('/ready 200', async () => (await ready()).status === 200);
    expect(await ready()).toEqual({
      status: 200,
      body: { ready: true, upstream: 'reachable', token: 'accepted', redis: 'up' },
    });
    const before = await sseSubscribe<Added>(gateway.url, ADDED, { chatId });
    await waitForSubscribers(redis.url, chatTopic('v3', chatUuid));

    await redis.stop();
    // Closed during the outage: its UNSUBSCRIBE fails, and nothing escapes.
    before.close();
    // Opened during the outage: its SUBSCRIBE fails; the stream ends with an error event.
    const during = await sseSubscribe<Added>(gateway.url, ADDED, { chatId });
    expect(during.status).toBe(200);
    const failed = await during.nth(0, 10_000);
    expect(failed.errors?.[0]?.extensions?.code).toBe('REALTIME_UNAVAILABLE');
    await during.completed;
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, redis: 'down' });
    // Still serving reads.
    const read = await post<{ chat: { id: string } }>(gateway, `{ chat(id: "${chatId}") { id } }`);
    expect(read.data?.chat.id).toBe(chatId);

    redis = await startRedisServer(redis.port);
    await until('/ready 200', async () => (await ready()).status === 200);

    const after = await sseSubscribe<Added>(gateway.url, ADDED, { chatId });
    await waitForSubscribers(redis.url, chatTopic('v3', chatUuid));
    const sent = await post(
      gateway,
      `mutation($chatId: ID!) { sendMessage(input: { chatId: $chatId, text: "back" }) { __typename } }`,
      { chatId },
    );
    expect(sent.errors).toBeUndefined();
    expect((await after.nth(0, 10_000)).data?.messageAdded.node.text).toBe('back');
    after.close();

    expect(unhandled).toEqual([]);
    expect(linesWith('Redis unavailable')).toHaveLength(1);
    expect(linesWith('Redis recovered')).toHaveLength(1);
  }, 30_000);
});
