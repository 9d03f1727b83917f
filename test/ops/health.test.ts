/**
 * Liveness (`/health`) and readiness (`/ready`: the upstream answers), over the real gateway
 * process wiring (startGateway) and against a sandbox that goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passThroughOnly } from '../../src/auth/index.js';
import { createOperations } from '../../src/plugins/use-operations.js';
import { createUpstreamProbe } from '../../src/plugins/use-readiness.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { RunningGateway } from '../../src/server.js';
import { gatewayYoga, linqClient, originOf, startInstance } from '../helpers/rig.js';

describe('/health and /ready on a running gateway', () => {
  let gateway: RunningGateway;
  let origin: string;

  beforeAll(async () => {
    gateway = await startInstance({ LOG_LEVEL: 'silent' });
    origin = originOf(gateway);
  });
  afterAll(() => gateway.close());

  it('/health answers 200 while the process runs', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
  });

  it('/ready answers 200 when the upstream is reachable', async () => {
    const response = await fetch(`${origin}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      upstream: 'reachable',
      token: 'accepted',
    });
  });
});

describe('/ready of a gateway started with a wrong LINQ_TOKEN', () => {
  it('answers 503 with the reason, never the token', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const gateway = await startInstance({
      LINQ_BASE_URL: sandbox.url,
      LINQ_TOKEN: 'wrong-token-4821',
    });
    try {
      const response = await fetch(`${originOf(gateway)}/ready`);
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ ready: false, token: 'rejected' });
      expect(body).not.toContain('wrong-token-4821');
    } finally {
      await gateway.close();
      await sandbox.close();
    }
  });
});

describe('/ready when the upstream goes down', () => {
  it('turns 503 once the sandbox is gone, and probes at most once per cache period', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const api = linqClient(sandbox, { dialect: 'v3', token: 'x' });
    const probe = { baseUrl: sandbox.url, dialect: 'v3', token: sandbox.tokens.primary } as const;
    const cached = createUpstreamProbe({ ...probe, cacheMs: 60_000 });
    const fresh = createUpstreamProbe({ ...probe, cacheMs: 0, timeoutMs: 500 });
    const yoga = (check: typeof cached) =>
      gatewayYoga(api, { operations: createOperations({ readiness: check }) });
    const withCache = yoga(cached);
    const uncached = yoga(fresh);
    const ready = async (y: ReturnType<typeof yoga>) =>
      (await y.fetch('http://gateway.test/ready')).status;
    try {
      const statuses = await Promise.all(Array.from({ length: 5 }, () => ready(withCache)));
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect(await ready(withCache)).toBe(200);
      // Six checks, one probe: one authenticated read of the phone numbers.
      expect(sandbox.controls.count('GET /v3/phone_numbers')).toBe(1);
      expect(await ready(uncached)).toBe(200);

      await sandbox.close();
      const response = await uncached.fetch('http://gateway.test/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ready: false, upstream: 'unreachable' });
      expect((await uncached.fetch('http://gateway.test/health')).status).toBe(200);
    } finally {
      await api.close();
      await cached.close?.();
      await fresh.close?.();
      await sandbox.close().catch(() => undefined);
    }
  });

  it('is not ready when the upstream rejects the configured token', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const probes = (token: string) =>
      (['v2', 'v3'] as const).map((dialect) =>
        createUpstreamProbe({ baseUrl: sandbox.url, dialect, token }),
      );
    const checks = [...probes('not-a-linq-token'), ...probes(sandbox.tokens.primary)];
    try {
      for (const check of checks.slice(0, 2)) {
        expect(await check()).toEqual({
          ready: false,
          upstream: 'reachable',
          token: 'rejected',
          reason: 'the upstream rejects LINQ_TOKEN (HTTP 401)',
        });
      }
      for (const check of checks.slice(2)) {
        expect(await check()).toEqual({ ready: true, upstream: 'reachable', token: 'accepted' });
      }
    } finally {
      for (const check of checks) await check.close?.();
      await sandbox.close();
    }
  });

  it('is not ready when LINQ_BASE_URL is a web server that is not Linq', async () => {
    const pages = ['<html>Welcome</html>', null];
    const server = createServer((req, res) => {
      const page = pages[req.url?.includes('v3') ? 0 : 1];
      if (page) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const checks = (['v2', 'v3'] as const).map((dialect) =>
      createUpstreamProbe({ baseUrl, dialect, token: 'some-token' }),
    );
    try {
      for (const check of checks) {
        expect(await check()).toMatchObject({
          ready: false,
          upstream: 'not_linq',
          reason: expect.stringContaining('does not answer like the Linq API'),
        });
      }
      // Over the gateway: 503 with the reason.
      const yoga = gatewayYoga(linqClient(baseUrl, { dialect: 'v3', token: 'some-token' }), {
        auth: passThroughOnly(),
        operations: createOperations({ readiness: checks[1]! }),
      });
      const response = await yoga.fetch('http://gateway.test/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ upstream: 'not_linq' });
    } finally {
      for (const check of checks) await check.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('is not ready when the upstream answers 5xx or too slowly', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const unavailable = { type: 'status', status: 503 } as const;
      sandbox.controls.injectFault({ route: '*', times: 1, fault: unavailable });
      const probe = createUpstreamProbe({ baseUrl: sandbox.url, cacheMs: 0, timeoutMs: 200 });
      expect(await probe()).toMatchObject({ ready: false, upstream: 'unreachable' });
      sandbox.controls.injectFault({ route: '*', times: 1, fault: { type: 'delay', ms: 1_000 } });
      expect((await probe()).ready).toBe(false);
      expect(await probe()).toEqual({ ready: true, upstream: 'reachable', token: 'unchecked' });
    } finally {
      await sandbox.close();
    }
  });
});
