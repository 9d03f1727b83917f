/**
 * One subscription's stream over the chat event bus.
 *
 * - The bus listener is attached when the stream is created (the bus attaches it on the first
 *   `next()`, which is called here at once): an event published after the subscription started
 *   is not missed while the transport gets ready. (With Redis, the SUBSCRIBE itself still takes
 *   a round trip.)
 * - Each event goes through `map`, one at a time (graphql-js pulls the next event only after
 *   the previous one was executed). `map` returns SKIP to drop an event, e.g. a message that
 *   was deleted before it could be read, or throws to end the subscription with that error.
 * - Every open stream of a bus is listed, so a shutdown can end them all (`endStreams`):
 *   SSE responses then finish and the HTTP server can drain.
 */
import type { ChatEventBus } from './pubsub/index.js';
import type { ChatEventOf, ChatEventType, Dialect } from './webhooks/index.js';

export const SKIP: unique symbol = Symbol('skip');

export interface ChatStreamOptions<T extends ChatEventType, R> {
  bus: ChatEventBus;
  dialect: Dialect;
  /** The upstream chat id. */
  chatId: string;
  types: readonly T[];
  map: (event: ChatEventOf<T>) => Promise<R | typeof SKIP>;
}

type Closable = { return(): Promise<IteratorResult<unknown>> };
const open = new WeakMap<ChatEventBus, Set<Closable>>();

function registry(bus: ChatEventBus): Set<Closable> {
  let set = open.get(bus);
  if (!set) open.set(bus, (set = new Set()));
  return set;
}

/** Ends every open subscription stream of `bus` (graceful shutdown). */
export async function endStreams(bus: ChatEventBus): Promise<void> {
  const streams = [...(open.get(bus) ?? [])];
  await Promise.all(streams.map((s) => s.return().catch(() => undefined)));
}

/** Number of open subscription streams of `bus`. */
export const openStreams = (bus: ChatEventBus): number => open.get(bus)?.size ?? 0;

export function chatEventStream<T extends ChatEventType, R>(
  options: ChatStreamOptions<T, R>,
): AsyncIterableIterator<R> {
  const source = options.bus.subscribe(options.dialect, options.chatId, options.types);
  let pending: Promise<IteratorResult<ChatEventOf<T>>> | null = source.next();
  pending.catch(() => undefined); // handled where it is awaited
  let done = false;
  const streams = registry(options.bus);
  const finished = (): IteratorResult<R> => ({ done: true, value: undefined });

  const stream: AsyncIterableIterator<R> = {
    async next() {
      while (!done) {
        let result: IteratorResult<ChatEventOf<T>>;
        try {
          result = await (pending ?? source.next());
        } catch (error) {
          // The bus failed this stream (e.g. Redis could not SUBSCRIBE): end it with the error.
          pending = null;
          await stream.return?.();
          throw error;
        }
        pending = null;
        if (result.done || done) break;
        let mapped: R | typeof SKIP;
        try {
          mapped = await options.map(result.value);
        } catch (error) {
          // `map` ends the subscription (e.g. the subscriber's credential expired).
          await stream.return?.();
          throw error;
        }
        if (done) break;
        if (mapped !== SKIP) return { done: false, value: mapped };
      }
      await stream.return?.();
      return finished();
    },
    async return() {
      if (!done) {
        done = true;
        streams.delete(stream as Closable);
        await source.return?.();
      }
      return finished();
    },
    async throw(error: unknown) {
      await stream.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  streams.add(stream as Closable);
  return stream;
}
