/** The webhook subscription routes of both dialects. */
import type { RouteDef } from '../http/http.js';
import { v2WebhookRoutes } from './routes-v2.js';
import { v3WebhookRoutes } from './routes-v3.js';

export const webhookRoutes: RouteDef[] = [...v2WebhookRoutes, ...v3WebhookRoutes];
