import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_MAX_UPSTREAM_CALLS } from '../../src/limits/upstream-budget.js';
import { DEFAULT_MAX_COST } from '../../src/limits/use-cost.js';

const PROD = { NODE_ENV: 'production', LINQ_BASE_URL: 'https://api.linqapp.com' };

describe('loadConfig', () => {
  it('defaults to the embedded sandbox, v3, port 4000 and GraphiQL in development', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.upstream.baseUrl).toBeNull();
    expect(config.upstream.dialect).toBe('v3');
    expect(config.graphiql).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  it('turns GraphiQL off in production unless asked for', () => {
    expect(loadConfig(PROD).graphiql).toBe(false);
    expect(loadConfig({ ...PROD, GRAPHIQL: 'true' }).graphiql).toBe(true);
  });

  it('has resilience defaults: write deadline, breaker, server timeouts and connection cap', () => {
    const config = loadConfig({});
    expect(config.upstream).toMatchObject({
      writeTimeoutMs: 30_000,
      breakerThreshold: 5,
      breakerHalfOpenMs: 5_000,
    });
    expect(config.server).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 300_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 10_000,
    });
    expect(() => loadConfig({ SERVER_HEADERS_TIMEOUT_MS: '10' })).toThrow(ConfigError);
  });

  it('refuses production without LINQ_BASE_URL (never serves the demo data)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LINQ_BASE_URL: required/);
  });

  it('reads the real upstream settings and trims a trailing slash', () => {
    const config = loadConfig({
      LINQ_BASE_URL: 'https://api.linqapp.com/',
      LINQ_API_VERSION: 'v2',
      LINQ_TOKEN: 'tok',
      LINQ_MAX_RETRIES: '0',
    });
    expect(config.upstream).toMatchObject({
      baseUrl: 'https://api.linqapp.com',
      dialect: 'v2',
      token: 'tok',
      maxRetries: 0,
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', LINQ_BASE_URL: '  ' }).port).toBe(4000);
  });

  it('lists every problem at once and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LINQ_API_VERSION: 'v9',
        LINQ_BASE_URL: 'ftp://secret-host-value',
        LINQ_MAX_RETRIES: '99',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LINQ_API_VERSION',
      'LINQ_BASE_URL',
      'LINQ_MAX_RETRIES',
      'PORT',
    ]);
    expect((error as ConfigError).message).not.toContain('secret-host-value');
  });
});

