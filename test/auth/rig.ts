/**
 * A gateway as `npm start` runs it (loadConfig + startGateway, real HTTP on port 0, the embedded
 * sandbox) with the security settings under test, its log lines captured, and the sandbox's
 * request recorder to prove how many Linq calls a request made.
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Sandbox, StoreFixtures } from '../../src/sandbox/index.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import type { Dialect } from '../../src/upstream/model.js';

export interface GraphQLReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export interface SecuredGateway {
  readonly gateway: RunningGateway;
  readonly sandbox: Sandbox;
  readonly fixtures: StoreFixtures;
  readonly dialect: Dialect;
  readonly origin: string;
  readonly logs: Record<string, unknown>[];
  post<T = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; headers?: Record<string, string> },
  ): Promise<GraphQLReply<T>>;
  /** Linq requests since the last reset. */
  upstreamCalls(): number;
  resetCalls(): void;
  close(): Promise<void>;
}

export async function startSecuredGateway(
  env: Record<string, string>,
  dialect: Dialect = 'v3',
): Promise<SecuredGateway> {
  const lines: string[] = [];
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LINQ_API_VERSION: dialect,
    ...env,
  });
  const logger = createLogger(config.logLevel, { write: (line: string) => lines.push(line) > 0 });
  const gateway = await startGateway(config, logger);
  const sandbox = gateway.sandbox;
  if (!sandbox) throw new Error('expected the embedded sandbox');
  return {
    gateway,
    sandbox,
    fixtures: sandbox.store.fixtures(),
    dialect,
    origin: new URL(gateway.url).origin,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async post(query, options = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLReply['body'] } as never;
    },
    upstreamCalls: () => sandbox.controls.requests().length,
    resetCalls: () => sandbox.controls.resetCounts(),
    close: () => gateway.close(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
