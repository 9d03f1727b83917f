/**
 * Token buckets, one per caller key: `capacity` tokens (the burst), refilled at `perSecond`;
 * each operation takes one. In memory for one instance, or in Redis (one Lua script refills and
 * takes atomically, on Redis's clock) so that every instance sharing the Redis shares the bucket.
 *
 * Redis trouble never stops the gateway: a failed take is allowed (fail open) and logged as a
 * warning at most once per `WARN_EVERY_MS`.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface BucketOptions {
  /** Tokens a bucket holds (the largest burst). */
  capacity: number;
  /** Tokens added per second. */
  perSecond: number;
}

export interface Take {
  allowed: boolean;
  /** When refused: milliseconds until a token is there. */
  retryAfterMs: number;
}

export interface TokenBuckets {
  take(key: string): Promise<Take>;
  close(): Promise<void>;
}

/** ms until `missing` tokens have been refilled. */
const waitFor = (missing: number, perSecond: number) => Math.ceil((missing * 1000) / perSecond);

export function memoryBuckets({ capacity, perSecond }: BucketOptions): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, now: number) => {
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) * perSecond) / 1000);
    b.at = now;
  };
  return {
    take(key) {
      const now = performance.now();
      if (buckets.size >= 10_000 && !buckets.has(key)) {
        // Full buckets carry no state: forget them (a busy gateway's map stays small).
        for (const [k, b] of buckets) {
          refill(b, now);
          if (b.tokens >= capacity) buckets.delete(k);
        }
      }
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { tokens: capacity, at: now }));
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Promise.resolve({ allowed: true, retryAfterMs: 0 });
      }
      const retryAfterMs = waitFor(1 - bucket.tokens, perSecond);
      return Promise.resolve({ allowed: false, retryAfterMs });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * KEYS[1]: the bucket (a hash of tokens and the time they were counted, in µs of Redis's clock);
 * ARGV: capacity, tokens per second. Returns { 1, 0 } when a token was taken, else { 0, ms to
 * wait }. The key expires once the bucket would be full again.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * perSecond / 1000000)
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / perSecond)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / perSecond) + 1000)
return { allowed, wait }
`;

const WARN_EVERY_MS = 30_000;

interface WithTake {
  takeToken(key: string, capacity: number, perSecond: number): Promise<[number, number]>;
}

export function redisBuckets(
  url: string,
  { capacity, perSecond }: BucketOptions,
  logger: Logger | null,
): TokenBuckets {
  const redis = new Redis(url, {
    // Fail fast (and open) rather than queue operations behind a lost connection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1000,
  });
  redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  let warnedAt = -Infinity;
  const warn = (error: unknown) => {
    const now = performance.now();
    if (now - warnedAt < WARN_EVERY_MS) return;
    warnedAt = now;
    const reason = error instanceof Error ? error.message : String(error);
    logger?.warn({ reason }, 'rate limit: Redis unavailable, letting requests through');
  };
  redis.on('error', warn);
  // Until the first connection is up, a take waits for it (briefly); afterwards a lost
  // connection fails at once, and open.
  let ready = false;
  const firstReady = new Promise<void>((resolve) => redis.once('ready', resolve)).then(() => {
    ready = true;
  });
  const startup = () =>
    Promise.race([firstReady, new Promise<void>((r) => setTimeout(r, 1000).unref())]);
  return {
    async take(key) {
      if (!ready) await startup();
      try {
        const [allowed, wait] = await (redis as unknown as WithTake).takeToken(
          `linq-gateway:rate:${key}`,
          capacity,
          perSecond,
        );
        return { allowed: allowed === 1, retryAfterMs: wait };
      } catch (error) {
        warn(error);
        return { allowed: true, retryAfterMs: 0 };
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
