/**
 * Process wiring of the real-time path (used by src/server.ts): the chat event bus and the
 * webhook dedupe (both in Redis when REDIS_URL is set, so every instance sees every event once),
 * the webhook secrets per dialect, and, with the embedded sandbox, a generated secret and the
 * sandbox's webhook targets pointing back at this gateway.
 *
 * Secrets and the Redis URL (which may hold a password) are never logged.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { GatewayWebhookOptions } from './webhooks/use-webhooks.js';
import { createChatEventBus, type ChatEventBus } from './pubsub/index.js';
import { watchRedis, type RedisStateChange } from './pubsub/redis-health.js';
import type { Sandbox } from '../sandbox/index.js';
import type { Dialect } from '../upstream/model.js';
import { createMemoryDeduper, createRedisDeduper, type Deduper } from './webhooks/index.js';
import { endStreams } from './event-stream.js';

export const WEBHOOK_BASE_PATH = '/webhooks/linq';

export interface Realtime {
  readonly bus: ChatEventBus;
  /** For createGateway; null when no dialect has a secret (the webhook routes are off). */
  readonly webhooks: GatewayWebhookOptions | null;
  /** The secret generated for the embedded sandbox (null with the real Linq API). */
  readonly sandboxSecret: string | null;
  /** Ends open subscriptions (SSE responses finish), so the HTTP server can drain. */
  endSubscriptions(): Promise<void>;
  /** False while a Redis connection is down (always true without Redis). */
  ready(): boolean;
  /** Closes the Redis connections. */
  close(): Promise<void>;
}

const errorLogger = (logger: Logger, what: string) => (error: unknown) => {
  // Only the message: an error object of a Redis client may carry its options (the URL).
  logger.warn({ error: error instanceof Error ? error.message : String(error) }, what);
};

/**
 * One log line when Redis becomes unavailable (to any of the gateway's connection groups) and
 * one when every group is back, however many commands failed in between.
 */
function redisOutageLog(logger: Logger): (group: string) => RedisStateChange {
  const down = new Set<string>();
  return (group) => (state, reason) => {
    const wasDown = down.size > 0;
    if (state === 'down') down.add(group);
    else down.delete(group);
    if (!wasDown && down.size > 0) {
      logger.error({ redis: 'down', group, reason }, 'Redis unavailable: real-time degraded');
    } else if (wasDown && down.size === 0) {
      logger.info({ redis: 'up' }, 'Redis recovered');
    }
  };
}

export function createRealtime(
  config: Config,
  logger: Logger,
  options: { embeddedSandbox: boolean },
): Realtime {
  const { redisUrl, webhookSecrets } = config.realtime;
  const outage = redisOutageLog(logger);
  const bus = createChatEventBus({
    redisUrl,
    onError: errorLogger(logger, 'real-time bus error'),
    onRedisStateChange: outage('bus'),
  });
  let redis: Redis | null = null;
  let dedupe: Deduper;
  let dedupeReady = () => true;
  if (redisUrl) {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, connectionName: 'linq-gateway-dedupe' });
    const health = watchRedis([redis], outage('dedupe'));
    dedupeReady = health.ready;
    dedupe = createRedisDeduper(redis, { onError: health.failed });
  } else {
    dedupe = createMemoryDeduper();
  }

  const secrets = { v2: [...webhookSecrets.v2], v3: [...webhookSecrets.v3] };
  const dialect = config.upstream.dialect;
  let sandboxSecret: string | null = null;
  if (options.embeddedSandbox) {
    sandboxSecret = `whsec_${randomBytes(24).toString('hex')}`;
    secrets[dialect].push(sandboxSecret);
  }
  const routed = (['v2', 'v3'] as const).filter((d) => secrets[d].length > 0);
  const webhooks: GatewayWebhookOptions | null =
    routed.length === 0
      ? null
      : {
          basePath: WEBHOOK_BASE_PATH,
          secrets: Object.fromEntries(routed.map((d) => [d, secrets[d]])),
          dedupe,
        };

  logger.info(
    { bus: bus.kind, webhookDialects: routed, subscriptionDialect: dialect },
    routed.length === 0
      ? 'real-time: no LINQ_WEBHOOK_SECRET_V2/V3 set: webhooks are off, subscriptions get no events'
      : `real-time: webhooks at ${WEBHOOK_BASE_PATH}/{${routed.join(',')}} (${bus.kind} bus)`,
  );
  if (routed.length > 0 && !routed.includes(dialect)) {
    logger.warn(
      { dialect },
      'real-time: no webhook secret for the dialect the gateway serves: its ids differ, ' +
        'so subscriptions will not see these events',
    );
  }

  return {
    bus,
    webhooks,
    sandboxSecret,
    endSubscriptions: () => endStreams(bus),
    ready: () => bus.ready() && dedupeReady(),
    async close() {
      await endStreams(bus);
      await bus.close();
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
}

/** Points the embedded sandbox's webhooks (both demo accounts) at this gateway. */
export function registerSandboxWebhooks(
  sandbox: Sandbox,
  gatewayOrigin: string,
  dialect: Dialect,
  secret: string,
): string {
  const url = `${gatewayOrigin}${WEBHOOK_BASE_PATH}/${dialect}`;
  for (const account of ['primary', 'other'] as const) {
    sandbox.controls.addWebhookTarget({ url, dialect, secret, account });
  }
  return url;
}
