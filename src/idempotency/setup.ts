/**
 * Process wiring of the idempotency-key memory (used by src/server.ts): in Redis when REDIS_URL
 * is set (every instance knows every key), in memory otherwise. The Redis URL is never logged.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createMemoryKeyStore, createRedisKeyStore, type SendKeyStore } from './store.js';

export function createSendKeyStore(config: Config, logger: Logger): SendKeyStore {
  const { windowMs, maxKeys } = config.idempotency;
  const memory = createMemoryKeyStore({ windowMs, maxKeys });
  const url = config.realtime.redisUrl;
  if (!url) return memory;
  const redis = new Redis(url, { maxRetriesPerRequest: 3, connectionName: 'linq-gateway-keys' });
  const onError = (error: unknown) =>
    logger.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'idempotency keys: Redis error (using memory meanwhile)',
    );
  redis.on('error', onError);
  return {
    ...createRedisKeyStore(redis, { windowMs, fallback: memory, onError }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
