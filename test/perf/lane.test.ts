/**
 * The known-operations lane (src/lane): which requests it serves, and that what it answers is
 * what Yoga answers (status, headers, body, log line, metrics) for the same request. The rest of
 * the suite runs through it too (the `compiled` project); this file pins what it serves, so the
 * suite-wide run cannot pass by the lane quietly handing everything back.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passThroughOnly } from '../../src/auth/index.js';
import { memoryBuckets } from '../../src/limits/token-bucket.js';
import { createGatewayMetrics } from '../../src/plugins/use-metrics.js';
import { createOperations } from '../../src/plugins/use-operations.js';
import { captureLogs } from '../helpers/logs.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type GatewayYoga, type Rig } from '../helpers/rig.js';
import { ROUTES } from '../schema/budgets.js';

const URL_ = 'http://gateway/graphql';
// A getter: Yoga's fetch adds a content-length to a headers object it is given.
const JSON_HEADERS_OF = () => ({
  'content-type': 'application/json',
  'x-request-id': 'lane-test-1',
});

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ dialect: 'v2' });
});
afterAll(() => rig.close());

const chatId = () => chatGlobalId('v2', rig.sandbox.store.fixtures().bigChat);
const PAGE = `query Page($id: ID!, $n: Int) {
  chat(id: $id) { id messages(first: $n) { nodes { id text sentAt sender { address } } } }
}`;

function laneOf(gateway: GatewayYoga) {
  if (!gateway.lane) throw new Error('no lane on the compiled path');
  return gateway.lane;
}

/** The same request through the gateway's fetch (lane first) and through Yoga alone. */
async function both(gateway: GatewayYoga, init: RequestInit) {
  const lane = laneOf(gateway);
  const before = lane.counts.served;
  const viaLane = await gateway.fetch(URL_, init);
  const served = lane.counts.served - before;
  const viaYoga = await gateway.yoga.fetch(URL_, init);
  return { viaLane, viaYoga, served };
}

const shape = async (res: Response) => ({
  status: res.status,
  // Every header by name (case-insensitive: whatwg-node's Headers keep the case they were given);
  // the values that vary by request are compared below.
  headers: [...res.headers.keys()].map((name) => name.toLowerCase()).sort(),
  type: res.headers.get('content-type'),
  requestId: res.headers.get('x-request-id'),
  retryAfter: res.headers.get('retry-after'),
  body: await res.text(),
});

