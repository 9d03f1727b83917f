/**
 * Observability of a running gateway (startGateway, real HTTP, embedded sandbox): Prometheus
 * series after traffic, one structured log line per request, and no token in any log line –
 * even at `trace`, even when Linq echoes the token back in an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server.js';
import { captureLogs } from '../helpers/logs.js';
import { originOf, startInstance } from '../helpers/rig.js';

const OTHER_TOKEN = 'sandbox-token-other';

describe('metrics and request logs', () => {
  let gateway: RunningGateway;
  let origin: string;
  const logs = captureLogs('trace');

  beforeAll(async () => {
    gateway = await startInstance({ LOG_LEVEL: 'trace', GRAPHQL_JIT: 'true' }, logs.logger);
    origin = originOf(gateway);
  });
  afterAll(() => gateway.close());

  const post = (query: string, headers: Record<string, string> = {}, variables = {}) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  const requestLines = () => logs.records().filter((l) => l.msg === 'graphql request');

  it('logs one line per request: id, operation, duration, status, upstream calls', async () => {
    await post('query Numbers { phoneNumbers { number } }', { 'x-request-id': 'req-numbers-1' });
    const line = requestLines().find((l) => l.requestId === 'req-numbers-1');
    expect(line).toMatchObject({
      level: 30,
      operationName: 'Numbers',
      operationType: 'query',
      status: 200,
      upstreamCalls: 1,
    });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('counts retries as upstream calls and logs error codes', async () => {
    const sandbox = gateway.sandbox!;
    sandbox.controls.injectFault({
      route: 'GET /v3/phone_numbers',
      times: 1,
      fault: { type: 'status', status: 503 },
    });
    await post('query Retried { phoneNumbers { number } }', { 'x-request-id': 'req-retried' });
    await post('query Missing { chat(id: "nope") { id } }', { 'x-request-id': 'req-missing' });
    const lines = requestLines();
    expect(lines.find((l) => l.requestId === 'req-retried')).toMatchObject({ upstreamCalls: 2 });
    expect(lines.find((l) => l.requestId === 'req-missing')).toMatchObject({
      operationName: 'Missing',
      upstreamCalls: 0,
      errors: 1,
      errorCodes: { INVALID_ID: 1 },
    });
  });

  it('keeps the log line small however many errors a request has (codes are counted)', async () => {
    const ids = JSON.stringify(Array.from({ length: 100 }, (_, i) => `bad-${i}`));
    await post(`query Many { nodes(ids: ${ids}) { id } }`, { 'x-request-id': 'req-many' });
    const line = requestLines().find((l) => l.requestId === 'req-many');
    expect(line).toMatchObject({ errors: 100, errorCodes: { INVALID_ID: 100 } });
    expect(JSON.stringify(line).length).toBeLessThan(500);
  });

  it('never logs the caller’s token, even when Linq echoes it in an error', async () => {
    const auth = { authorization: `Bearer ${OTHER_TOKEN}`, 'x-request-id': 'req-token' };
    const ok = await post('query Mine { phoneNumbers { number } }', auth);
    expect(ok.status).toBe(200);
    gateway.sandbox!.controls.injectFault({
      route: 'GET /v3/phone_numbers',
      times: 3,
      fault: { type: 'echo-token' },
    });
    const echoed = await post('query Echo { phoneNumbers { number } }', auth);
    expect(JSON.stringify(echoed.body)).not.toContain(OTHER_TOKEN);
    expect(requestLines().some((l) => l.requestId === 'req-token')).toBe(true);
    expect(logs.lines.length).toBeGreaterThan(10); // trace: Yoga's and the adapter's lines too
    for (const line of logs.lines) expect(line).not.toContain(OTHER_TOKEN);
  });

  it('exposes the GraphQL and upstream series on /metrics', async () => {
    const response = await fetch(`${origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('graphql_requests_total{operation="Numbers",type="query",outcome="ok"}')).toBe(1);
    expect(value('graphql_requests_total{operation="Missing",type="query",outcome="error"}')).toBe(
      1,
    );
    expect(value('graphql_errors_total{operation="Missing",code="INVALID_ID"}')).toBe(1);
    expect(value('graphql_request_duration_seconds_count{operation="Numbers",type="query"}')).toBe(
      1,
    );
    const route = 'method="GET",route="/phone_numbers"';
    expect(value(`linq_upstream_requests_total{${route},status="200"}`)).toBeGreaterThanOrEqual(3);
    expect(value(`linq_upstream_requests_total{${route},status="503"}`)).toBe(1);
    expect(value(`linq_upstream_request_duration_seconds_count{${route}}`)).toBeGreaterThan(3);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('logger redaction', () => {
  it('redacts tokens and webhook secrets wherever they sit in a record', () => {
    const { logger, text } = captureLogs('info');
    logger.info(
      {
        token: 'tok-1',
        headers: { authorization: 'Bearer tok-2', 'x-linq-integration-token': 'tok-3' },
        webhook: { secret: 'whsec-4', webhookSecret: 'whsec-5' },
      },
      'config',
    );
    expect(text()).not.toMatch(/tok-\d|whsec-\d/);
    expect(text()).toContain('[redacted]');
  });
});
