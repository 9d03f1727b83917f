// Unbounded waits, against the sandbox's fault injection through a gateway started as
// `npm start` starts it (loadConfig + startGateway, real HTTP): one deadline per write, retries
// included; a circuit breaker per route that fails fast while Linq is down and probes its way
// back; the HTTP server's own timeouts and connection cap come from the settings.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance } from '../helpers/rig.js';

const SEND_ROUTE = 'POST /v3/chats/{chatId}/messages';
const CHAT_ROUTE = 'GET /v3/chats/{chatId}';
const SEND = `mutation($chatId: ID!) {
  sendMessage(input: { chatId: $chatId, text: "hi", idempotencyKey: "deadline-1" }) {
    __typename ... on Error { message }
  }
}`;
const CHAT = 'query($id: ID!) { chat(id: $id) { id } }';

let sandbox: Sandbox;
let gateway: RunningGateway;
let chatId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  gateway = await startInstance({
    LINQ_BASE_URL: sandbox.url,
    LINQ_TOKEN: sandbox.tokens.primary,
    LINQ_WRITE_TIMEOUT_MS: '800',
    LINQ_BREAKER_THRESHOLD: '3',
    LINQ_BREAKER_HALF_OPEN_MS: '400',
    SERVER_HEADERS_TIMEOUT_MS: '4000',
    SERVER_REQUEST_TIMEOUT_MS: '20000',
    SERVER_KEEP_ALIVE_TIMEOUT_MS: '1500',
    SERVER_MAX_CONNECTIONS: '321',
  });
  chatId = encodeNodeId('v3', 'Chat', sandbox.store.fixtures().bigChat.uuid);
});
afterAll(async () => {
  await gateway?.close();
  await sandbox?.close();
});
beforeEach(() => sandbox.controls.reset());

describe('one deadline per write', () => {
  it('a send against a slow Linq ends at the write deadline, retries included', async () => {
    // Each attempt would wait 3 s for headers; without the deadline the retries add up.
    sandbox.controls.injectFault({ route: SEND_ROUTE, fault: { type: 'delay', ms: 3000 } });
    const started = Date.now();
    const result = await post<{ sendMessage: { __typename: string } }>(gateway, SEND, { chatId });
    const elapsed = Date.now() - started;
    expect(result.data?.sendMessage.__typename).toBe('UpstreamUnavailableError');
    expect(elapsed).toBeLessThan(2500);
    expect(sandbox.controls.count(SEND_ROUTE)).toBe(1);
  });
});

describe('circuit breaker per route', () => {
  it('fails fast while Linq is down and probes its way back', async () => {
    sandbox.controls.injectFault({ route: CHAT_ROUTE, fault: { type: 'status', status: 503 } });
    const read = () => post<{ chat: { id: string } | null }>(gateway, CHAT, { id: chatId });
    // Three failing reads (each with its retries) open the circuit.
    for (let i = 0; i < 3; i++) {
      expect((await read()).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    }
    const calls = sandbox.controls.count(CHAT_ROUTE);
    expect(calls).toBe(9); // 3 reads × (1 + LINQ_MAX_RETRIES 2)
    // Open: answered at once, Linq not called.
    const open = await read();
    expect(open.errors?.[0]?.message).toContain('circuit open');
    expect(open.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sandbox.controls.count(CHAT_ROUTE)).toBe(calls);
    // Other routes are not affected.
    const numbers = await post<{ phoneNumbers: unknown[] }>(gateway, '{ phoneNumbers { number } }');
    expect(numbers.errors).toBeUndefined();
    // Linq recovers; after the half-open delay one probe closes the circuit.
    sandbox.controls.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await read()).data?.chat?.id).toBe(chatId);
    expect((await read()).data?.chat?.id).toBe(chatId);
  });
});

describe('HTTP server limits', () => {
  it('come from the settings', () => {
    const { server } = gateway;
    expect(server.headersTimeout).toBe(4000);
    expect(server.requestTimeout).toBe(20000);
    expect(server.keepAliveTimeout).toBe(1500);
    expect(server.maxConnections).toBe(321);
  });
});
