/**
 * A Redis-backed EventTarget for graphql-yoga's createPubSub (the same channel naming and JSON
 * encoding as @graphql-yoga/redis-event-target), whose Redis commands never go unhandled.
 *
 * The library's target calls SUBSCRIBE/UNSUBSCRIBE/PUBLISH without awaiting them: with Redis
 * down, ioredis rejects them after `maxRetriesPerRequest` reconnection attempts and the
 * rejection crashed the process. Here each command's failure is reported to `onError`, and a
 * SUBSCRIBE that fails is delivered to that topic's listeners as a BusUnavailableError (the
 * bus turns it into an error that ends those streams; see chat-event-bus.ts).
 */
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';

/**
 * Delivered as an event's detail when the bus could not subscribe to the event's topic; the
 * subscription then ends with this error (`extensions.code: REALTIME_UNAVAILABLE`).
 */
export class BusUnavailableError extends GraphQLError {
  constructor(message = 'Real-time events are unavailable right now; subscribe again later') {
    super(message, { extensions: { code: 'REALTIME_UNAVAILABLE' } });
    this.name = 'BusUnavailableError';
  }
}

type Callback = (event: CustomEvent) => void;
type Listener = Callback | { handleEvent: Callback };

export interface RedisEventTargetOptions {
  publishClient: Redis;
  subscribeClient: Redis;
  onError: (error: unknown) => void;
}

const callbackOf = (listener: Listener): Callback =>
  typeof listener === 'function' ? listener : listener.handleEvent.bind(listener);

export function redisEventTarget(options: RedisEventTargetOptions): EventTarget {
  const { publishClient, subscribeClient, onError } = options;
  const byTopic = new Map<string, Map<Listener, Callback>>();

  const deliver = (topic: string, detail: unknown) => {
    const listeners = byTopic.get(topic);
    if (!listeners) return;
    const event = new CustomEvent(topic, { detail });
    for (const callback of [...listeners.values()]) callback(event);
  };

  subscribeClient.on('message', (channel: string, message: string) => {
    let detail: unknown;
    try {
      detail = message === '' ? null : (JSON.parse(message) as unknown);
    } catch (error) {
      onError(error);
      return;
    }
    deliver(channel, detail);
  });

  const target = {
    addEventListener(topic: string, listener: Listener | null) {
      if (!listener) return;
      let listeners = byTopic.get(topic);
      if (!listeners) {
        const created = new Map<Listener, Callback>();
        byTopic.set(topic, (listeners = created));
        subscribeClient.subscribe(topic).catch((error: unknown) => {
          onError(error);
          const event = new CustomEvent(topic, { detail: new BusUnavailableError() });
          for (const callback of [...created.values()]) callback(event);
          // The next listener of this topic tries SUBSCRIBE again.
          if (byTopic.get(topic) === created) byTopic.delete(topic);
        });
      }
      listeners.set(listener, callbackOf(listener));
    },
    removeEventListener(topic: string, listener: Listener | null) {
      const listeners = byTopic.get(topic);
      if (!listener || !listeners?.delete(listener) || listeners.size > 0) return;
      byTopic.delete(topic);
      subscribeClient.unsubscribe(topic).catch(onError);
    },
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail as unknown;
      publishClient
        .publish(event.type, detail === undefined ? '' : JSON.stringify(detail))
        .catch(onError);
      return true;
    },
  };
  return target;
}
