// The memory of idempotency keys: bounded and windowed in memory; in a real Redis when
// REDIS_URL is set, where two gateway instances over one sandbox share it (a key used through
// A with one text is a ConflictError through B with another, and a replay through B).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryKeyStore, createRedisKeyStore } from '../../src/idempotency/store.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance } from '../helpers/rig.js';
import { startRedisServer, type RedisServer } from '../webhooks/helpers/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.stop());

describe('memory key store', () => {
  it('remembers a key for its window, and at most maxKeys keys', async () => {
    let t = 0;
    const store = createMemoryKeyStore({ windowMs: 1000, maxKeys: 2, now: () => t });
    expect(await store.remember('a', 'p:1')).toBeNull();
    expect(await store.remember('a', 'p:2')).toBe('p:1');
    await store.update('a', 's:1');
    expect(await store.remember('a', 'p:2')).toBe('s:1');
    t = 1001;
    expect(await store.remember('a', 'p:2')).toBeNull();
    await store.remember('b', 'p:1');
    await store.remember('c', 'p:1'); // 'a' is the oldest of three: dropped
    expect(await store.remember('a', 'p:3')).toBeNull();
    await store.forget('c', 'p:other'); // another value: kept
    expect(await store.remember('c', 'p:9')).toBe('p:1');
    await store.forget('c', 'p:1');
    expect(await store.remember('c', 'p:9')).toBeNull();
  });
});

describe('Redis key store', () => {
  it('remembers, updates and forgets in Redis, for its window', async () => {
    const client = new Redis(redis.url);
    try {
      const store = createRedisKeyStore(client, { windowMs: 300, prefix: 'test:keys:' });
      expect(await store.remember('k', 'p:1')).toBeNull();
      expect(await client.get('test:keys:k')).toBe('p:1');
      expect(await store.remember('k', 'p:2')).toBe('p:1');
      await store.update('k', 's:1');
      expect(await store.remember('k', 'p:2')).toBe('s:1');
      await store.forget('k', 'p:1');
      expect(await client.get('test:keys:k')).toBe('s:1');
      await store.forget('k', 's:1');
      expect(await client.get('test:keys:k')).toBeNull();
      await store.remember('w', 'p:1');
      expect(await client.pttl('test:keys:w')).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await store.remember('w', 'p:2')).toBeNull();
    } finally {
      client.disconnect();
    }
  });
});

describe('two instances sharing Redis', () => {
  let sandbox: Sandbox;
  let a: RunningGateway;
  let b: RunningGateway;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const env = {
      LINQ_BASE_URL: sandbox.url,
      LINQ_TOKEN: sandbox.tokens.primary,
      AUTH_ANONYMOUS: 'write', // callers without a token use the service token (opted in)
      REDIS_URL: redis.url,
    };
    a = await startInstance(env);
    b = await startInstance(env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sandbox?.close();
  });

  const SEND = `mutation($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ... on SendMessagePayload { replayed sentMessage { id } }
      ... on Error { message }
    }
  }`;
  type Sent = {
    sendMessage: { __typename: string; replayed?: boolean; sentMessage?: { id: string } };
  };

  it('a key used through A is known through B', async () => {
    const chatId = encodeNodeId('v3', 'Chat', sandbox.store.fixtures().bigChat.uuid);
    const input = { chatId, text: 'once', idempotencyKey: 'shared-key-1' };
    const first = await post<Sent>(a, SEND, { input });
    expect(first.data?.sendMessage).toMatchObject({ replayed: false });
    const replay = await post<Sent>(b, SEND, { input });
    expect(replay.data?.sendMessage).toMatchObject({
      replayed: true,
      sentMessage: { id: first.data?.sendMessage.sentMessage?.id },
    });
    const other = await post<Sent>(b, SEND, { input: { ...input, text: 'twice?' } });
    expect(other.data?.sendMessage.__typename).toBe('ConflictError');
  });
});
