/**
 * The test rig: the sandbox on 127.0.0.1 port 0, the real adapter and the real gateway, in one of
 * two shapes:
 * - `startRig(options)`: sandbox + adapter (`createLinqClient`) + Yoga (`createGateway`),
 *   driven in-process through `rig.fetch` (yoga.fetch) or, with `listen: true`, over a real
 *   node:http server; `rig.instance(env)` adds gateways as `npm start` runs them in front of the
 *   same sandbox (Redis, auth modes, limits ... through their environment variables);
 * - `startInstance(env)`: one gateway as `npm start` runs it (loadConfig + startGateway, real
 *   HTTP), on the embedded sandbox unless `env` names another upstream.
 * This file is the one place tests call createLinqClient, createGateway and startGateway.
 * Upstream request counts come from the sandbox's recorder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Logger } from 'pino';
import { openAccess } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStreams } from '../../src/realtime/event-stream.js';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
  type StoreFixtures,
} from '../../src/sandbox/index.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { createLinqClient, type LinqClientConfig } from '../../src/upstream/index.js';
import type { Dialect, LinqApi } from '../../src/upstream/model.js';
import { createGateway, type GatewayOptions } from '../../src/yoga.js';
import { forwardTo } from './forward.js';
import { chatGlobalId } from './ids.js';
import { post, type Endpoint, type ExecuteResult, type PostOptions } from './graphql.js';

/** The gateway in-process: `fetch` goes through the lane (GATEWAY_EXECUTION=compiled), then Yoga. */
export type GatewayYoga = ReturnType<typeof createGateway>;
export type YogaSettings = Partial<GatewayOptions>;
export type ClientSettings = Partial<LinqClientConfig>;

/** Retries that finish within milliseconds (a test's faults are retried once, quickly). */
export const FAST_RETRIES = { retryBaseDelayMs: 1, retryMaxDelayMs: 5, maxRetries: 1 } as const;

/**
 * An adapter on `upstream` (a sandbox, with its primary token, or any base URL). The one place
 * tests call createLinqClient.
 */
export function linqClient(
  upstream: Sandbox | string,
  settings: ClientSettings & Pick<LinqClientConfig, 'dialect'>,
): LinqApi {
  const base =
    typeof upstream === 'string'
      ? { baseUrl: upstream }
      : { baseUrl: upstream.url, token: upstream.tokens.primary };
  return createLinqClient({ ...base, ...settings });
}

/**
 * A gateway (Yoga) on `api`: open access (callers without credentials use the adapter's token)
 * and no GraphiQL unless `settings` say otherwise. The one place tests call createGateway.
 */
export function gatewayYoga(api: LinqApi, settings: YogaSettings = {}): GatewayYoga {
  return createGateway({ auth: openAccess(), graphiql: false, ...settings, api });
}

export interface RigOptions {
  /** @default 'v3' */
  dialect?: Dialect;
  /** Sandbox options (faults from the start, webhook timings, seed ...); always port 0. */
  sandbox?: SandboxOptions;
  /** Adapter settings over the rig's defaults (the sandbox, its primary token, FAST_RETRIES). */
  client?: ClientSettings;
  /** Gateway settings over `gatewayYoga`'s defaults. */
  gateway?: YogaSettings;
  /** Serve the gateway on a real node:http server on 127.0.0.1 port 0. @default false */
  listen?: boolean;
}

