/**
 * Every setting of the gateway, read from the environment once, validated, and frozen.
 * `loadConfig` reports every problem at once in one message, so a misconfigured deployment
 * fails at start with a list rather than one error per restart.
 *
 * Keep this table in sync with the README's configuration table.
 */
import { z } from 'zod';
import { parseFaultRules } from './sandbox/faults.js';
import type { FaultRule } from './sandbox/index.js';

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A comma-separated list (secret rotation: the new and the old one); empty items dropped. */
const list = z
  .string()
  .transform((v) => Object.freeze(v.split(',').map((s) => s.trim()).filter((s) => s !== '')));

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
  LINQ_CONNECT_TIMEOUT_MS: intIn(1, 60_000).default(5_000),
  LINQ_HEADERS_TIMEOUT_MS: intIn(1, 120_000).default(15_000),
  LINQ_BODY_TIMEOUT_MS: intIn(1, 300_000).default(30_000),
  LINQ_MAX_RETRIES: intIn(0, 10).default(2),
  LINQ_CONNECTIONS: intIn(1, 1024).default(64),
  SANDBOX_PORT: intIn(0, 65535).default(0),
  LINQ_SANDBOX_FAULTS: z.string().optional(),
  GRAPHIQL: bool.optional(),
  INTROSPECTION: bool.optional(),
  GRAPHQL_MAX_DEPTH: intIn(1, 100).default(12),
  GRAPHQL_MAX_ALIASES: intIn(0, 1000).default(15),
  GRAPHQL_MAX_TOKENS: intIn(10, 100_000).default(1000),
  GRAPHQL_MAX_DIRECTIVES: intIn(0, 1000).default(50),
  GRAPHQL_MAX_QUERY_LENGTH: intIn(100, 10_000_000).default(100_000),
  GRAPHQL_MAX_COST: intIn(0, 100_000_000).default(0),
  GRAPHQL_BATCH_LIMIT: intIn(0, 100).default(0),
  CSRF_PREVENTION: bool.default(true),
  LINQ_READ_TIMEOUT_MS: intIn(0, 300_000).default(20_000),
  LINQ_WRITE_TIMEOUT_MS: intIn(0, 300_000).default(30_000),
  LINQ_BREAKER_THRESHOLD: intIn(0, 1000).default(5),
  LINQ_BREAKER_HALF_OPEN_MS: intIn(100, 600_000).default(5_000),
  SERVER_HEADERS_TIMEOUT_MS: intIn(1_000, 600_000).default(10_000),
  SERVER_REQUEST_TIMEOUT_MS: intIn(0, 3_600_000).default(300_000),
  SERVER_KEEP_ALIVE_TIMEOUT_MS: intIn(0, 600_000).default(5_000),
  SERVER_MAX_CONNECTIONS: intIn(0, 1_000_000).default(10_000),
  READY_TIMEOUT_MS: intIn(1, 60_000).default(2_000),
  READY_CACHE_MS: intIn(0, 600_000).default(5_000),
  METRICS: bool.default(true),
  GRAPHQL_JIT: bool.default(true),
  MAX_BODY_SIZE: intIn(1024, 1024 ** 3).default(25_000_000),
  UPLOAD_MAX_FILE_SIZE: intIn(1, 1024 ** 3).default(100 * 1024 * 1024),
  UPLOAD_MAX_FILES: intIn(0, 100).default(10),
  UPLOAD_MAX_TOTAL_SIZE: intIn(1, 4 * 1024 ** 3).default(200 * 1024 * 1024),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  LINQ_WEBHOOK_SECRET_V2: list.optional(),
  LINQ_WEBHOOK_SECRET_V3: list.optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

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
    /** 0: Armor's cost limit is off. */
    readonly maxCost: number;
    /** Operations per batched request; 0: batching is off. */
    readonly batchLimit: number;
  };
  readonly csrfPrevention: boolean;
  readonly readiness: { readonly timeoutMs: number; readonly cacheMs: number };
  /** Serve Prometheus metrics on /metrics. */
  readonly metrics: boolean;
  /** Compiled execution (graphql-jit) of single-operation queries. */
  readonly jit: boolean;
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
  /** Real-time: Linq webhooks in, GraphQL subscriptions out (src/realtime/). */
  readonly realtime: {
    /** Shared event bus and webhook dedupe across instances; null: in memory (one instance). */
    readonly redisUrl: string | null;
    /** Signing secrets per dialect (several during a rotation); empty: that route is off. */
    readonly webhookSecrets: { readonly v2: readonly string[]; readonly v3: readonly string[] };
    /** The gateway's public origin, for the webhook URLs to give Linq (logged at start). */
    readonly publicUrl: string | null;
  };
  readonly sandbox: {
    readonly port: number;
    /** Faults the embedded sandbox injects from the start (manual resilience testing). */
    readonly faults: readonly FaultRule[];
  };
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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        // Never echo a value back: some settings are secrets.
        return `${name}: ${issue.message}`;
      }),
    );
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
      batchLimit: e.GRAPHQL_BATCH_LIMIT,
    }),
    csrfPrevention: e.CSRF_PREVENTION,
    readiness: Object.freeze({ timeoutMs: e.READY_TIMEOUT_MS, cacheMs: e.READY_CACHE_MS }),
    metrics: e.METRICS,
    jit: e.GRAPHQL_JIT,
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
    realtime: Object.freeze({
      redisUrl: e.REDIS_URL ?? null,
      webhookSecrets: Object.freeze({
        v2: e.LINQ_WEBHOOK_SECRET_V2 ?? Object.freeze([]),
        v3: e.LINQ_WEBHOOK_SECRET_V3 ?? Object.freeze([]),
      }),
      publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    }),
    sandbox: Object.freeze({ port: e.SANDBOX_PORT, faults: Object.freeze(faults) }),
  });
}