describe('operations settings', () => {
  it('has measured limit defaults, batching off, CSRF, metrics and readiness on', () => {
    const config = loadConfig({});
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxTokens: 1000,
      maxDirectives: 50,
      maxQueryLength: 100_000,
      maxCost: DEFAULT_MAX_COST,
      maxUpstreamCalls: DEFAULT_MAX_UPSTREAM_CALLS,
      batchLimit: 0,
    });
    expect(config.introspection).toBe(true);
    expect(config.csrfPrevention).toBe(true);
    expect(config.metrics).toBe(true);
    expect(config.readiness).toEqual({ timeoutMs: 2000, cacheMs: 5000 });
    expect(config.upstream.readTimeoutMs).toBe(20_000);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('turns introspection off in production, with GraphiQL; either can be forced', () => {
    expect(loadConfig(PROD).introspection).toBe(false);
    expect(loadConfig({ ...PROD, GRAPHIQL: 'true' }).introspection).toBe(true);
    expect(loadConfig({ ...PROD, INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('reads the abuse limits: budget, rate limit (off by default) and subscription caps', () => {
    expect(loadConfig({}).rateLimit).toEqual({ perSecond: 0, burst: 60 });
    expect(loadConfig({}).subscriptions).toEqual({ perConnection: 100, perCaller: 50 });
    const config = loadConfig({
      GRAPHQL_MAX_UPSTREAM_CALLS: '0',
      RATE_LIMIT_PER_SECOND: '2.5',
      RATE_LIMIT_BURST: '10',
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
      MAX_CONNECTIONS_PER_CALLER: '0',
    });
    expect(config.limits.maxUpstreamCalls).toBe(0);
    expect(config.rateLimit).toEqual({ perSecond: 2.5, burst: 10 });
    expect(config.subscriptions).toEqual({ perConnection: 20, perCaller: 0 });
    expect(() => loadConfig({ RATE_LIMIT_BURST: '0', RATE_LIMIT_PER_SECOND: '-1' })).toThrow(
      /RATE_LIMIT_PER_SECOND[\s\S]*RATE_LIMIT_BURST|RATE_LIMIT_BURST[\s\S]*RATE_LIMIT_PER_SECOND/,
    );
  });

  it('reads every limit and lists every bad one at once', () => {
    const config = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_COST: '20000',
      GRAPHQL_BATCH_LIMIT: '5',
      CSRF_PREVENTION: 'false',
      METRICS: 'off',
      LINQ_READ_TIMEOUT_MS: '0',
    });
    expect(config.limits).toMatchObject({ maxDepth: 8, maxAliases: 5, maxTokens: 500 });
    expect(config.limits).toMatchObject({ maxCost: 20000, batchLimit: 5 });
    expect(config.csrfPrevention).toBe(false);
    expect(config.metrics).toBe(false);
    expect(config.upstream.readTimeoutMs).toBe(0);
    let error: unknown;
    try {
      loadConfig({ GRAPHQL_MAX_DEPTH: '0', INTROSPECTION: 'maybe', READY_TIMEOUT_MS: 'soon' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'GRAPHQL_MAX_DEPTH',
      'INTROSPECTION',
      'READY_TIMEOUT_MS',
    ]);
  });
});

describe('LINQ_SANDBOX_FAULTS', () => {
  it('parses fault rules for the embedded sandbox', () => {
    const rules = [{ route: 'GET /v3/chats', times: 1, fault: { type: 'status', status: 503 } }];
    const config = loadConfig({ LINQ_SANDBOX_FAULTS: JSON.stringify(rules) });
    expect(config.sandbox.faults).toEqual(rules);
  });

  it('rejects malformed rules with a config error naming the setting', () => {
    expect(() => loadConfig({ LINQ_SANDBOX_FAULTS: '{not json' })).toThrow(/LINQ_SANDBOX_FAULTS/);
    expect(() =>
      loadConfig({ LINQ_SANDBOX_FAULTS: '[{"route":"*","fault":{"type":"explode"}}]' }),
    ).toThrow(ConfigError);
  });
});

describe('real-time settings', () => {
  it('defaults to an in-memory bus with the webhook routes off', () => {
    expect(loadConfig({}).realtime).toEqual({
      redisUrl: null,
      webhookSecrets: { v2: [], v3: [] },
      publicUrl: null,
    });
  });

  it('reads REDIS_URL, PUBLIC_URL and comma-separated secrets (rotation)', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://:pw@cache.internal:6379/2',
      LINQ_WEBHOOK_SECRET_V2: 'only-v2',
      LINQ_WEBHOOK_SECRET_V3: ' whsec_new , whsec_old ,',
      PUBLIC_URL: 'https://gateway.example.com/',
    });
    expect(config.realtime).toEqual({
      redisUrl: 'redis://:pw@cache.internal:6379/2',
      webhookSecrets: { v2: ['only-v2'], v3: ['whsec_new', 'whsec_old'] },
      publicUrl: 'https://gateway.example.com',
    });
    expect(Object.isFrozen(config.realtime.webhookSecrets.v3)).toBe(true);
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).realtime.redisUrl).toBe(
      'rediss://cache:6380',
    );
  });

  it('rejects bad URLs without echoing them', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://user:hunter2@cache', PUBLIC_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'PUBLIC_URL',
      'REDIS_URL',
    ]);
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('remembers idempotency keys for 24 h by default; the window and bound are settings', () => {
    expect(loadConfig({}).idempotency).toEqual({ windowMs: 86_400_000, maxKeys: 100_000 });
    const env = { IDEMPOTENCY_WINDOW_MS: '600000', IDEMPOTENCY_MAX_KEYS: '500' };
    expect(loadConfig(env).idempotency).toEqual({ windowMs: 600_000, maxKeys: 500 });
    const error = (() => {
      try {
        loadConfig({ IDEMPOTENCY_WINDOW_MS: '5', IDEMPOTENCY_MAX_KEYS: '0' });
      } catch (e) {
        return e;
      }
    })();
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'IDEMPOTENCY_MAX_KEYS',
      'IDEMPOTENCY_WINDOW_MS',
    ]);
  });
});
