/**
 * The gateway's Yoga server. Tests drive it in-process with `yoga.fetch`; src/server.ts listens.
 *
 * Per request: the caller's Linq token (Authorization: Bearer, else the service token), the
 * request id (plugins/use-request-id.ts) and the abort signal go into the context, which holds
 * the request's loaders and its bounded view of the adapter (context.ts).
 */
import { createGraphQLError, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createGatewayContext, type GatewayContext } from './context.js';
import { graphiqlOptions, type GraphiQLExample } from './graphiql/default-documents.js';
import { renderOfflineGraphiQL } from './graphiql/render.js';
import { useGraphiQLAssets } from './graphiql/use-graphiql-assets.js';
import { useJit } from './plugins/use-jit.js';
import { createOperations, type Operations } from './plugins/use-operations.js';
import { webhookPlugins, type GatewayWebhookOptions } from './plugins/use-webhooks.js';
import { createChatEventBus, type ChatEventBus } from './pubsub/index.js';
import { requestIdOf, useRequestId } from './plugins/use-request-id.js';
import { DEFAULT_UPLOAD_LIMITS, useUploads, type UploadLimits } from './plugins/use-uploads.js';
import { schema } from './schema/index.js';
import { withSandboxMutations } from './schema/sandbox-mutations.js';
import type { Sandbox } from './sandbox/index.js';
import type { LinqApi } from './upstream/model.js';

export interface GatewayOptions {
  /** The adapter (createLinqClient from src/upstream/index.js). */
  api: LinqApi;
  /** Used when the GraphQL request carries no `Authorization: Bearer <linq token>`. */
  serviceToken?: string | null;
  logger?: Logger;
  /** @default true */
  graphiql?: boolean;
  /** @default true */
  maskedErrors?: boolean;
  /** Limits, CSRF, introspection, /ready, /metrics, request log. @default createOperations() */
  operations?: Operations;
  /** Several operations in one HTTP request (a JSON array). @default false */
  batching?: boolean | { limit: number };
  /** Deadline of each upstream read (one field's load, retries included), in ms. */
  readTimeoutMs?: number;
  /**
   * File upload limits (multipart requests, plugins/use-uploads.ts).
   * @default { maxFileSize: 100 MiB, maxFiles: 10, maxTotalSize: 200 MiB }
   */
  uploads?: Partial<UploadLimits>;
  /** Compiled execution of single-operation queries (graphql-jit). @default true */
  jit?: boolean;
  /** Largest body of a request that is not a multipart upload, in bytes. @default 25 MB */
  maxBodySize?: number;
  /** Chat events of the subscriptions. @default an in-memory bus (one instance only) */
  bus?: ChatEventBus;
  /** Linq webhooks at POST /webhooks/linq/v2|v3 (plugins/use-webhooks.ts); off when absent. */
  webhooks?: GatewayWebhookOptions | null;
  /**
   * The embedded sandbox `api` talks to, if any: adds the sandbox-only mutations
   * (schema/sandbox-mutations.ts) and fills GraphiQL's default tabs with its demo ids. Never
   * set with a real Linq.
   */
  sandbox?: Sandbox | null;
}

const GRAPHQL_ENDPOINT = '/graphql';

/** The caller's token from `Authorization: Bearer …`; null when the header is absent. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw createGraphQLError('The Authorization header must be "Bearer <Linq token>"', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return match[1];
}

export function createGatewayYoga(
  options: GatewayOptions,
): YogaServerInstance<{}, GatewayContext> {
  const { api, logger } = options;
  const graphiql = options.graphiql ?? true;
  const assetBase = `${GRAPHQL_ENDPOINT}/graphiql`;
  const uploadLimits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.uploads };
  const bus = options.bus ?? createChatEventBus();
  const sandbox = options.sandbox ?? null;
  return createYoga<{}, GatewayContext>({
    schema: sandbox ? withSandboxMutations(schema, sandbox.controls) : schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    maskedErrors: options.maskedErrors ?? true,
    logging: logger ?? false,
    graphiql: graphiql ? graphiqlOptions(sandbox && sandboxExample(sandbox, api)) : false,
    batching: options.batching ?? false,
    // Uploads stream through useUploads; Yoga's parser would hold every file in memory.
    multipart: false,
    // useUploads enforces both body caps (a streaming counter only where one is needed).
    maxRequestBodySize: false,
    renderGraphiQL: (opts) => renderOfflineGraphiQL(assetBase, opts ?? {}),
    plugins: [
      useRequestId(),
      ...webhookPlugins(options.webhooks, bus, logger),
      ...(options.operations ?? createOperations()).plugins,
      useUploads({
        limits: uploadLimits,
        ...(options.maxBodySize ? { maxBodySize: options.maxBodySize } : {}),
      }),
      ...(graphiql ? [useGraphiQLAssets({ basePath: assetBase })] : []),
      ...useJit(options.jit ?? true),
    ],
    context: ({ request }) =>
      createGatewayContext({
        api,
        token: bearerToken(request) ?? options.serviceToken ?? null,
        requestId: requestIdOf(request),
        signal: request.signal,
        uploadLimits,
        ...(options.readTimeoutMs ? { timeoutMs: options.readTimeoutMs } : {}),
        logger: logger?.child({ requestId: requestIdOf(request) }) ?? null,
        bus,
      }),
  });
}

/** GraphiQL's demo ids: the sandbox's first number and its big direct chat. */
function sandboxExample(sandbox: Sandbox, api: LinqApi): GraphiQLExample {
  const fixtures = sandbox.store.fixtures();
  const { v2Id, uuid } = fixtures.bigChat;
  const chatId = api.dialect === 'v2' ? String(v2Id) : uuid;
  return { dialect: api.dialect, phone: fixtures.primaryPhone, chatId };
}
