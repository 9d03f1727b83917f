/**
 * Liveness (`/health`) and readiness (`/ready`: the upstream answers), over the real gateway
 * process wiring (startGateway) and against a sandbox that goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createOperations } from '../../src/plugins/use-operations.js';
import { createUpstreamProbe } from '../../src/plugins/use-readiness.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { createLinqClient } from '../../src/upstream/index.js';
import { createGatewayYoga } from '../../src/yoga.js';
import { openAccess } from '../../src/auth/index.js';

describe('/health and /ready on a running gateway', () => {
  let gateway: RunningGateway;
  let origin: string;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    gateway = await startGateway(config, createLogger('silent'));
    origin = new URL(gateway.url).origin;
  });
  afterAll(() => gateway.close());

  it('/health answers 200 while the process runs', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
  });

  it('/ready answers 200 when the upstream is reachable', async () => {
    const response = await fetch(`${origin}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, upstream: 'reachable' });
  });
});

describe('/ready when the upstream goes down', () => {
  it('turns 503 once the sandbox is gone, and probes at most once per cache period', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const api = createLinqClient({ baseUrl: sandbox.url, dialect: 'v3', token: 'x' });
    const cached = createUpstreamProbe({ baseUrl: sandbox.url, cacheMs: 60_000 });
    const fresh = createUpstreamProbe({ baseUrl: sandbox.url, cacheMs: 0, timeoutMs: 500 });
    const yoga = (check: typeof cached) =>
      createGatewayYoga({ auth: openAccess(),
        api,
        graphiql: false,
        operations: createOperations({ readiness: check }),
      });
    const withCache = yoga(cached);
    const uncached = yoga(fresh);
    const ready = async (y: ReturnType<typeof yoga>) =>
      (await y.fetch('http://gateway.test/ready')).status;
    try {
      const statuses = await Promise.all(Array.from({ length: 5 }, () => ready(withCache)));
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect(await ready(withCache)).toBe(200);
      // Six checks, one probe (the probe does not hit an API route).
      expect(sandbox.controls.requests().filter((r) => r.path === '/')).toHaveLength(1);
      expect(await ready(uncached)).toBe(200);

      await sandbox.close();
      const response = await uncached.fetch('http://gateway.test/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, upstream: 'unreachable' });
      expect((await uncached.fetch('http://gateway.test/health')).status).toBe(200);
    } finally {
      await api.close();
      await sandbox.close().catch(() => undefined);
    }
  });

  it('is not ready when the upstream answers 5xx or too slowly', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const unavailable = { type: 'status', status: 503 } as const;
      sandbox.controls.injectFault({ route: '*', times: 1, fault: unavailable });
      const probe = createUpstreamProbe({ baseUrl: sandbox.url, cacheMs: 0, timeoutMs: 200 });
      expect(await probe()).toBe(false);
      sandbox.controls.injectFault({ route: '*', times: 1, fault: { type: 'delay', ms: 1_000 } });
      expect(await probe()).toBe(false);
      expect(await probe()).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
