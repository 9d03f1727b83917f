/**
 * The gateway: its Yoga server and, in front of it, the known-operations lane (src/lane). Tests
 * drive it in-process with `gateway.fetch`; src/server.ts listens with `gateway.listener`.
 *
 * Per request: the authenticated caller (auth/use-auth.ts; auth/), the request id
 * (plugins/use-request-id.ts) and the abort signal go into the context, which holds the
 * request's loaders and its bounded, scoped view of the adapter (context.ts).
 */
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { operationChecksOf } from './plugins/operation-guard.js';
import type { Logger } from 'pino';
import { passThroughOnly } from './auth/index.js';
import type { Authenticator } from './auth/authenticate.js';
import { corsListed, corsPolicy, type CorsSettings } from './auth/cors.js';
import { executionModeFromEnv, type ExecutionMode } from './config.js';
import { createLane } from './lane/index.js';
import { laneFetch, laneListener, type FrontOptions } from './lane/front.js';
import type { Lane } from './lane/lane.js';
import type { RequestListener } from 'node:http';
import { callerOf, knownCallerOf, useAuth } from './auth/use-auth.js';
import type { Caller } from './auth/caller.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { withSendKeyMemory } from './idempotency/guard.js';
import {
  createMemoryKeyStore,
  DEFAULT_SEND_KEY_WINDOW_MS,
  type SendKeyStore,
} from './idempotency/store.js';
import { graphiqlOptions, type GraphiQLExample } from './graphiql/default-documents.js';
import { renderOfflineGraphiQL } from './graphiql/render.js';
import { useGraphiQLAssets } from './graphiql/use-graphiql-assets.js';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './limits/subscription-limits.js';
import type { TokenBuckets } from './limits/token-bucket.js';
import { useJit } from './plugins/use-jit.js';
import { useRequestRelease } from './plugins/use-request-release.js';
import { useRateLimit } from './limits/use-rate-limit.js';
import { useSseSubscriptionLimit } from './limits/use-sse-subscription-limit.js';
import { createOperations, type Operations } from './plugins/use-operations.js';
import { webhookPlugins, type GatewayWebhookOptions } from './realtime/webhooks/use-webhooks.js';
import { createChatEventBus, type ChatEventBus } from './realtime/pubsub/index.js';
import { requestIdOf, useRequestId } from './plugins/use-request-id.js';
import { useUploads } from './plugins/use-uploads.js';
import {
  DEFAULT_MAX_BODY_SIZE,
  DEFAULT_UPLOAD_LIMITS,
  type UploadLimits,
} from './limits/upload-limits.js';
import { gatewayMaskedErrors } from './plugins/use-error-codes.js';
import {
  useTrustedDocuments,
  type TrustedDocumentsOptions,
} from './plugins/use-trusted-documents.js';
import { schema } from './schema/index.js';
import type { Tracing } from './telemetry/types.js';
import { withSandboxMutations } from './schema/mutations/sandbox.js';
import type { Sandbox } from './sandbox/index.js';
import type { AbortSource, LinqApi } from './upstream/model.js';

