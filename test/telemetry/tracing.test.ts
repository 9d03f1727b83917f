// OpenTelemetry tracing end to end: a gateway started as `npm start` starts it (OTEL_* settings)
// in front of the embedded sandbox, exporting to a real OTLP/HTTP receiver on port 0. The span
// trees of a query, a mutation with retries and a subscription event are asserted, with the
// traceparent the sandbox received and the trace id of the request log line.
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { startInstance, waitForStreams } from '../helpers/rig.js';
import { captureLogs } from '../helpers/logs.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';
import { KIND, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

let receiver: OtlpReceiver;
let gateway: RunningGateway;
const logs = captureLogs('info');

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  gateway = await startInstance(
    {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'linq-gateway-under-test',
      LINQ_MAX_RETRIES: '2',
    },
    logs.logger,
  );
});
afterAll(async () => {
  await gateway?.close();
  await receiver?.close();
});

const newTraceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
};

async function post(body: object, traceparent: string) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function trace(traceId: string): Promise<ReceivedSpan[]> {
  await gateway.tracing!.flush();
  return receiver.spans.filter((s) => s.traceId === traceId);
}

const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) =>
  spans.filter((s) => s.parentSpanId === parent.spanId);

const upstreamTraceparents = () =>
  gateway.sandbox!.controls.requests().map((r) => r.headers['traceparent']);

