/**
 * Dedupe of webhook deliveries on (dialect, event_id): Linq delivers at least once, and a
 * retried delivery may reach another gateway instance. In memory by default (bounded, TTL);
 * with Redis, `SET key 1 NX EX ttl` makes the first instance win across the fleet.
 */
import type { Redis } from 'ioredis';

export interface Deduper {
  /** True the first time `key` is seen within the TTL; false for a duplicate. */
  claim(key: string): Promise<boolean>;
  /** Forgets `key` (after a failed publish, so the sender's retry is not swallowed). */
  release(key: string): Promise<void>;
}

export interface MemoryDeduperOptions {
  /** Default 24 h (longer than any documented retry window). */
  ttlMs?: number;
  /** Most keys kept; the oldest are dropped first. Default 100,000. */
  maxEntries?: number;
  now?: () => number;
}

export function createMemoryDeduper(options: MemoryDeduperOptions = {}): Deduper {
  const ttl = options.ttlMs ?? 24 * 3_600_000;
  const max = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>(); // key → expiry; Map keeps insertion order
  const sweep = (t: number) => {
    for (const [key, expiry] of seen) {
      if (expiry > t && seen.size <= max) break;
      seen.delete(key);
    }
  };
  return {
    async claim(key) {
      const t = now();
      const expiry = seen.get(key);
      if (expiry !== undefined && expiry > t) return false;
      seen.delete(key);
      seen.set(key, t + ttl);
      sweep(t);
      return true;
    },
    async release(key) {
      seen.delete(key);
    },
  };
}

export interface RedisDeduperOptions {
  /** Default 24 h. */
  ttlSeconds?: number;
  /** Key prefix. Default 'linq:webhook:seen:'. */
  prefix?: string;
  /** Used while Redis fails (at-least-once wins over dropping events). Default: in memory. */
  fallback?: Deduper;
  onError?: (error: unknown) => void;
}

export function createRedisDeduper(redis: Redis, options: RedisDeduperOptions = {}): Deduper {
  const ttl = options.ttlSeconds ?? 24 * 3600;
  const prefix = options.prefix ?? 'linq:webhook:seen:';
  const fallback = options.fallback ?? createMemoryDeduper({ ttlMs: ttl * 1000 });
  return {
    async claim(key) {
      try {
        return (await redis.set(prefix + key, '1', 'EX', ttl, 'NX')) === 'OK';
      } catch (error) {
        options.onError?.(error);
        return fallback.claim(key);
      }
    },
    async release(key) {
      try {
        await redis.del(prefix + key);
      } catch (error) {
        options.onError?.(error);
      }
      await fallback.release(key);
    },
  };
}