export interface GatewayOptions {
  /** The adapter (createLinqClient from src/upstream/index.js). */
  api: LinqApi;
  /**
   * Who may call, and with which scope (auth/). The service token is the adapter's own default
   * token, used for JWT, API-key and anonymous callers.
   * @default callers must send their own Linq token (auth/index.ts#passThroughOnly)
   */
  auth?: Authenticator;
  /** Cross-origin browser access. @default no cross-origin access */
  cors?: CorsSettings;
  logger?: Logger;
  /** @default true */
  graphiql?: boolean;
  /** @default true */
  maskedErrors?: boolean;
  /** Limits, CSRF, introspection, /ready, /metrics, request log. @default createOperations() */
  operations?: Operations;
  /** Several operations in one HTTP request (a JSON array). @default false */
  batching?: boolean | { limit: number };
  /**
   * Upstream calls one GraphQL request (one subscription event) may make; 0: unlimited.
   * @default 100 (limits/upstream-budget.ts)
   */
  maxUpstreamCalls?: number;
  /** SSE subscriptions one caller may hold open; 0: no cap. @default 50 */
  maxSseSubscriptionsPerCaller?: number;
  /** Per-caller rate limit, a token per operation (limits/use-rate-limit.ts); off when absent. */
  rateLimit?: TokenBuckets | null;
  /** Deadline of each upstream read (one field's load, retries included), in ms. */
  readTimeoutMs?: number;
  /** Deadline of each write (send without files, edit, delete, reaction), retries included. */
  writeTimeoutMs?: number;
  /**
   * File upload limits (multipart requests, limits/upload-limits.ts).
   * @default { maxFileSize: 100 MiB, maxFiles: 10, maxTotalSize: 200 MiB }
   */
  uploads?: Partial<UploadLimits>;
  /** Compiled execution of single-operation queries (graphql-jit). @default true */
  jit?: boolean;
  /**
   * `compiled`: known queries sent as plain JSON POSTs are served by the lane (src/lane), the
   * rest by Yoga; `standard`: Yoga serves everything. @default GATEWAY_EXECUTION, else compiled
   */
  execution?: ExecutionMode;
  /** Largest body of a request that is not a multipart upload, in bytes. @default 25 MB */
  maxBodySize?: number;
  /** Chat events of the subscriptions. @default an in-memory bus (one instance only) */
  bus?: ChatEventBus;
  /** Persisted operations and APQ (plugins/use-trusted-documents.ts). @default APQ only */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Linq webhooks at POST /webhooks/linq/v2|v3 (realtime/webhooks/use-webhooks.ts); off when absent. */
  webhooks?: GatewayWebhookOptions | null;
  /**
   * What each idempotency key sent (src/idempotency/).
   * @default in memory, for DEFAULT_SEND_KEY_WINDOW_MS
   */
  sendKeys?: SendKeyStore;
  /** OpenTelemetry spans (src/telemetry, loadTracing); off when absent. */
  tracing?: Tracing | null;
  /**
   * The embedded sandbox `api` talks to, if any: adds the sandbox-only mutations
   * (schema/mutations/sandbox.ts) and fills GraphiQL's default tabs with its demo ids. Never
   * set with a real Linq.
   */
  sandbox?: Sandbox | null;
}

const GRAPHQL_ENDPOINT = '/graphql';

