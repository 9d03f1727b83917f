/**
 * `createLinqClient`: one typed Linq client for both API dialects over one undici Agent.
 * The dialect is picked once; callers only ever see the domain model of model.ts. Bind it to
 * an incoming request with `withOptions` (adapter.ts).
 */
import { resolveConfig, type LinqClientConfig } from './client-config.js';
import { V2Api } from './v2/dialect.js';
import { V3Api } from './v3/dialect.js';
import type { LinqApi } from './model.js';
import { Transport } from './http/transport.js';

export function createLinqClient(config: LinqClientConfig): LinqApi {
  const resolved = resolveConfig(config);
  const transport = new Transport(resolved);
  return resolved.dialect === 'v2' ? new V2Api(transport) : new V3Api(transport);
}
