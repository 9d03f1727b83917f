/**
 * `createLinqClient`: one typed Linq client for both API dialects over one undici Agent.
 * The dialect is picked once; callers only ever see the domain model of model.ts.
 */
import { resolveConfig, type LinqClientConfig } from './client-config.js';
import { createV2Api } from './dialect-v2.js';
import { createV3Api } from './dialect-v3.js';
import type { LinqApi } from './model.js';
import { Transport, type SendOptions } from './transport.js';

type Operations = Omit<LinqApi, 'dialect' | 'capabilities' | 'close'>;

/** Where each operation takes its RequestOptions. */
const OPTIONS_AT: Record<keyof Operations, number> = {
  listPhoneNumbers: 0,
  listChats: 1,
  getChat: 1,
  listMessages: 1,
  getMessage: 1,
  getReaction: 1,
  sendMessage: 1,
  editMessage: 2,
  deleteMessage: 1,
  react: 2,
};

/**
 * `timeoutMs` bounds the whole operation, which may take several upstream requests (a v3 upload
 * takes three): it becomes one absolute deadline shared by all of them.
 */
function withDeadlines(api: Omit<LinqApi, 'close'>): Omit<LinqApi, 'close'> {
  const out: Record<string, unknown> = { ...api };
  for (const [name, index] of Object.entries(OPTIONS_AT)) {
    const op = api[name as keyof Operations] as (...args: unknown[]) => Promise<unknown>;
    out[name] = (...args: unknown[]) => {
      const opts = args[index] as SendOptions | undefined;
      if (opts?.timeoutMs && opts.deadline === undefined) {
        args[index] = { ...opts, deadline: Date.now() + opts.timeoutMs };
      }
      return op(...args);
    };
  }
  return out as unknown as Omit<LinqApi, 'close'>;
}

export function createLinqClient(config: LinqClientConfig): LinqApi {
  const resolved = resolveConfig(config);
  const transport = new Transport(resolved);
  const api = resolved.dialect === 'v2' ? createV2Api(transport) : createV3Api(transport);
  return { ...withDeadlines(api), close: () => transport.close() };
}
