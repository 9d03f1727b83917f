/** The webhook subscription routes of both dialects. */
import type { RouteDef } from './http.js';
import { v2WebhookRoutes } from './webhooks-routes-v2.js';
import { v3WebhookRoutes } from './webhooks-routes-v3.js';

export const webhookRoutes: RouteDef[] = [...v2WebhookRoutes, ...v3WebhookRoutes];
