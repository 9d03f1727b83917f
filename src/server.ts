/**
 * Process wiring only: read the config, pick the upstream (the real Linq API, or the embedded
 * sandbox when none is configured), listen, and shut down gracefully.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createCallerAuth } from './auth/setup.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createSendKeyStore } from './idempotency/setup.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
import { createGatewayMetrics } from './plugins/use-metrics.js';
import { createOperations } from './plugins/use-operations.js';
import { createUpstreamProbe } from './plugins/use-readiness.js';
import type { ChatEventBus } from './realtime/pubsub/index.js';
import { attachGraphQLWs } from './realtime/graphql-ws.js';
import { createRealtime, registerSandboxWebhooks } from './realtime/setup.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { memoryBuckets, redisBuckets, type TokenBuckets } from './limits/token-bucket.js';
import { loadTracing, type Tracing } from './telemetry/index.js';
import { createLinqClient } from './upstream/index.js';
import { compileManifest } from './plugins/use-trusted-documents.js';
import { schema } from './schema/index.js';
import { createGateway } from './yoga.js';

export interface RunningGateway {
  /** e.g. http://localhost:4000/graphql */
  readonly url: string;
  readonly server: Server;
  readonly sandbox: Sandbox | null;
  /** The chat event bus of the subscriptions (Redis-backed when REDIS_URL is set). */
  readonly bus: ChatEventBus;
  /** OpenTelemetry tracing (OTEL_* settings); null when off. */
  readonly tracing: Tracing | null;
  /** Stops accepting connections, drains in-flight requests, then closes the upstream pools. */
  close(): Promise<void>;
}

export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
  try {
    // Before anything starts: a manifest that does not validate against the schema is a
    // configuration error.
    compileManifest(schema, config.trustedDocuments.manifest);
  } catch (error) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: ${(error as Error).message}`]);
  }
  let sandbox: Sandbox | null = null;
  let baseUrl = config.upstream.baseUrl;
  let token = config.upstream.token;
  if (baseUrl === null) {
    sandbox = await startSandbox({
      port: config.sandbox.port,
      host: '127.0.0.1',
      faults: [...config.sandbox.faults],
    });
    baseUrl = sandbox.url;
    token ??= sandbox.tokens.primary;
    logger.info(
      { upstream: baseUrl, dialect: config.upstream.dialect },
      'no LINQ_BASE_URL set: using the embedded Linq sandbox (demo data, no account needed)',
    );
  } else {
    logger.info({ upstream: baseUrl, dialect: config.upstream.dialect }, 'using the Linq API');
    if (token === null) logger.warn('no LINQ_TOKEN set: every request must bring its own token');
  }

  const auth = createCallerAuth(config, logger, { embeddedSandbox: sandbox !== null });
  const tracing = await loadTracing(config.tracing);
  if (tracing)
    logger.info({ endpoint: config.tracing?.endpoint }, 'tracing: exporting spans (OTLP)');
  const realtime = createRealtime(config, logger, { embeddedSandbox: sandbox !== null });
  const sendKeys = createSendKeyStore(config, logger);
  const readiness = createUpstreamProbe({
    baseUrl,
    dialect: config.upstream.dialect,
    token,
    ...config.readiness,
  });
  const operations = createOperations({
    limits: config.limits,
    introspection: config.introspection,
    csrf: config.csrfPrevention,
    readiness,
    readinessDependencies: config.realtime.redisUrl ? { redis: realtime.ready } : {},
    metrics: config.metrics ? createGatewayMetrics() : null,
    logger,
    traceIdOf: tracing?.traceIdOf,
  });
  const api = createLinqClient({
    baseUrl,
    dialect: config.upstream.dialect,
    token,
    connectTimeoutMs: config.upstream.connectTimeoutMs,
    headersTimeoutMs: config.upstream.headersTimeoutMs,
    bodyTimeoutMs: config.upstream.bodyTimeoutMs,
    maxRetries: config.upstream.maxRetries,
    connections: config.upstream.connections,
    breakerThreshold: config.upstream.breakerThreshold,
    breakerHalfOpenMs: config.upstream.breakerHalfOpenMs,
    logger,
    onRequestEnd: operations.onUpstreamRequest,
    tracer: tracing?.upstream,
  });
  const { batchLimit } = config.limits;
  const rateLimit = createRateLimit(config, logger);
  const gateway = createGateway({
    api,
    auth,
    cors: config.cors,
    logger,
    graphiql: config.graphiql,
    operations,
    batching: batchLimit > 0 ? { limit: batchLimit } : false,
    readTimeoutMs: config.upstream.readTimeoutMs,
    maxUpstreamCalls: config.limits.maxUpstreamCalls,
    rateLimit,
    maxSseSubscriptionsPerCaller: config.subscriptions.perCaller,
    writeTimeoutMs: config.upstream.writeTimeoutMs,
    uploads: config.uploads,
    maxBodySize: config.maxBodySize,
    jit: config.jit,
    bus: realtime.bus,
    webhooks: realtime.webhooks,
    trustedDocuments: config.trustedDocuments,
    sendKeys,
    tracing,
    sandbox,
    execution: config.execution,
  });
  const { yoga } = gateway;
  const server = createServer(
    {
      headersTimeout: config.server.headersTimeoutMs,
      requestTimeout: config.server.requestTimeoutMs,
      keepAliveTimeout: config.server.keepAliveTimeoutMs,
    },
    gateway.listener,
  );
  if (config.server.maxConnections > 0) server.maxConnections = config.server.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await realtime.close(); // its Redis connections would keep the process alive
    await rateLimit?.close();
    await sendKeys.close?.();
    await readiness.close?.();
    await tracing?.shutdown().catch(() => undefined);
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  // Attached once listening: a listen error then stays the server's own (rejected above).
  const ws = attachGraphQLWs(server, yoga, {
    isProd: config.env === 'production',
    origins: config.cors.origins,
    auth,
    maxSubscriptionsPerConnection: config.subscriptions.perConnection,
    maxConnectionsPerCaller: config.subscriptions.perCaller,
  });
  const url = `http://${config.host ?? 'localhost'}:${port}${yoga.graphqlEndpoint}`;
  if (sandbox && realtime.sandboxSecret) {
    const webhookUrl = registerSandboxWebhooks(
      sandbox,
      `http://${callbackHost(config.host)}:${port}`,
      config.upstream.dialect,
      realtime.sandboxSecret,
    );
    logger.info(
      { webhookUrl, inbound: `${sandbox.url}/__sandbox/inbound` },
      'real-time: the sandbox posts its webhooks to this gateway',
    );
  } else if (config.realtime.publicUrl && realtime.webhooks) {
    const base = `${config.realtime.publicUrl}/webhooks/linq`;
    const webhookUrls = Object.keys(realtime.webhooks.secrets).map((d) => `${base}/${d}`);
    logger.info({ webhookUrls }, 'real-time: give Linq these webhook URLs');
  }

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => {
        // Keep-alive connections of drained requests turn idle as their responses end: close
        // them as they do, instead of waiting for the keep-alive timeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      // Subscriptions never end by themselves: complete them (SSE responses finish, sockets
      // close with 1001) so the server can drain.
      await Promise.all([realtime.endSubscriptions(), ws.close()]);
      await drained;
      await api.close();
      await rateLimit?.close();
      await realtime.close();
      await sendKeys.close?.();
      await readiness.close?.();
      await sandbox?.close();
      await tracing?.shutdown().catch(() => undefined); // flushes the last spans
    })());

  return { url, server, sandbox, bus: realtime.bus, tracing, close };
}

