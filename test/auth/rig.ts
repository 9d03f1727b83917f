/**
 * The auth tests' view of a gateway as `npm start` runs it (startInstance: real HTTP on port 0,
 * the embedded sandbox) with the security settings under test, its log lines captured, and the
 * sandbox's request recorder to prove how many Linq calls a request made.
 */
import type { Sandbox, StoreFixtures } from '../../src/sandbox/index.js';
import type { RunningGateway } from '../../src/server.js';
import type { Dialect } from '../../src/upstream/model.js';
import { post, type GraphQLErrorJson } from '../helpers/graphql.js';
import { captureLogs } from '../helpers/logs.js';
import { originOf, sandboxOf, startInstance } from '../helpers/rig.js';

export interface GraphQLReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: GraphQLErrorJson[] };
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
  const logs = captureLogs(env.LOG_LEVEL ?? 'info');
  // As `npm start` runs: compiled execution stays at its default.
  const settings = { GRAPHQL_JIT: 'true', LOG_LEVEL: 'info', LINQ_API_VERSION: dialect, ...env };
  const gateway = await startInstance(settings, logs.logger);
  const sandbox = sandboxOf(gateway);
  return {
    gateway,
    sandbox,
    fixtures: sandbox.store.fixtures(),
    dialect,
    origin: originOf(gateway),
    get logs() {
      return logs.records();
    },
    async post<T>(
      query: string,
      options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
    ) {
      const headers = options.headers ?? {};
      const {
        status,
        headers: replyHeaders,
        data,
        errors,
      } = await post<T>(gateway, query, options.variables, { headers });
      return { status, headers: replyHeaders, body: { data, errors } };
    },
    upstreamCalls: () => sandbox.controls.requests().length,
    resetCalls: () => sandbox.controls.resetCounts(),
    close: () => gateway.close(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
