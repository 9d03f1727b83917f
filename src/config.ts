/**
 * Every setting of the gateway, read from the environment once, validated, and frozen.
 * `loadConfig` reports every problem at once in one message, so a misconfigured deployment
 * fails at start with a list rather than one error per restart.
 *
 * Keep this table in sync with the README's configuration table.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_READINESS } from './plugins/use-readiness.js';
import { parseManifest } from './plugins/trusted-manifest.js';
import { DEFAULT_MAX_SEND_KEYS, DEFAULT_SEND_KEY_WINDOW_MS } from './idempotency/store.js';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './limits/subscription-limits.js';
import { DEFAULT_MAX_UPSTREAM_CALLS } from './limits/upstream-budget.js';
import { DEFAULT_MAX_BODY_SIZE, DEFAULT_UPLOAD_LIMITS } from './limits/upload-limits.js';
import { CLIENT_DEFAULTS } from './upstream/client-config.js';
import { loadAuthConfig, type AuthConfig } from './auth/config.js';
import type { CorsSettings } from './auth/cors.js';
import { parseFaultRules } from './sandbox/http/faults.js';
import type { FaultRule } from './sandbox/index.js';
import { readTracingConfig } from './telemetry/config.js';
import type { TracingConfig } from './telemetry/types.js';

/**
 * How known operations run: `compiled` (the default) keeps each document's plan – operation,
 * cost estimate by the variables it depends on, graphql-jit code – and runs later requests of it
 * on that plan; `standard` works every request out again. Both behave the same (the test suite
 * runs through both: vitest.config.ts).
 */
export type ExecutionMode = 'standard' | 'compiled';

