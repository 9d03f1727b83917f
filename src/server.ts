/**
 * Process wiring only: read the config, pick the upstream (the real Linq API, or the embedded
 * sandbox when none is configured), listen, and shut down gracefully.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createGatewayMetrics } from './plugins/use-metrics.js';
import { createOperations } from './plugins/use-operations.js';
import { createUpstreamProbe } from './plugins/use-readiness.js';
import type { ChatEventBus } from './pubsub/index.js';
import { attachGraphQLWs } from './realtime/graphql-ws.js';
import { createRealtime, registerSandboxWebhooks } from './realtime/setup.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { createLinqClient } from './upstream/index.js';
import { createGatewayYoga } from './yoga.js';

export interface RunningGateway {
  /** e.g. http://localhost:4000/graphql */
  readonly url: string;
  readonly server: Server;
  readonly sandbox: Sandbox | null;
  /** The chat event bus of the subscriptions (Redis-backed when REDIS_URL is set). */
  readonly bus: ChatEventBus;
  /** Stops accepting connections, drains in-flight requests, then closes the upstream pools. */
  close(): Promise<void>;
}

export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
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

  const realtime = createRealtime(config, logger, { embeddedSandbox: sandbox !== null });
  const operations = createOperations({
    limits: config.limits,
    introspection: config.introspection,
    csrf: config.csrfPrevention,
    readiness: createUpstreamProbe({ baseUrl, ...config.readiness }),
    metrics: config.metrics ? createGatewayMetrics() : null,
    logger,
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
    logger,
    onRequestEnd: operations.onUpstreamRequest,
  });
  const { batchLimit } = config.limits;
  const yoga = createGatewayYoga({
    api,
    serviceToken: token,
    logger,
    graphiql: config.graphiql,
    operations,
    batching: batchLimit > 0 ? { limit: batchLimit } : false,
    readTimeoutMs: config.upstream.readTimeoutMs,
    uploads: config.uploads,
    maxBodySize: config.maxBodySize,
    jit: config.jit,
    bus: realtime.bus,
    webhooks: realtime.webhooks,
    sandbox,
  });
  const server = createServer(yoga);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await realtime.close(); // its Redis connections would keep the process alive
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  // Attached once listening: a listen error then stays the server's own (rejected above).
  const ws = attachGraphQLWs(server, yoga, { isProd: config.env === 'production' });
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
      await realtime.close();
      await sandbox?.close();
    })());

  return { url, server, sandbox, bus: realtime.bus, close };
}

/** The host the embedded sandbox calls the gateway on (loopback when it listens everywhere). */
function callbackHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
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
  const gateway = await startGateway(config, logger);
  logger.info({ url: gateway.url, graphiql: config.graphiql }, `gateway ready at ${gateway.url}`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const force = setTimeout(() => {
      logger.error('drain timed out after 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    gateway.close().then(
      () => {
        logger.info('bye');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
