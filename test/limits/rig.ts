// Gateways as `npm start` runs them (loadConfig + startGateway, real HTTP on 127.0.0.1 port 0)
// in front of one sandbox, whose request recorder counts the upstream calls.
import type { Logger } from 'pino';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { RunningGateway } from '../../src/server.js';
import type { GraphQLErrorJson } from '../helpers/graphql.js';
import { startInstance } from '../subscriptions/helpers/rig.js';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: GraphQLErrorJson[];
}

export interface LimitsRig {
  sandbox: Sandbox;
  /** A gateway with the default limits plus `env`, on the rig's sandbox (closed by close()). */
  gateway(env?: Record<string, string>, logger?: Logger): Promise<RunningGateway>;
  /** Upstream requests since the last `post`/`resetCounts`. */
  upstream(): number;
  close(): Promise<void>;
}

export async function startLimitsRig(dialect: 'v2' | 'v3' = 'v3'): Promise<LimitsRig> {
  const sandbox = await startSandbox({ port: 0 });
  const gateways: RunningGateway[] = [];
  return {
    sandbox,
    async gateway(env = {}, logger) {
      // Callers without credentials are the anonymous caller on the service token (opted in);
      // callers with a Linq token pass it through and are limited under their own id.
      const upstream = {
        LINQ_BASE_URL: sandbox.url,
        LINQ_TOKEN: sandbox.tokens.primary,
        AUTH_ANONYMOUS: 'write',
      };
      const gw = await startInstance({ ...upstream, LINQ_API_VERSION: dialect, ...env }, logger);
      gateways.push(gw);
      return gw;
    },
    upstream: () => sandbox.controls.count(),
    async close() {
      await Promise.all(gateways.map((g) => g.close()));
      await sandbox.close();
    },
  };
}

/** POSTs one operation over HTTP; the sandbox's counters are reset first. */
export async function post<T = Record<string, unknown>>(
  rig: LimitsRig,
  gateway: RunningGateway,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  rig.sandbox.controls.resetCounts();
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GraphQLErrorJson[] };
  return { status: res.status, headers: res.headers, ...body };
}

/** The distinct `extensions.code`s of a result's errors. */
export const codesOf = (r: { errors?: GraphQLErrorJson[] }): string[] => [
  ...new Set((r.errors ?? []).map((e) => String(e.extensions?.code))),
];