/** GATEWAY_EXECUTION, for the defaults of createGateway and createOperations. */
export function executionModeFromEnv(value = process.env.GATEWAY_EXECUTION): ExecutionMode {
  if (value === undefined || value === '' || value === 'compiled') return 'compiled';
  if (value === 'standard') return 'standard';
  throw new Error(`GATEWAY_EXECUTION: "${value}" is not standard or compiled`);
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A comma-separated list (secret rotation: the new and the old one); empty items dropped. */
const list = z.string().transform((v) =>
  Object.freeze(
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ),
);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intIn(0, 65535).default(4000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINQ_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LINQ_API_VERSION: z.enum(['v2', 'v3']).default('v3'),
  LINQ_TOKEN: z.string().min(1).optional(),
  LINQ_CONNECT_TIMEOUT_MS: intIn(1, 60_000).default(CLIENT_DEFAULTS.connectTimeoutMs),
  LINQ_HEADERS_TIMEOUT_MS: intIn(1, 120_000).default(CLIENT_DEFAULTS.headersTimeoutMs),
  LINQ_BODY_TIMEOUT_MS: intIn(1, 300_000).default(CLIENT_DEFAULTS.bodyTimeoutMs),
  LINQ_MAX_RETRIES: intIn(0, 10).default(CLIENT_DEFAULTS.maxRetries),
  LINQ_CONNECTIONS: intIn(1, 1024).default(CLIENT_DEFAULTS.connections),
  SANDBOX_PORT: intIn(0, 65535).default(0),
  LINQ_SANDBOX_FAULTS: z.string().optional(),
  GRAPHIQL: bool.optional(),
  INTROSPECTION: bool.optional(),
  GRAPHQL_MAX_DEPTH: intIn(1, 100).default(12),
  GRAPHQL_MAX_ALIASES: intIn(0, 1000).default(15),
  GRAPHQL_MAX_TOKENS: intIn(10, 100_000).default(1000),
  GRAPHQL_MAX_DIRECTIVES: intIn(0, 1000).default(50),
  GRAPHQL_MAX_QUERY_LENGTH: intIn(100, 10_000_000).default(100_000),
  GRAPHQL_MAX_COST: intIn(0, 100_000_000).default(5000),
  GRAPHQL_MAX_UPSTREAM_CALLS: intIn(0, 100_000).default(DEFAULT_MAX_UPSTREAM_CALLS),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(100_000).default(0),
  RATE_LIMIT_BURST: intIn(1, 1_000_000).default(60),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: intIn(0, 100_000).default(
    DEFAULT_SUBSCRIPTION_LIMITS.perConnection,
  ),
  MAX_CONNECTIONS_PER_CALLER: intIn(0, 100_000).default(DEFAULT_SUBSCRIPTION_LIMITS.perCaller),
  GRAPHQL_BATCH_LIMIT: intIn(0, 100).default(0),
  CSRF_PREVENTION: bool.default(true),
  LINQ_READ_TIMEOUT_MS: intIn(0, 300_000).default(20_000),
  LINQ_WRITE_TIMEOUT_MS: intIn(0, 300_000).default(30_000),
  LINQ_BREAKER_THRESHOLD: intIn(0, 1000).default(5),
  LINQ_BREAKER_HALF_OPEN_MS: intIn(100, 600_000).default(CLIENT_DEFAULTS.breakerHalfOpenMs),
  SERVER_HEADERS_TIMEOUT_MS: intIn(1_000, 600_000).default(10_000),
  SERVER_REQUEST_TIMEOUT_MS: intIn(0, 3_600_000).default(300_000),
  SERVER_KEEP_ALIVE_TIMEOUT_MS: intIn(0, 600_000).default(5_000),
  SERVER_MAX_CONNECTIONS: intIn(0, 1_000_000).default(10_000),
  READY_TIMEOUT_MS: intIn(1, 60_000).default(DEFAULT_READINESS.timeoutMs),
  READY_CACHE_MS: intIn(0, 600_000).default(DEFAULT_READINESS.cacheMs),
  METRICS: bool.default(true),
  GRAPHQL_JIT: bool.default(true),
  GATEWAY_EXECUTION: z.enum(['standard', 'compiled']).default('compiled'),
  MAX_BODY_SIZE: intIn(1024, 1024 ** 3).default(DEFAULT_MAX_BODY_SIZE),
  UPLOAD_MAX_FILE_SIZE: intIn(1, 1024 ** 3).default(DEFAULT_UPLOAD_LIMITS.maxFileSize),
  UPLOAD_MAX_FILES: intIn(0, 100).default(DEFAULT_UPLOAD_LIMITS.maxFiles),
  UPLOAD_MAX_TOTAL_SIZE: intIn(1, 4 * 1024 ** 3).default(DEFAULT_UPLOAD_LIMITS.maxTotalSize),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  IDEMPOTENCY_WINDOW_MS: intIn(1_000, 30 * 86_400_000).default(DEFAULT_SEND_KEY_WINDOW_MS),
  IDEMPOTENCY_MAX_KEYS: intIn(1, 10_000_000).default(DEFAULT_MAX_SEND_KEYS),
  LINQ_WEBHOOK_SECRET_V2: list.optional(),
  LINQ_WEBHOOK_SECRET_V3: list.optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_MODES: list.optional(),
  AUTH_ANONYMOUS: z.enum(['off', 'read', 'write']).optional(),
  AUTH_ANONYMOUS_PHONE_NUMBERS: list.optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: list.optional(),
  JWT_ALGORITHMS: list.optional(),
  JWT_CLOCK_SKEW_S: intIn(0, 600).default(30),
  JWT_PHONE_NUMBERS_CLAIM: z.string().min(1).default('linq_phone_numbers'),
  JWT_SCOPE_CLAIM: z.string().min(1).default('scope'),
  JWT_WRITE_SCOPE: z.string().min(1).default('linq:write'),
  JWT_JWKS_CACHE_MS: intIn(1_000, 86_400_000).default(600_000),
  JWT_JWKS_COOLDOWN_MS: intIn(0, 3_600_000).default(30_000),
  API_KEYS_FILE: z.string().min(1).optional(),
  API_KEYS: z.string().optional(),
  API_KEYS_RELOAD_MS: intIn(0, 3_600_000).default(5_000),
  CORS_ORIGINS: list.optional(),
  CORS_CREDENTIALS: bool.default(false),
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  TRUSTED_DOCUMENTS_ONLY: bool.default(false),
  APQ: bool.default(true),
  APQ_MAX_DOCUMENTS: intIn(1, 100_000).default(1000),
});

