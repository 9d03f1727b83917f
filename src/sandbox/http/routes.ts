/** Every sandbox route, in one list. */
import type { RouteDef } from './http.js';
import { uploadRoutes } from '../v3/uploads.js';
import { v2ReadRoutes } from '../v2/read-routes.js';
import { v2WriteRoutes } from '../v2/write-routes.js';
import { v3ReadRoutes } from '../v3/read-routes.js';
import { v3WriteRoutes } from '../v3/write-routes.js';

export const routes: RouteDef[] = [
  ...v2ReadRoutes,
  ...v2WriteRoutes,
  ...v3ReadRoutes,
  ...v3WriteRoutes,
  ...uploadRoutes,
];
