/**
 * Routes POST <basePath>/v2 and <basePath>/v3 to handleWebhookRequest with per-dialect secrets.
 * Framework-neutral: a Yoga plugin only needs
 *   onRequest: async ({ request, endResponse }) => {
 *     const response = await router(request); if (response) endResponse(response);
 *   }
 */
import type { ChatEvent } from './events.js';
import type { Deduper } from './dedupe.js';
import { handleWebhookRequest } from './handler.js';
import type { WebhookLogger, WebhookReceiverDeps } from './receive.js';

export interface WebhookRouterConfig {
  /** Default '/webhooks/linq'. */
  basePath?: string;
  /** Secrets per dialect; a dialect without secrets is not routed (404 from the host). */
  secrets: { v2?: string | readonly string[]; v3?: string | readonly string[] };
  publish: (event: ChatEvent) => void | Promise<void>;
  dedupe: Deduper;
  logger?: WebhookLogger;
  now?: () => number;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
}

/** Returns a Response for webhook paths, null for every other path. */
export interface WebhookRoute {
  (request: Request): Promise<Response> | null;
  /** Whether the router answers this request (a webhook path with secrets). */
  handles(request: Request): boolean;
}

export function createWebhookRouter(config: WebhookRouterConfig): WebhookRoute {
  const base = (config.basePath ?? '/webhooks/linq').replace(/\/+$/, '');
  const deps = (dialect: 'v2' | 'v3'): WebhookReceiverDeps | null => {
    const secrets = config.secrets[dialect];
    if (secrets === undefined || secrets.length === 0) return null;
    const { basePath: _b, secrets: _s, ...rest } = config;
    return { ...rest, dialect, secrets };
  };
  const byPath = new Map([
    [`${base}/v2`, deps('v2')],
    [`${base}/v3`, deps('v3')],
  ]);
  const find = (request: Request) => byPath.get(new URL(request.url).pathname.replace(/\/+$/, ''));
  const route = (request: Request) => {
    const found = find(request);
    return found ? handleWebhookRequest(request, found) : null;
  };
  return Object.assign(route, { handles: (request: Request) => Boolean(find(request)) });
}