export type EnvSettings = z.infer<typeof env>;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  /** undefined: listen on every interface. */
  readonly host: string | undefined;
  readonly logLevel: string;
  readonly graphiql: boolean;
  /** `__schema`, `__type`, `_service` and field suggestions; off in production by default. */
  readonly introspection: boolean;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    readonly maxDirectives: number;
    /** Longest query text in characters, comments and whitespace included. */
    readonly maxQueryLength: number;
    /** Estimated cost of an operation, variables resolved (limits/use-cost.ts); 0: off. */
    readonly maxCost: number;
    /** Upstream calls one GraphQL request (one subscription event) may make; 0: unlimited. */
    readonly maxUpstreamCalls: number;
    /** Operations per batched request; 0: batching is off. */
    readonly batchLimit: number;
  };
  /**
   * Per-caller rate limit (token bucket; in Redis with REDIS_URL): `perSecond` operations on
   * average, bursts of `burst`. perSecond 0: off.
   */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /**
   * Long-lived operations (limits/subscription-limits.ts): operations in flight per graphql-ws
   * socket, and per caller both open sockets and SSE subscriptions. 0: no cap.
   */
  readonly subscriptions: { readonly perConnection: number; readonly perCaller: number };
  readonly csrfPrevention: boolean;
  readonly readiness: { readonly timeoutMs: number; readonly cacheMs: number };
  /** Serve Prometheus metrics on /metrics. */
  readonly metrics: boolean;
  /** Compiled execution (graphql-jit) of single-operation queries. */
  readonly jit: boolean;
  /** Known operations run on their compiled plan (`compiled`) or are re-checked (`standard`). */
  readonly execution: ExecutionMode;
  /** Largest request body other than a multipart upload, in bytes. */
  readonly maxBodySize: number;
  /** Multipart upload limits, in bytes (and a file count). */
  readonly uploads: {
    readonly maxFileSize: number;
    readonly maxFiles: number;
    readonly maxTotalSize: number;
  };
  readonly upstream: {
    /** null: start the embedded Linq sandbox and use it. */
    readonly baseUrl: string | null;
    readonly dialect: 'v2' | 'v3';
    /** Service token used when a GraphQL request carries no token of its own. */
    readonly token: string | null;
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly bodyTimeoutMs: number;
    readonly maxRetries: number;
    readonly connections: number;
    /** Deadline of one upstream read, retries included; 0: none. */
    readonly readTimeoutMs: number;
    /** Deadline of one write (send, edit, delete, reaction), retries included; 0: none. */
    readonly writeTimeoutMs: number;
    /** Consecutive failures that open a route's circuit breaker; 0: no breaker. */
    readonly breakerThreshold: number;
    /** How long an open circuit fails fast before a probe call. */
    readonly breakerHalfOpenMs: number;
  };
  /** The HTTP server's own limits (node:http). */
  readonly server: {
    /** Time a client has to send the request headers. */
    readonly headersTimeoutMs: number;
    /** Time a client has to send the whole request (uploads included); 0: none. */
    readonly requestTimeoutMs: number;
    /** Idle time of a keep-alive connection before it is closed. */
    readonly keepAliveTimeoutMs: number;
    /** Open connections at most (WebSockets included); 0: no cap. */
    readonly maxConnections: number;
  };
  /** What each idempotency key sent (src/idempotency/): in Redis when REDIS_URL is set. */
  readonly idempotency: {
    /** How long a key is remembered, in ms. */
    readonly windowMs: number;
    /** Most keys remembered in memory (without Redis). */
    readonly maxKeys: number;
  };
  /** Real-time: Linq webhooks in, GraphQL subscriptions out (src/realtime/). */
  readonly realtime: {
    /** Shared event bus and webhook dedupe across instances; null: in memory (one instance). */
    readonly redisUrl: string | null;
    /** Signing secrets per dialect (several during a rotation); empty: that route is off. */
    readonly webhookSecrets: { readonly v2: readonly string[]; readonly v3: readonly string[] };
    /** The gateway's public origin, for the webhook URLs to give Linq (logged at start). */
    readonly publicUrl: string | null;
  };
  /** Who may call and with which scope (src/auth/). */
  readonly auth: AuthConfig;
  /** Cross-origin browser access (and WebSocket origins). */
  readonly cors: CorsSettings;
  /** Persisted operations: the manifest (id → text), trusted-only mode, APQ. */
  readonly trustedDocuments: {
    readonly manifest: ReadonlyMap<string, string>;
    readonly only: boolean;
    readonly apq: boolean;
    readonly apqMaxDocuments: number;
  };
  readonly sandbox: {
    readonly port: number;
    /** Faults the embedded sandbox injects from the start (manual resilience testing). */
    readonly faults: readonly FaultRule[];
  };
  /** OpenTelemetry tracing from the OTEL_* variables (src/telemetry); null: off. */
  readonly tracing: TracingConfig | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the settings from `source` (default `process.env`); throws ConfigError listing all
 * problems.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = env.safeParse(cleaned);
  const tracing = readTracingConfig(cleaned);
  const tracingProblems = 'problems' in tracing ? tracing.problems : [];
  if (!parsed.success || tracingProblems.length > 0) {
    throw new ConfigError([
      ...(parsed.error?.issues ?? []).map((issue) => {
        const name = issue.path.join('.');
        // Never echo a value back: some settings are secrets.
        return `${name}: ${issue.message}`;
      }),
      ...tracingProblems,
    ]);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.LINQ_BASE_URL === undefined) {
    // Failing closed: production must never quietly serve the sandbox's demo data.
    throw new ConfigError([
      'LINQ_BASE_URL: required when NODE_ENV=production (without it the gateway would serve ' +
        "the embedded sandbox's demo data); set it, or use NODE_ENV=development for the sandbox",
    ]);
  }
  let faults: FaultRule[];
  try {
    faults = parseFaultRules(e.LINQ_SANDBOX_FAULTS);
  } catch (error) {
    throw new ConfigError([`LINQ_SANDBOX_FAULTS: ${(error as Error).message}`]);
  }
  const graphiql = e.GRAPHIQL ?? e.NODE_ENV !== 'production';
  const auth = loadAuthConfig(e);
  const problems = [...auth.problems];
  let manifest = new Map<string, string>();
  if (e.TRUSTED_DOCUMENTS_FILE) {
    try {
      manifest = parseManifest(readFileSync(e.TRUSTED_DOCUMENTS_FILE, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        `TRUSTED_DOCUMENTS_FILE: ${code ? `cannot be read (${code})` : (error as Error).message}`,
      );
    }
  } else if (e.TRUSTED_DOCUMENTS_ONLY) {
    problems.push('TRUSTED_DOCUMENTS_ONLY: needs TRUSTED_DOCUMENTS_FILE');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    graphiql,
    // GraphiQL needs introspection: turning it on in production turns introspection on too.
    introspection: e.INTROSPECTION ?? graphiql,
    limits: Object.freeze({
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxQueryLength: e.GRAPHQL_MAX_QUERY_LENGTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxUpstreamCalls: e.GRAPHQL_MAX_UPSTREAM_CALLS,
      batchLimit: e.GRAPHQL_BATCH_LIMIT,
    }),
    rateLimit: Object.freeze({ perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST }),
    subscriptions: Object.freeze({
      perConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      perCaller: e.MAX_CONNECTIONS_PER_CALLER,
    }),
    csrfPrevention: e.CSRF_PREVENTION,
    readiness: Object.freeze({ timeoutMs: e.READY_TIMEOUT_MS, cacheMs: e.READY_CACHE_MS }),
    metrics: e.METRICS,
    jit: e.GRAPHQL_JIT,
    execution: e.GATEWAY_EXECUTION,
    maxBodySize: e.MAX_BODY_SIZE,
    uploads: Object.freeze({
      maxFileSize: e.UPLOAD_MAX_FILE_SIZE,
      maxFiles: e.UPLOAD_MAX_FILES,
      maxTotalSize: e.UPLOAD_MAX_TOTAL_SIZE,
    }),
    upstream: Object.freeze({
      baseUrl: e.LINQ_BASE_URL ? e.LINQ_BASE_URL.replace(/\/+$/, '') : null,
      dialect: e.LINQ_API_VERSION,
      token: e.LINQ_TOKEN ?? null,
      connectTimeoutMs: e.LINQ_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: e.LINQ_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.LINQ_BODY_TIMEOUT_MS,
      maxRetries: e.LINQ_MAX_RETRIES,
      connections: e.LINQ_CONNECTIONS,
      readTimeoutMs: e.LINQ_READ_TIMEOUT_MS,
      writeTimeoutMs: e.LINQ_WRITE_TIMEOUT_MS,
      breakerThreshold: e.LINQ_BREAKER_THRESHOLD,
      breakerHalfOpenMs: e.LINQ_BREAKER_HALF_OPEN_MS,
    }),
    server: Object.freeze({
      headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.SERVER_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.SERVER_MAX_CONNECTIONS,
    }),
    idempotency: Object.freeze({
      windowMs: e.IDEMPOTENCY_WINDOW_MS,
      maxKeys: e.IDEMPOTENCY_MAX_KEYS,
    }),
    realtime: Object.freeze({
      redisUrl: e.REDIS_URL ?? null,
      webhookSecrets: Object.freeze({
        v2: e.LINQ_WEBHOOK_SECRET_V2 ?? Object.freeze([]),
        v3: e.LINQ_WEBHOOK_SECRET_V3 ?? Object.freeze([]),
      }),
      publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    }),
    auth: auth.config,
    trustedDocuments: Object.freeze({
      manifest,
      only: e.TRUSTED_DOCUMENTS_ONLY,
      apq: e.APQ,
      apqMaxDocuments: e.APQ_MAX_DOCUMENTS,
    }),
    cors: Object.freeze({
      origins: e.CORS_ORIGINS ?? Object.freeze([]),
      credentials: e.CORS_CREDENTIALS,
    }),
    sandbox: Object.freeze({ port: e.SANDBOX_PORT, faults: Object.freeze(faults) }),
    tracing: 'config' in tracing ? tracing.config : null,
  });
}
