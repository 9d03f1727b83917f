// Without OTEL_* settings tracing is off and free: no tracer, no OpenTelemetry global registered
// (the SDK is never imported), and the caller's traceparent is passed upstream as it came.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance } from '../helpers/rig.js';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startInstance({});
});
afterAll(() => gateway?.close());

describe('tracing off', () => {
  it('loads no OpenTelemetry SDK and forwards the incoming traceparent', async () => {
    expect(gateway.tracing).toBeNull();
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent },
      body: JSON.stringify({ query: '{ phoneNumbers { number } }' }),
    });
    expect(res.status).toBe(200);
    expect((await post(gateway, '{ phoneNumbers { number } }')).errors).toBeUndefined();
    const sent = gateway.sandbox!.controls.requests().map((r) => r.headers['traceparent']);
    expect(sent).toContain(traceparent);
    // The OpenTelemetry API keeps its registrations under this global; the SDK sets it up.
    expect(Symbol.for('opentelemetry.js.api.1') in globalThis).toBe(false);
  });

  it('reads the OTEL_* settings', () => {
    expect(loadConfig({}).tracing).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' }).tracing).toEqual({
      endpoint: 'http://c:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: 'linq-graphql-gateway',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
    const on = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom' };
    expect(loadConfig({ ...on, OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(loadConfig({ ...on, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
    expect(
      loadConfig({
        ...on,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_TRACES_SAMPLER: 'traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }).tracing,
    ).toMatchObject({
      endpoint: 'http://c:4318/custom',
      protocol: 'http/json',
      sampler: 'traceidratio',
      samplerRatio: 0.25,
    });
    expect(() => loadConfig({ ...on, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL/,
    );
    expect(() => loadConfig({ ...on, OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(
      /OTEL_TRACES_SAMPLER/,
    );
  });
});