describe('what the lane serves', () => {
  it('is off on the standard path', () => {
    expect(rig.yogaWith({ execution: 'standard' }).lane).toBeNull();
  });

  const served: [string, () => RequestInit][] = [
    [
      'a query by its text',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 3 } }),
      }),
    ],
    [
      'the same with Accept: application/graphql-response+json',
      () => ({
        method: 'POST',
        headers: { ...JSON_HEADERS_OF(), accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 3 } }),
      }),
    ],
    [
      'a query whose operation name is given',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: PAGE, operationName: 'Page', variables: { id: chatId() } }),
      }),
    ],
  ];
  it.each(served)('serves %s', async (_name, init) => {
    const { served: count } = await both(rig.yogaWith({ execution: 'compiled' }), init());
    expect(count).toBe(1);
  });

  const handedBack: [string, () => RequestInit][] = [
    [
      'a mutation',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({
          query: 'mutation { deleteMessage(input: { messageId: "x" }) { __typename } }',
        }),
      }),
    ],
    [
      'a batch',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify([{ query: '{ phoneNumbers { number } }' }]),
      }),
    ],
    [
      'an APQ request (extensions)',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
        }),
      }),
    ],
    [
      'a syntax error',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: '{ chat(' }),
      }),
    ],
    [
      'a validation error',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: '{ nope }' }),
      }),
    ],
    [
      'an operation name the document does not have',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: PAGE, operationName: 'Other', variables: { id: chatId() } }),
      }),
    ],
    [
      'a document with two operations',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({
          query: 'query A { phoneNumbers { number } } query B { phoneNumbers { number } }',
          operationName: 'A',
        }),
      }),
    ],
    [
      'introspection',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      }),
    ],
    [
      'an unknown body key',
      () => ({
        method: 'POST',
        headers: JSON_HEADERS_OF(),
        body: JSON.stringify({ query: '{ phoneNumbers { number } }', extra: 1 }),
      }),
    ],
  ];
  it.each(handedBack)('hands back %s, which Yoga answers', async (_name, init) => {
    const gateway = rig.yogaWith({ execution: 'compiled' });
    const lane = laneOf(gateway);
    const { viaLane, viaYoga, served: count } = await both(gateway, init());
    expect(count).toBe(0);
    expect(lane.counts.handedBack).toBe(1);
    expect(await shape(viaLane)).toEqual(await shape(viaYoga));
  });

  it('hands back a caller it cannot authenticate: Yoga refuses it (401), nothing runs', async () => {
    const gateway = rig.yogaWith({ execution: 'compiled', auth: passThroughOnly() });
    const init = {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: PAGE, variables: { id: chatId() } }),
    };
    const { viaLane, viaYoga, served: count } = await both(gateway, init);
    expect(count).toBe(0);
    const answer = await shape(viaLane);
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('UNAUTHENTICATED');
    expect(answer).toEqual(await shape(viaYoga));
  });

  it('leaves unread what it cannot serve: GET, SSE, other types, listed origins', async () => {
    const gateway = rig.yogaWith({
      execution: 'compiled',
      cors: { origins: ['https://app.example'], credentials: false },
    });
    const lane = laneOf(gateway);
    const query = '{ phoneNumbers { number } }';
    const body = JSON.stringify({ query });
    await gateway.fetch(`${URL_}?query=${encodeURIComponent(query)}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    await gateway.fetch(URL_, {
      method: 'POST',
      headers: { ...JSON_HEADERS_OF(), accept: 'text/event-stream' },
      body,
    });
    await gateway.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/graphql', 'x-graphql-yoga-csrf': '1' },
      body: query,
    });
    const listed = await gateway.fetch(URL_, {
      method: 'POST',
      headers: { ...JSON_HEADERS_OF(), origin: 'https://app.example' },
      body,
    });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(lane.counts).toEqual({ served: 0, handedBack: 0 });
    // A page of the gateway's own origin (GraphiQL) or an unlisted one owes no CORS header.
    const other = await gateway.fetch(URL_, {
      method: 'POST',
      headers: { ...JSON_HEADERS_OF(), origin: 'https://elsewhere.example' },
      body,
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(lane.counts.served).toBe(1);
  });

  it('serves trusted documents by id, and only those when only they may run', async () => {
    const manifest = new Map([['page-1', PAGE]]);
    const gateway = rig.yogaWith({
      execution: 'compiled',
      trustedDocuments: { manifest, only: true },
    });
    const lane = laneOf(gateway);
    const byId = await gateway.fetch(URL_, {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ documentId: 'page-1', variables: { id: chatId(), n: 2 } }),
    });
    expect(byId.status).toBe(200);
    expect(lane.counts.served).toBe(1);
    const text = await gateway.fetch(URL_, {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: PAGE, variables: { id: chatId() } }),
    });
    expect(
      ((await text.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
        .code,
    ).toBe('PERSISTED_QUERY_ONLY');
    expect(lane.counts).toEqual({ served: 1, handedBack: 1 });
  });
});

describe('what the lane answers is what Yoga answers', () => {
  const cases: [string, () => unknown][] = [
    ['a page', () => ({ query: PAGE, variables: { id: chatId(), n: 5 } })],
    [
      'a missing chat (NOT_FOUND)',
      () => ({ query: PAGE, variables: { id: chatGlobalId('v2', { v2Id: 999999, uuid: '' }) } }),
    ],
    [
      'a variable of the wrong type (BAD_USER_INPUT)',
      () => ({ query: PAGE, variables: { id: chatId(), n: 'x' } }),
    ],
    ['a page size over the limit', () => ({ query: PAGE, variables: { id: chatId(), n: 5000 } })],
    ['a malformed id', () => ({ query: PAGE, variables: { id: 'nope' } })],
  ];
  it.each(cases)('%s', async (_name, body) => {
    const gateway = rig.yogaWith({ execution: 'compiled' });
    const init = { method: 'POST', headers: JSON_HEADERS_OF(), body: JSON.stringify(body()) };
    const { viaLane, viaYoga, served } = await both(gateway, init);
    expect(served).toBe(1);
    expect(await shape(viaLane)).toEqual(await shape(viaYoga));
  });

  it('a refused operation (cost, then the rate limit with its 429 and Retry-After)', async () => {
    const gateway = rig.yogaWith({
      execution: 'compiled',
      operations: createOperations({ limits: { maxCost: 3 } }),
    });
    const init = {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 50 } }),
    };
    const cost = await both(gateway, init);
    expect(cost.served).toBe(1);
    const costShape = await shape(cost.viaLane);
    expect(costShape.body).toContain('COST_LIMIT_EXCEEDED');
    expect(costShape).toEqual(await shape(cost.viaYoga));

    const limited = rig.yogaWith({
      execution: 'compiled',
      rateLimit: memoryBuckets({ capacity: 1, perSecond: 0.001 }),
    });
    const small = {
      ...init,
      body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 1 } }),
    };
    expect((await limited.fetch(URL_, small)).status).toBe(200);
    const refused = await both(limited, small);
    expect(refused.served).toBe(1);
    const refusedShape = await shape(refused.viaLane);
    expect(refusedShape.status).toBe(429);
    expect(refusedShape.retryAfter).not.toBeNull();
    expect(refusedShape).toEqual(await shape(refused.viaYoga));
  });

  it('writes the same log line and the same metrics', async () => {
    const logs = captureLogs('info');
    const metrics = createGatewayMetrics({ defaultMetrics: false });
    const gateway = rig.yogaWith({
      execution: 'compiled',
      logger: logs.logger,
      operations: createOperations({ logger: logs.logger, metrics }),
    });
    const init = {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 2 } }),
    };
    const { served } = await both(gateway, init);
    expect(served).toBe(1);
    const lines = logs.records().filter((r) => r['msg'] === 'graphql request');
    expect(lines).toHaveLength(2);
    const [lane, yoga] = lines.map(({ durationMs: _d, time: _t, ...rest }) => rest);
    expect(lane).toEqual(yoga);
    expect(lane).toMatchObject({
      operationName: 'Page',
      operationType: 'query',
      status: 200,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_requests_total{operation="Page",type="query",outcome="ok"} 2');
  });
});

describe('over HTTP', () => {
  let served: Rig;
  const logs = captureLogs('info');
  beforeAll(async () => {
    served = await startRig({
      dialect: 'v2',
      listen: true,
      gateway: { execution: 'compiled', logger: logs.logger },
    });
  });
  afterAll(() => served.close());

  it('serves a known query from the node listener, with its length and request id', async () => {
    const lane = laneOf(served.yoga);
    const res = await served.fetch(served.url, {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 2 } }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('lane-test-1');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(lane.counts.served).toBe(1);
  });

  it('hands a chunked body (no length) to Yoga unread, and answers a handed-back one', async () => {
    const lane = laneOf(served.yoga);
    const before = { ...lane.counts };
    const target = new URL(served.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(JSON.stringify({ query: '{ phoneNumbers { number } }' }));
      req.end();
    });
    expect(status).toBe(200);
    expect(lane.counts).toEqual(before);
    const mutation = await served.fetch(served.url, {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({
        query: 'mutation { deleteMessage(input: { messageId: "x" }) { __typename } }',
      }),
    });
    expect(mutation.status).toBe(200);
    // Yoga ran it: the malformed id is refused with the typed payload error.
    const answered = (await mutation.json()) as {
      data?: { deleteMessage?: { __typename: string } };
    };
    expect(answered.data?.deleteMessage?.__typename).toBe('ValidationError');
    expect(lane.counts.handedBack).toBe(before.handedBack + 1);
  });

  it('survives a client that goes away mid-body, and keeps answering', async () => {
    const lane = laneOf(served.yoga);
    const before = { ...lane.counts };
    const target = new URL(served.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(target.port), target.hostname, () => {
        socket.write(
          `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ pho',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const res = await served.fetch(served.url, {
      method: 'POST',
      headers: JSON_HEADERS_OF(),
      body: JSON.stringify({ query: '{ phoneNumbers { number } }' }),
    });
    expect(res.status).toBe(200);
    expect(lane.counts).toEqual({ served: before.served + 1, handedBack: before.handedBack });
  });

  it('aborts the upstream call of a served request whose client goes away, logging no error', async () => {
    const lane = laneOf(served.yoga);
    logs.lines.length = 0;
    const before = { ...lane.counts };
    const route = ROUTES.v2.listMessages;
    served.sandbox.controls.injectFault({ route, fault: { type: 'delay', ms: 5_000 } });
    try {
      const target = new URL(served.url);
      const body = JSON.stringify({ query: PAGE, variables: { id: chatId(), n: 2 } });
      const socket = connect(Number(target.port), target.hostname, () => {
        socket.write(
          `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
            'Content-Type: application/json\r\n' +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
      socket.on('error', () => {});
      // Once the call has reached the (slow) upstream, the client leaves.
      const calls = served.sandbox.controls.count(route);
      while (served.sandbox.controls.count(route) === calls) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const aborted = served.sandbox.controls.waitForRequest(route, (r) => r.aborted);
      socket.destroy();
      expect((await aborted).aborted).toBe(true);
      // Read by the lane, not handed back to Yoga.
      expect(lane.counts.handedBack).toBe(before.handedBack);
      // The request ends (REQUEST_ABORTED, answered to no one) with no error logged: a client
      // that leaves is no failure of the gateway.
      while (lane.counts.served === before.served) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(logs.records().filter((r) => Number(r['level']) >= 50)).toEqual([]);
    } finally {
      served.sandbox.controls.clearFaults();
    }
  });

  it('leaves a body in another charset to Yoga', async () => {
    const lane = laneOf(served.yoga);
    const before = { ...lane.counts };
    const res = await served.fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      body: JSON.stringify({ query: '{ phoneNumbers { number } }' }),
    });
    await res.arrayBuffer();
    expect(lane.counts).toEqual(before);
  });
});
