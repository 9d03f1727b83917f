// Malformed and hostile requests, as an attacker sends them over real HTTP-shaped requests
// (yoga.fetch): each gets a GraphQL-over-HTTP request error with a JSON body and a stable code,
// nothing executes, and nothing about the schema leaks when introspection is off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperations } from '../../src/plugins/use-operations.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { startRig, type GatewayYoga, type Rig } from '../helpers/rig.js';

let rig: Rig;
let yoga: GatewayYoga;
let closed: GatewayYoga;
let chatId: string;
const URL_ = 'http://gateway.test/graphql';

beforeAll(async () => {
  rig = await startRig({ gateway: { operations: createOperations({ csrf: false }) } });
  yoga = rig.yoga;
  closed = rig.yogaWith({ operations: createOperations({ introspection: false, csrf: false }) });
  chatId = encodeNodeId('v3', 'Chat', rig.fixtures.bigChat.uuid);
});
afterAll(() => rig.close());

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

async function send(
  server: typeof yoga,
  init: RequestInit & { url?: string },
): Promise<{ status: number; type: string | null; body: Body }> {
  const response = await server.fetch(init.url ?? URL_, init);
  const text = await response.text();
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${JSON.stringify(text.slice(0, 200))}`);
  }
  return { status: response.status, type: response.headers.get('content-type'), body };
}

const post = (query: string, variables?: unknown, server = yoga) =>
  send(server, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });

const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);

describe('malformed requests', () => {
  it('GET with variables that are not JSON: 400 with a code', async () => {
    const url = `${URL_}?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnot-json`;
    const { status, body } = await send(yoga, {
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
    });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_REQUEST']);
  });

  it.each([
    ['text/xml', '<q/>'],
    [null, '{"query":"{ __typename }"}'],
  ])('a body with content-type %s: 415 with a JSON GraphQL error', async (type, payload) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (type) headers['content-type'] = type;
    const {
      status,
      type: responseType,
      body,
    } = await send(yoga, { method: 'POST', headers, body: payload });
    expect(status).toBe(415);
    expect(responseType).toContain('json');
    expect(codes(body)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
  });

  it('variable coercion errors carry BAD_USER_INPUT', async () => {
    const { body } = await post(
      'query($n: Int) { chats(phoneNumber: "+1", first: $n) { __typename } }',
      { n: 'ten' },
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('an invalid enum value in variables carries BAD_USER_INPUT', async () => {
    const query =
      'query($id: ID!, $o: MessageOrder) { chat(id: $id) { messages(first: 1, order: $o) { __typename } } }';
    const { body } = await post(query, { id: chatId, o: 'SIDEWAYS' });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('hostile requests', () => {
  it('a query text over the size bound is refused before parsing (comments are not tokens)', async () => {
    const padded = `# ${'x'.repeat(1_000_000)}\n{ __typename }`;
    const { status, body } = await post(padded);
    expect(status).toBe(413);
    expect(codes(body)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('bounds the ofType depth of introspection', async () => {
    let inner = '{ name }';
    for (let i = 0; i < 60; i++) inner = `{ ofType ${inner} }`;
    const { body } = await post(`{ __schema { types { fields { type ${inner} } } } }`);
    expect(body.data ?? null).toBeNull();
    expect(codes(body)).toContain('INTROSPECTION_DEPTH_EXCEEDED');
  });
});

describe('no suggestions with introspection off', () => {
  it('hides field, enum value and input field suggestions', async () => {
    const documents = [
      `{ chat(id: "${chatId}") { displayNam } }`,
      `{ chat(id: "${chatId}") { messages(first: 1, order: NEWEST_FIRS) { __typename } } }`,
      `mutation { sendMessage(input: { chatId: "${chatId}", txt: "hi" }) { __typename } }`,
    ];
    for (const document of documents) {
      const open = await post(document);
      expect(JSON.stringify(open.body)).toMatch(/Did you mean/);
      const { body } = await post(document, undefined, closed);
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
    }
  });
});
