/**
 * The chat event bus: graphql-yoga's createPubSub keyed per chat, in memory by default, or
 * Redis-backed (@graphql-yoga/redis-event-target + ioredis) so that an event received by one
 * gateway instance reaches the subscribers of every instance.
 */
import { createPubSub, filter, map, pipe, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { ChatEvent, ChatEventOf, ChatEventType, Dialect } from '../webhooks/events.js';
import { BusUnavailableError, redisEventTarget } from './redis-event-target.js';
import { watchRedis, type RedisStateChange } from './redis-health.js';
import { safeEventTarget } from './safe-event-target.js';
import { CHAT_ROUTING_KEY, chatRoutingId, chatTopic, type ChatPubSubTopics } from './topics.js';

export interface ChatEventBus {
  /** The underlying yoga PubSub (topic map `ChatPubSubTopics`). */
  readonly pubsub: PubSub<ChatPubSubTopics>;
  /** 'memory' or 'redis'. */
  readonly kind: 'memory' | 'redis';
  /** Publishes to `chat:<dialect>:<chatId>`; rejects when Redis cannot take the message. */
  publish(event: ChatEvent): Promise<void>;
  /**
   * The events of one chat, optionally only some types. The listener is attached on the first
   * `next()` (graphql-yoga Repeater semantics); return() detaches it.
   */
  subscribe<T extends ChatEventType = ChatEventType>(
    dialect: Dialect,
    chatId: string,
    types?: readonly T[],
  ): AsyncIterableIterator<ChatEventOf<T>>;
  /** False while its Redis connections are down (always true in memory). */
  ready(): boolean;
  close(): Promise<void>;
}

export interface ChatEventBusOptions {
  /** e.g. redis://127.0.0.1:6379/0. Unset or empty: in memory (single instance only). */
  redisUrl?: string | null;
  /**
   * Called with Redis connection errors and with listener failures (a subscriber that fell
   * 1024 events behind loses that event). Never called with secrets.
   */
  onError?: (error: unknown) => void;
  /** Redis outage and recovery, each reported once (not per failed command). */
  onRedisStateChange?: RedisStateChange;
}

export function createChatEventBus(options: ChatEventBusOptions = {}): ChatEventBus {
  const onError = options.onError ?? (() => undefined);
  const onState = options.onRedisStateChange ?? (() => undefined);
  return options.redisUrl ? redisBus(options.redisUrl, onError, onState) : memoryBus(onError);
}

function withSubscribe(
  pubsub: PubSub<ChatPubSubTopics>,
): Pick<ChatEventBus, 'subscribe' | 'pubsub'> {
  return {
    pubsub,
    subscribe<T extends ChatEventType = ChatEventType>(
      dialect: Dialect,
      chatId: string,
      types?: readonly T[],
    ) {
      const source = pipe(
        pubsub.subscribe(CHAT_ROUTING_KEY, chatRoutingId(dialect, chatId)),
        // The Redis target delivers a failed SUBSCRIBE as this error: it ends the stream.
        map((event: ChatEvent) => {
          if ((event as unknown) instanceof BusUnavailableError) throw event;
          return event;
        }),
      );
      if (!types) return source as AsyncIterableIterator<ChatEventOf<T>>;
      const wanted = new Set<ChatEventType>(types);
      const only = (e: ChatEvent): e is ChatEventOf<T> => wanted.has(e.type);
      return pipe(source, filter(only));
    },
  };
}

function memoryBus(onError: (error: unknown) => void): ChatEventBus {
  const eventTarget = safeEventTarget(new EventTarget(), onError);
  const pubsub = createPubSub<ChatPubSubTopics>({
    eventTarget,
  });
  return {
    kind: 'memory',
    ...withSubscribe(pubsub),
    async publish(event) {
      pubsub.publish(CHAT_ROUTING_KEY, chatRoutingId(event.dialect, event.chatId), event);
    },
    ready: () => true,
    async close() {},
  };
}

function redisBus(
  url: string,
  onError: (error: unknown) => void,
  onState: RedisStateChange,
): ChatEventBus {
  const clientOptions = { maxRetriesPerRequest: 3, connectionName: 'linq-gateway-pubsub' };
  const publishClient = new Redis(url, clientOptions);
  const subscribeClient = new Redis(url, clientOptions);
  const health = watchRedis([publishClient, subscribeClient], onState);
  const eventTarget = safeEventTarget(
    redisEventTarget({ publishClient, subscribeClient, onError: health.failed }),
    onError,
  );
  const pubsub = createPubSub<ChatPubSubTopics>({
    eventTarget,
  });
  let closed: Promise<void> | null = null;
  return {
    kind: 'redis',
    ...withSubscribe(pubsub),
    async publish(event) {
      // Published directly (same channel and JSON encoding the event target reads) so a Redis
      // failure rejects here instead of becoming an unhandled rejection inside the target.
      try {
        await publishClient.publish(chatTopic(event.dialect, event.chatId), JSON.stringify(event));
      } catch (error) {
        health.failed(error);
        throw error;
      }
    },
    ready: health.ready,
    close: () =>
      (closed ??= Promise.all(
        [publishClient, subscribeClient].map((c) => c.quit().catch(() => c.disconnect())),
      ).then(() => undefined)),
  };
}