/** The gateway: Yoga, and in front of it the known-operations lane (src/lane) when it runs. */
export interface Gateway {
  readonly yoga: YogaServerInstance<{}, GatewayContext>;
  /** Null on the standard execution path, with tracing on, or without graphql-jit. */
  readonly lane: Lane | null;
  /** In-process requests (tests): the lane, then Yoga. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The node:http request listener: the lane, then Yoga. */
  readonly listener: RequestListener;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { logger } = options;
  const api = withSendKeyMemory(
    options.api,
    options.sendKeys ?? createMemoryKeyStore({ windowMs: DEFAULT_SEND_KEY_WINDOW_MS }),
  );
  const graphiql = options.graphiql ?? true;
  const assetBase = `${GRAPHQL_ENDPOINT}/graphiql`;
  const uploadLimits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.uploads };
  const bus = options.bus ?? createChatEventBus();
  const auth = options.auth ?? passThroughOnly();
  const tracing = options.tracing ?? null;
  const sandbox = options.sandbox ?? null;
  const operations = options.operations ?? createOperations();
  const trustedDocuments = options.trustedDocuments ?? { manifest: new Map() };
  const cors = options.cors ?? { origins: [], credentials: false };
  const jit = options.jit ?? true;
  const contextFor = (
    caller: Caller,
    request: {
      requestId: string;
      signal?: AbortSource | undefined;
      traceparent?: string | undefined;
    },
  ) =>
    createGatewayContext({
      traceparent: request.traceparent,
      tracing,
      api,
      caller,
      requestId: request.requestId,
      signal: request.signal,
      uploadLimits,
      // Absent, undefined and 0 mean the same to the context (no spreads: one object per request).
      readTimeoutMs: options.readTimeoutMs,
      maxUpstreamCalls: options.maxUpstreamCalls,
      writeTimeoutMs: options.writeTimeoutMs,
      // The process logger: a pino child per request cost its bindings' redaction every time.
      logger: logger ?? null,
      bus,
    });
  let plugins: readonly Plugin[] = [];
  const yoga = createYoga<{}, GatewayContext>({
    schema: sandbox ? withSandboxMutations(schema, sandbox.controls) : schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    maskedErrors: gatewayMaskedErrors(options.maskedErrors ?? true),
    logging: logger ?? false,
    graphiql: graphiql ? graphiqlOptions(sandbox && sandboxExample(sandbox, api)) : false,
    batching: options.batching ?? false,
    cors: corsPolicy(cors),
    // Uploads stream through useUploads; Yoga's parser would hold every file in memory.
    multipart: false,
    // useUploads enforces both body caps (a streaming counter only where one is needed).
    maxRequestBodySize: false,
    renderGraphiQL: (opts) => renderOfflineGraphiQL(assetBase, opts ?? {}),
    plugins: [
      useRequestId(),
      ...(tracing ? [tracing.plugin] : []),
      ...webhookPlugins(options.webhooks, bus, logger, tracing),
      ...operations.plugins,
      useAuth(auth),
      ...useTrustedDocuments(schema, trustedDocuments),
      ...(options.rateLimit ? [useRateLimit(options.rateLimit)] : []),
      useSseSubscriptionLimit(
        options.maxSseSubscriptionsPerCaller ?? DEFAULT_SUBSCRIPTION_LIMITS.perCaller,
      ),
      useUploads({
        limits: uploadLimits,
        ...(options.maxBodySize ? { maxBodySize: options.maxBodySize } : {}),
      }),
      ...(graphiql ? [useGraphiQLAssets({ basePath: assetBase })] : []),
      ...useJit(jit),
      useRequestRelease(),
      // The final plugin list (with the ones plugins added), for the lane's operation checks.
      { onYogaInit: ({ yoga }) => void (plugins = yoga.getEnveloped._plugins as Plugin[]) },
    ],
    // Synchronous when useAuth already knows the caller (every HTTP request): an async factory
    // cost every request a promise and a turn of Envelop's context building.
    context: ({ request, params }) => {
      const build = (caller: Caller) =>
        contextFor(caller, {
          requestId: requestIdOf(request),
          signal: request.signal,
          // Tracing off: the caller's own traceparent is passed on as it came.
          traceparent:
            tracing?.traceparentOf(request, params) ??
            request.headers.get('traceparent') ??
            undefined,
        });
      const known = knownCallerOf(request);
      return known ? build(known) : callerOf(request, auth).then(build);
    },
  });
  const lane =
    (options.execution ?? executionModeFromEnv()) === 'compiled' && jit && !tracing
      ? createLane(yoga, {
          checks: operationChecksOf(plugins),
          operations,
          trustedDocuments,
          authenticate: auth,
          logger: logger ?? null,
          masked: options.maskedErrors ?? true,
          contextFor: (caller, requestId, request) =>
            contextFor(caller, {
              requestId,
              signal: request.signal,
              traceparent: request.header('traceparent'),
            }),
        })
      : null;
  if (!lane) {
    const fetch = async (input: string | URL | Request, init?: RequestInit) =>
      yoga.fetch(new Request(input, init));
    return { yoga, lane, fetch, listener: (req, res) => void yoga(req, res) };
  }
  const front: FrontOptions = {
    endpoint: GRAPHQL_ENDPOINT,
    maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
    corsListed: corsListed(cors),
  };
  return {
    yoga,
    lane,
    fetch: laneFetch(lane, yoga, front),
    listener: laneListener(lane, yoga, front),
  };
}

/** GraphiQL's demo ids: the sandbox's first number and its big direct chat. */
function sandboxExample(sandbox: Sandbox, api: LinqApi): GraphiQLExample {
  const fixtures = sandbox.store.fixtures();
  const { v2Id, uuid } = fixtures.bigChat;
  const chatId = api.dialect === 'v2' ? String(v2Id) : uuid;
  return { dialect: api.dialect, phone: fixtures.primaryPhone, chatId };
}
