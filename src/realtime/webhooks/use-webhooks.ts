/**
 * Yoga plugin: Linq webhooks at POST <basePath>/v2 and <basePath>/v3 (default /webhooks/linq).
 * The router (src/realtime/webhooks/router.ts) verifies, parses, dedupes and publishes to the chat event
 * bus; every other path falls through to the rest of Yoga. A dialect without a secret is not
 * routed (Yoga answers 404).
 */
import type { Plugin } from 'graphql-yoga';
import type { ChatEventBus } from '../pubsub/index.js';
import type { Tracing } from '../../telemetry/types.js';
import {
  createMemoryDeduper,
  createWebhookRouter,
  type Deduper,
  type WebhookLogger,
  type WebhookRouterConfig,
} from './index.js';

/** What createGateway needs: the bus and the logger come from the gateway itself. */
export interface GatewayWebhookOptions extends Omit<
  WebhookRouterConfig,
  'publish' | 'dedupe' | 'logger'
> {
  /** Shared by every instance with Redis (createRedisDeduper). @default in memory */
  dedupe?: Deduper;
}

export function useWebhooks(config: WebhookRouterConfig, tracing?: Tracing | null): Plugin {
  const route = createWebhookRouter(config);
  return {
    async onRequest({ request, endResponse }) {
      if (!route.handles(request)) return;
      // The delivery's span wraps its handling, so that its publish is the span's child.
      const handle = () => route(request) ?? Promise.resolve(new Response(null, { status: 404 }));
      endResponse(await (tracing ? tracing.webhook(request, handle) : handle()));
    },
  };
}

/** The webhook plugin publishing to `bus`; none when `options` is absent. */
export function webhookPlugins(
  options: GatewayWebhookOptions | null | undefined,
  bus: ChatEventBus,
  logger?: WebhookLogger,
  tracing?: Tracing | null,
): Plugin[] {
  if (!options) return [];
  return [
    useWebhooks(
      {
        ...options,
        dedupe: options.dedupe ?? createMemoryDeduper(),
        publish: tracing
          ? (event) => tracing.publish(event, bus.kind, (traced) => bus.publish(traced))
          : (event) => bus.publish(event),
        ...(logger ? { logger } : {}),
      },
      tracing,
    ),
  ];
}