describe('tracing (OTLP/HTTP, http/json)', () => {
  it('traces a query: a server span continuing the caller, one client span per upstream call', async () => {
    gateway.sandbox!.controls.resetCounts();
    const { traceId, parentId, header } = newTraceparent();
    const result = await post(
      {
        query: `query FirstChats($phone: String!) {
          chats(phoneNumber: $phone, first: 2) { edges { node { id messages(first: 2) { edges { node { id } } } } } }
        }`,
        variables: { phone: '+12025550101' },
      },
      header,
    );
    expect(result.errors).toBeUndefined();
    const spans = await trace(traceId);
    const server = spans.find((s) => s.kind === KIND.SERVER)!;
    expect(server).toMatchObject({
      name: 'query FirstChats',
      parentSpanId: parentId,
      service: 'linq-gateway-under-test',
      attributes: expect.objectContaining({
        'graphql.operation.name': 'FirstChats',
        'graphql.operation.type': 'query',
        'http.response.status_code': 200,
      }),
    });
    const calls = childrenOf(spans, server);
    const upstream = gateway.sandbox!.controls.requests();
    expect(calls.length).toBe(upstream.length);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      expect(call.kind).toBe(KIND.CLIENT);
      expect(call.attributes).toMatchObject({
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'linq.upstream.attempt': 1,
      });
      expect(call.name).toBe(`GET ${String(call.attributes['url.template'])}`);
    }
    expect(calls.map((c) => c.attributes['url.template'])).toContain('/chats');
    // Linq received each client span's own traceparent.
    expect(upstreamTraceparents().sort()).toEqual(
      calls.map((c) => `00-${traceId}-${c.spanId}-01`).sort(),
    );
    // The request log line names the trace.
    const line = logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['msg'] === 'graphql request' && l['traceId'] === traceId);
    expect(line).toMatchObject({ operationName: 'FirstChats', traceId });
  });

  it('traces a mutation with retries: one client span per attempt, with status and attempt', async () => {
    const uuid = gateway.sandbox!.store.fixtures().bigChat.uuid;
    const route = 'POST /v3/chats/{chatId}/messages';
    gateway.sandbox!.controls.injectFault({
      route,
      times: 2,
      fault: { type: 'status', status: 503 },
    });
    const { traceId, header } = newTraceparent();
    const result = await post(
      {
        query: `mutation Send($input: SendMessageInput!) {
          sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { id } } }
        }`,
        variables: {
          input: {
            chatId: encodeNodeId('v3', 'Chat', uuid),
            text: 'traced',
            idempotencyKey: 'trace-1',
          },
        },
      },
      header,
    );
    expect(result.data?.['sendMessage']).toMatchObject({ __typename: 'SendMessagePayload' });
    const spans = await trace(traceId);
    const server = spans.find((s) => s.kind === KIND.SERVER)!;
    expect(server.name).toBe('mutation Send');
    const attempts = childrenOf(spans, server)
      .filter((s) => s.attributes['http.request.method'] === 'POST')
      .sort(
        (a, b) =>
          Number(a.attributes['linq.upstream.attempt']) -
          Number(b.attributes['linq.upstream.attempt']),
      );
    expect(
      attempts.map((s) => [
        s.attributes['linq.upstream.attempt'],
        s.attributes['http.response.status_code'],
      ]),
    ).toEqual([
      [1, 503],
      [2, 503],
      [3, expect.any(Number)],
    ]);
    expect(attempts[2]!.attributes['http.response.status_code']).toBeLessThan(300);
    expect(attempts.map((s) => s.statusCode)).toEqual([2, 2, 0]);
    expect(attempts[2]!.attributes['http.request.resend_count']).toBe(2);
    expect(attempts[0]!.attributes['url.template']).toBe('/chats/{}/messages');
  });

  it("traces an operation over graphql-ws, continuing the upgrade request's traceparent", async () => {
    gateway.sandbox!.controls.resetCounts();
    const { traceId, parentId, header } = newTraceparent();
    class TracedSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { traceparent: header } });
      }
    }
    const client = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: TracedSocket,
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: 'query WsNumbers { phoneNumbers { number } }' },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toMatchObject({ data: { phoneNumbers: expect.any(Array) } });
    } finally {
      await client.dispose();
    }
    const spans = await trace(traceId);
    const server = spans.find((s) => s.kind === KIND.SERVER)!;
    expect(server).toMatchObject({ name: 'query WsNumbers', parentSpanId: parentId });
    const calls = childrenOf(spans, server);
    expect(calls.map((c) => c.name)).toEqual(['GET /phone_numbers']);
    expect(upstreamTraceparents()).toEqual([`00-${traceId}-${calls[0]!.spanId}-01`]);
  });

  it('traces a failing operation with its error codes', async () => {
    const { traceId, header } = newTraceparent();
    const result = await post({ query: 'query Bad { chat(id: "nope") { id } }' }, header);
    expect(result.errors).toBeDefined();
    const [server] = (await trace(traceId)).filter((s) => s.kind === KIND.SERVER);
    expect(server!.statusCode).toBe(2);
    expect(server!.attributes['linq.graphql.error_codes']).toEqual(['INVALID_ID']);
  });

  it('traces a subscription event: webhook delivery → publish → event → its upstream reads', async () => {
    const uuid = gateway.sandbox!.store.fixtures().bigChat.uuid;
    const sub = await sseSubscribe<{ messageAdded: { node: { text: string } } }>(
      gateway.url,
      'subscription Added($chatId: ID!) { messageAdded(chatId: $chatId) { node { text } } }',
      { chatId: encodeNodeId('v3', 'Chat', uuid) },
    );
    try {
      await waitForStreams(gateway, 1);
      gateway.sandbox!.controls.resetCounts();
      gateway.sandbox!.controls.simulateInbound({ chatId: uuid, text: 'traced inbound' });
      expect((await sub.nth(0)).data?.messageAdded.node.text).toBe('traced inbound');
    } finally {
      sub.close();
    }
    await gateway.tracing!.flush();
    const event = receiver.spans.find(
      (s) => s.kind === KIND.CONSUMER && s.name === 'process messageAdded',
    )!;
    expect(event).toBeDefined();
    const spans = receiver.spans.filter((s) => s.traceId === event.traceId);
    const publish = spans.find((s) => s.spanId === event.parentSpanId)!;
    expect(publish).toMatchObject({
      kind: KIND.PRODUCER,
      name: 'publish chat-events',
      attributes: expect.objectContaining({
        'messaging.system': 'memory',
        'linq.event.type': 'messageAdded',
      }),
    });
    const delivery = spans.find((s) => s.spanId === publish.parentSpanId)!;
    expect(delivery).toMatchObject({
      kind: KIND.SERVER,
      name: 'POST /webhooks/linq/v3',
      attributes: expect.objectContaining({ 'http.response.status_code': 204 }),
    });
    const reads = childrenOf(spans, event);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s.kind === KIND.CLIENT)).toBe(true);
    expect(upstreamTraceparents()).toEqual(
      expect.arrayContaining(reads.map((s) => `00-${event.traceId}-${s.spanId}-01`)),
    );
  });
});
