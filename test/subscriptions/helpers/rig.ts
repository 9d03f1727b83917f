// Gateway instances as `npm start` runs them (startGateway + loadConfig), on 127.0.0.1 port 0,
// all in front of one sandbox, optionally sharing a real Redis.
import type { Logger } from 'pino';
import { loadConfig } from '../../../src/config.js';
import { openStreams } from '../../../src/realtime/event-stream.js';
import { startGateway, type RunningGateway } from '../../../src/server.js';
import { createLogger } from '../../../src/logger.js';

export async function startInstance(
  env: Record<string, string>,
  logger: Logger = createLogger('silent'),
): Promise<RunningGateway> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    GRAPHQL_JIT: 'false',
    // In front of an external sandbox, callers without a token are served with the service token
    // (opted in, as `npm start` on the embedded sandbox does by default); auth tests set their own.
    ...(env.LINQ_BASE_URL && !env.AUTH_MODES && !env.AUTH_ANONYMOUS ? { AUTH_ANONYMOUS: 'write' } : {}),
    ...env,
  });
  return startGateway(config, logger);
}

/** The origin of a gateway (its url without /graphql). */
export const originOf = (gateway: RunningGateway): string => new URL(gateway.url).origin;

/** Open subscription streams of `gateway` now. */
export const streamsOf = (gateway: RunningGateway): number => openStreams(gateway.bus);

/** Waits until `gateway` has `count` open subscription streams (listener attached). */
export async function waitForStreams(gateway: RunningGateway, count = 1): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (openStreams(gateway.bus) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${count} open subscription streams`);
}

/** POSTs a GraphQL operation to a running gateway. */
export async function post<T>(
  gateway: RunningGateway,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: [] };
}
