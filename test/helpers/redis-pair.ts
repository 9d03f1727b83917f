// Two gateway instances (as `npm start` runs them) in front of one sandbox, sharing a real
// redis-server: the setup of the cross-instance tests (subscriptions, tracing).
import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';
import type { RunningGateway } from '../../src/server.js';
import { startRedisServer, type RedisServer } from '../webhooks/helpers/redis-server.js';
import { startRig, type Rig } from './rig.js';

type Env = Record<string, string>;

export interface RedisPairOptions {
  /** Sandbox options (webhook timings ...); always port 0. */
  sandbox?: SandboxOptions;
  /** Environment of both instances, on top of the sandbox and REDIS_URL. */
  env?: Env;
  /** Environment of instance A or B only (e.g. OTEL_SERVICE_NAME). */
  a?: Env;
  b?: Env;
  logger?: Logger;
}

export interface RedisPair {
  readonly redis: RedisServer;
  readonly rig: Rig;
  readonly sandbox: Sandbox;
  readonly a: RunningGateway;
  readonly b: RunningGateway;
  /** Closes both instances and the sandbox, then stops Redis. */
  close(): Promise<void>;
}

export async function startRedisPair(options: RedisPairOptions = {}): Promise<RedisPair> {
  const redis = await startRedisServer();
  let rig: Rig | undefined;
  try {
    rig = await startRig({ sandbox: options.sandbox });
    const env = { REDIS_URL: redis.url, ...options.env };
    const a = await rig.instance({ ...env, ...options.a }, options.logger);
    const b = await rig.instance({ ...env, ...options.b }, options.logger);
    const started = rig;
    return {
      redis,
      rig,
      sandbox: rig.sandbox,
      a,
      b,
      async close() {
        await started.close();
        await redis.stop();
      },
    };
  } catch (error) {
    await rig?.close();
    await redis.stop();
    throw error;
  }
}

/**
 * A Redis pair for the enclosing describe block (or file): started before its tests, closed
 * after. Read it inside tests or hooks (`two.a`), not at collection time.
 */
export function useRedisPair(options: RedisPairOptions = {}): RedisPair {
  let pair: RedisPair | undefined;
  const started = (): RedisPair => {
    if (!pair) throw new Error('the Redis pair is not started yet');
    return pair;
  };
  beforeAll(async () => {
    pair = await startRedisPair(options);
  });
  afterAll(() => pair?.close());
  return {
    get redis() {
      return started().redis;
    },
    get rig() {
      return started().rig;
    },
    get sandbox() {
      return started().sandbox;
    },
    get a() {
      return started().a;
    },
    get b() {
      return started().b;
    },
    close: () => started().close(),
  };
}