export interface Rig {
  readonly dialect: Dialect;
  readonly sandbox: Sandbox;
  /** The seeded demo data (read once at start). */
  readonly fixtures: StoreFixtures;
  readonly api: LinqApi;
  /** The gateway (built on first use). */
  readonly yoga: GatewayYoga;
  /** The GraphQL endpoint: http://127.0.0.1:PORT/graphql with `listen`, else in-process. */
  readonly url: string;
  /** Fetches from the gateway: over the socket with `listen`, else `yoga.fetch`. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
  /** Another adapter on the sandbox (closed with the rig). */
  client(settings?: ClientSettings): LinqApi;
  /** Another gateway on `rig.api` with other settings. */
  yogaWith(settings: YogaSettings): GatewayYoga;
  /**
   * A gateway as `npm start` runs it in front of the rig's sandbox, in the rig's dialect, with
   * `env` on top (closed with the rig).
   */
  instance(env?: Record<string, string>, logger?: Logger): Promise<RunningGateway>;
  /** POSTs to `endpoint` (default: the rig) after resetting the upstream counters. */
  post<T = Record<string, unknown>>(
    endpoint: Endpoint | null,
    query: string,
    variables?: Record<string, unknown>,
    options?: PostOptions,
  ): Promise<ExecuteResult<T>>;
  /** Upstream requests since the last reset. */
  upstream(): number;
  /** Upstream requests by route name since the last reset. */
  calls(): Record<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const dialect = options.dialect ?? 'v3';
  const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
  const clients: LinqApi[] = [];
  const gateways: RunningGateway[] = [];
  const client = (settings: ClientSettings = {}): LinqApi => {
    const api = linqClient(sandbox, { ...FAST_RETRIES, dialect, ...settings });
    clients.push(api);
    return api;
  };
  const api = client(options.client);
  let yoga: GatewayYoga | undefined;
  const gateway = () => (yoga ??= gatewayYoga(api, options.gateway));
  let server: Server | undefined;
  let url = IN_PROCESS_URL;
  if (options.listen) {
    const listening = createServer(gateway().listener);
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/graphql`;
  }
  // Over the socket, only the path and query of `input` count (`http://gateway.test/...` works).
  const rigFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    if (!server) return gateway().fetch(input, init ?? {});
    const { pathname, search } = new URL(input, url);
    return fetch(new URL(pathname + search, url), init);
  };
  const rig: Rig = {
    dialect,
    sandbox,
    fixtures: sandbox.store.fixtures(),
    api,
    get yoga() {
      return gateway();
    },
    url,
    fetch: rigFetch,
    client,
    yogaWith: (settings) => gatewayYoga(api, { ...options.gateway, ...settings }),
    async instance(env = {}, logger) {
      const upstream = {
        LINQ_BASE_URL: sandbox.url,
        LINQ_TOKEN: sandbox.tokens.primary,
        LINQ_API_VERSION: dialect,
      };
      const running = await startInstance({ ...upstream, ...env }, logger);
      gateways.push(running);
      return running;
    },
    post(endpoint, query, variables, postOptions) {
      sandbox.controls.resetCounts();
      return post(endpoint ?? rig, query, variables, postOptions);
    },
    upstream: () => sandbox.controls.count(),
    calls() {
      const counts: Record<string, number> = {};
      for (const r of sandbox.controls.requests()) {
        const route = r.route ?? `${r.method} ${r.path} (no route)`;
        counts[route] = (counts[route] ?? 0) + 1;
      }
      return counts;
    },
    resetCounts: () => sandbox.controls.resetCounts(),
    async close() {
      await Promise.all(gateways.map((g) => g.close()));
      if (server) {
        const open = server;
        open.closeAllConnections();
        await new Promise<void>((resolve) => open.close(() => resolve()));
      }
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.close();
    },
  };
  return rig;
}

const IN_PROCESS_URL = 'http://gateway.test/graphql';

/**
 * A rig for the enclosing describe block (or file): started before its tests, closed after.
 * Read it inside tests or hooks (`state.rig`), not at collection time.
 */
export function useRig(options: RigOptions = {}): { readonly rig: Rig } {
  const state = {} as { rig: Rig };
  beforeAll(async () => {
    state.rig = await startRig(options);
  });
  afterAll(() => state.rig?.close());
  return state;
}

/**
 * `useRig(options)` as the rig itself: `const rig = useBlockRig(...)` in a describe block, then
 * `rig.post(...)`, `rig.yoga` ... inside its tests and hooks (it forwards to the running rig).
 */
export function useBlockRig(options: RigOptions = {}): Rig {
  const state = useRig(options);
  return forwardTo(() => (state as { rig?: Rig }).rig, 'the rig');
}

/**
 * A bare sandbox (no adapter, no gateway) on port 0 for the enclosing describe block (or file),
 * its recorder, faults and store reset before each test. Read `state.sandbox` inside
 * tests or hooks.
 */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox } {
  const state = {} as { sandbox: Sandbox };
  beforeAll(async () => {
    state.sandbox = await startSandbox({ ...options, port: 0 });
  });
  beforeEach(() => state.sandbox.controls.reset());
  afterAll(() => state.sandbox?.close());
  return state;
}

/**
 * `useRig({ dialect })` and the global id of the rig's 150-message chat, for the enclosing
 * describe block. Read both inside tests or hooks (`t.rig`, `t.chatId`).
 */
export function useBigChatRig(dialect: Dialect): { readonly rig: Rig; readonly chatId: string } {
  const state = useRig({ dialect });
  return {
    get rig() {
      return state.rig;
    },
    get chatId() {
      return chatGlobalId(dialect, state.rig.fixtures.bigChat);
    },
  };
}

/**
 * A gateway as `npm start` runs it (loadConfig + startGateway), on 127.0.0.1 port 0, silent
 * unless given a logger. Without LINQ_BASE_URL it starts the embedded sandbox.
 */
export async function startInstance(
  env: Record<string, string> = {},
  logger: Logger = createLogger('silent'),
): Promise<RunningGateway> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    GRAPHQL_JIT: 'false',
    // In front of an external sandbox, callers without a token are served with the service token
    // (opted in, as `npm start` on the embedded sandbox does by default); auth tests set their own.
    ...(env.LINQ_BASE_URL && !env.AUTH_MODES && !env.AUTH_ANONYMOUS
      ? { AUTH_ANONYMOUS: 'write' }
      : {}),
    ...env,
  });
  return startGateway(config, logger);
}

/** The embedded sandbox of an instance started without LINQ_BASE_URL. */
export function sandboxOf(gateway: RunningGateway): Sandbox {
  if (!gateway.sandbox) throw new Error('expected the embedded sandbox');
  return gateway.sandbox;
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
