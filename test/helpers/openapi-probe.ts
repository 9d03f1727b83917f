// Probes spec operations that are listed as unimplemented: the sandbox must not route them.
// (If it starts to, the list must shrink and contract cases must be added.)
import { randomUUID } from 'node:crypto';
import { contractCall, type Target } from './openapi-client.js';
import { dialectOf } from './openapi.js';

export interface ProbeableSandbox {
  controls: { requests(): Array<{ route?: string | null; status?: number }> };
}

/** Returns the routes among `routes` that the sandbox actually serves. */
export async function probeUnimplemented(
  sandbox: ProbeableSandbox,
  target: Target,
  routes: string[],
): Promise<string[]> {
  const served: string[] = [];
  for (const route of routes) {
    const [method = 'GET', template = ''] = route.split(' ');
    const path: Record<string, string | number> = {};
    for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
      path[name!] = dialectOf(route) === 'v3' ? randomUUID() : 999_999;
    }
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
    const r = await contractCall(target, { route, path, body });
    const last = sandbox.controls.requests().at(-1);
    if (last?.route === route || r.status < 300) served.push(route);
  }
  return served;
}
