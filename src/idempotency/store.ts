/**
 * What each idempotency key sent: a fingerprint of the message per key, kept for a bounded
 * window. In memory (bounded, oldest dropped first) by default; in Redis when configured, so
 * every instance knows every key. A record is `p:<fingerprint>` while the send is pending and
 * `s:<fingerprint>` once Linq accepted it.
 */
import type { Redis } from 'ioredis';

/** 24 h: longer than any client's retry of one send. */
export const DEFAULT_SEND_KEY_WINDOW_MS = 86_400_000;

/** Most keys remembered in memory. */
export const DEFAULT_MAX_SEND_KEYS = 100_000;

export interface SendKeyStore {
  /** Records `value` for `key` unless the key is known: returns the value known before, or null. */
  remember(key: string, value: string): Promise<string | null>;
  /** Replaces the value of a known key (pending → sent). */
  update(key: string, value: string): Promise<void>;
  /** Forgets `key` if it still holds `value` (a send that surely did not happen). */
  forget(key: string, value: string): Promise<void>;
  /** Closes its connection, if any. */
  close?(): Promise<void>;
}

export interface KeyStoreOptions {
  /** How long a key is remembered, in ms. */
  windowMs: number;
  /** Most keys kept in memory; the oldest are dropped first. */
  maxKeys?: number;
  now?: () => number;
}

export function createMemoryKeyStore(options: KeyStoreOptions): SendKeyStore {
  const max = options.maxKeys ?? DEFAULT_MAX_SEND_KEYS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: string; expiry: number }>(); // insertion order
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiry > now()) return entry;
    entries.delete(key);
    return undefined;
  };
  const sweep = (t: number) => {
    for (const [key, entry] of entries) {
      if (entry.expiry > t && entries.size <= max) break;
      entries.delete(key);
    }
  };
  return {
    async remember(key, value) {
      const known = live(key);
      if (known) return known.value;
      const t = now();
      entries.set(key, { value, expiry: t + options.windowMs });
      sweep(t);
      return null;
    },
    async update(key, value) {
      const known = live(key);
      if (known) known.value = value;
    },
    async forget(key, value) {
      if (live(key)?.value === value) entries.delete(key);
    },
  };
}

// Atomic in Redis ≥ 2.6 (SET … GET would need 7.0).
const REMEMBER = `local old = redis.call('GET', KEYS[1])
if old then return old end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;
const FORGET = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisKeyStoreOptions extends KeyStoreOptions {
  /** Default 'linq:send-key:'. */
  prefix?: string;
  /** Used while Redis fails. Default: in memory. */
  fallback?: SendKeyStore;
  onError?: (error: unknown) => void;
}

export function createRedisKeyStore(redis: Redis, options: RedisKeyStoreOptions): SendKeyStore {
  const prefix = options.prefix ?? 'linq:send-key:';
  const fallback = options.fallback ?? createMemoryKeyStore(options);
  const window = String(options.windowMs);
  const guarded = async <T>(run: () => Promise<T>, otherwise: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      options.onError?.(error);
      return otherwise();
    }
  };
  return {
    remember: (key, value) =>
      guarded(
        async () =>
          ((await redis.eval(REMEMBER, 1, prefix + key, value, window)) as string | null) ?? null,
        () => fallback.remember(key, value),
      ),
    update: (key, value) =>
      guarded(
        async () => void (await redis.set(prefix + key, value, 'PX', options.windowMs, 'XX')),
        () => fallback.update(key, value),
      ),
    forget: (key, value) =>
      guarded(
        async () => void (await redis.eval(FORGET, 1, prefix + key, value)),
        () => fallback.forget(key, value),
      ),
  };
}