/** The per-caller token buckets: in Redis when REDIS_URL is set; null when the limit is off. */
function createRateLimit(config: Config, logger: Logger): TokenBuckets | null {
  const { perSecond, burst } = config.rateLimit;
  if (perSecond <= 0) return null;
  const options = { capacity: burst, perSecond };
  const { redisUrl } = config.realtime;
  return redisUrl ? redisBuckets(redisUrl, options, logger) : memoryBuckets(options);
}

/** The host the embedded sandbox calls the gateway on (loopback when it listens everywhere). */
function callbackHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** A listen error the operator can fix (a taken or privileged port), as a ConfigError. */
export function listenProblem(error: unknown, config: Config): ConfigError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `${config.host ?? 'every interface'} port ${config.port}`;
  if (code === 'EADDRINUSE') return new ConfigError([`PORT: ${where} is already in use`]);
  if (code === 'EACCES') return new ConfigError([`PORT: no permission to listen on ${where}`]);
  if (code === 'EADDRNOTAVAIL') return new ConfigError([`HOST: ${where} is not available`]);
  return null;
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, logger);
  } catch (error) {
    const problem = error instanceof ConfigError ? error : listenProblem(error, config);
    if (problem === null) throw error;
    console.error(problem.message);
    process.exit(1);
  }
  logger.info({ url: gateway.url, graphiql: config.graphiql }, `gateway ready at ${gateway.url}`);

  const shutdown = (signal: NodeJS.Signals | 'uncaughtException') => {
    const status = signal === 'uncaughtException' ? 1 : 0;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const force = setTimeout(() => {
      logger.error('drain timed out after 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    gateway.close().then(
      () => {
        logger.info('bye');
        process.exit(status);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  installProcessGuards(logger, () => shutdown('uncaughtException'));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
