// Property: every response the Linq spec permits, for the reads and the send the gateway makes, maps
// through the GraphQL schema without an error (both dialects). A scripted upstream answers each
// GET with a body generated from that operation's 200 schema (spec/linq); the gateway is driven
// through yoga.fetch with a selection of every argument-free field, three levels deep.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { createOperations } from '../../src/plugins/use-operations.js';
import { arbitraryOf } from '../helpers/openapi-arbitrary.js';
import { gatewayYoga, linqClient } from '../helpers/rig.js';
import { rawSpecs, type Dialect } from '../helpers/openapi-spec.js';
import type { Json, JsonObject } from '../helpers/openapi-transform.js';

/** The calls the gateway makes, as `METHOD spec-path`, per dialect. */
const READS: Record<Dialect, string[]> = {
  v2: [
    'GET /api/partner/v2/phone_numbers',
    'GET /api/partner/v2/chats/{chat_id}',
    'GET /api/partner/v2/chats/{chat_id}/chat_messages/{id}',
    'GET /api/partner/v2/chat_message_reactions/{reaction_id}',
    'GET /api/partner/v2/chats/{chat_id}/chat_messages',
    'POST /api/partner/v2/chats/{chat_id}/chat_messages',
  ],
  v3: [
    'GET /v3/phone_numbers',
    'GET /v3/chats/{chatId}',
    'GET /v3/messages/{messageId}',
    'GET /v3/chats/{chatId}/messages',
    'POST /v3/chats/{chatId}/messages',
  ],
};
const PREFIX: Record<Dialect, string> = { v2: '', v3: '/api/partner' };

function okSchema(dialect: Dialect, call: string): Json {
  const [method, path] = call.split(' ') as [string, string];
  const doc = rawSpecs[dialect];
  const op = ((doc.paths as JsonObject)[path] as JsonObject)[method.toLowerCase()] as JsonObject;
  const responses = op.responses as JsonObject;
  const ok = (responses['200'] ?? responses['201'] ?? responses['202']) as JsonObject;
  return ((ok.content as JsonObject)['application/json'] as JsonObject).schema as Json;
}

/** `{ a b c { d } ... on X { e } }` of every argument-free field of `type`, `depth` deep. */
function selection(type: GraphQLNamedType, depth: number, omit: readonly string[] = []): string {
  if (isLeafType(type)) return '';
  if (depth === 0) return '{ __typename }';
  if (isAbstractType(type)) {
    const fragments = schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} ${selection(t, depth, omit)}`);
    return `{ __typename ${fragments.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields())
    .filter((f) => f.args.length === 0 && !omit.includes(f.name))
    .map((f) => `${f.name} ${selection(getNamedType(f.type), depth - 1, omit)}`);
  return `{ ${fields.join(' ')} }`;
}

let upstream: Server;
let bodies: Map<string, unknown> = new Map();
let matchers: { dialect: Dialect; call: string; re: RegExp }[] = [];

beforeAll(async () => {
  matchers = (Object.keys(READS) as Dialect[]).flatMap((dialect) =>
    READS[dialect].map((call) => ({
      dialect,
      call,
      re: new RegExp(
        `^${call.replace(' ', ` ${PREFIX[dialect]}`).replace(/\{[^}]+\}/g, '[^/]+')}$`,
      ),
    })),
  );
  upstream = createServer((req, res) => {
    const target = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`;
    const match = matchers.find((m) => m.re.test(target));
    const body = match ? bodies.get(`${match.dialect} ${match.call}`) : undefined;
    req.resume();
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not scripted' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const IDS: Record<Dialect, Record<'Chat' | 'Message' | 'Reaction', string>> = {
  v2: {
    Chat: '11',
    Message: JSON.stringify(['11', '22']),
    Reaction: JSON.stringify(['11', '22', '33']),
  },
  v3: {
    Chat: '6f1c1a4e-2a7e-4c1b-9a43-0e1f0c7d9b10',
    Message: JSON.stringify([
      '6f1c1a4e-2a7e-4c1b-9a43-0e1f0c7d9b10',
      '0b9a0d62-5b0e-4f3a-8f1e-2b6c7d8e9f01',
    ]),
    Reaction: '', // v3 has no reaction read
  },
};

/**
 * The identity fields are the ids asked for (a message of another chat is NOT_FOUND by design,
 * not leniency); every other value stays as generated.
 */
function pinIdentities(dialect: Dialect, generated: Map<string, unknown>): void {
  const set = (path: string, values: Record<string, unknown>, key?: string) => {
    const body = generated.get(`${dialect} ${path}`) as Record<string, unknown> | null;
    const target = key ? (body?.[key] as Record<string, unknown> | null) : body;
    if (target && typeof target === 'object') Object.assign(target, values);
  };
  if (dialect === 'v2') {
    set('GET /api/partner/v2/chats/{chat_id}', { id: 11 }, 'data');
    set('GET /api/partner/v2/chats/{chat_id}/chat_messages/{id}', { id: 22 }, 'data');
    set(
      'GET /api/partner/v2/chat_message_reactions/{reaction_id}',
      { id: 33, chat_message_id: 22 },
      'data',
    );
    // A reaction is read through its message: the message lists it.
    const reaction = (
      generated.get('v2 GET /api/partner/v2/chat_message_reactions/{reaction_id}') as {
        data: unknown;
      }
    ).data;
    set(
      'GET /api/partner/v2/chats/{chat_id}/chat_messages/{id}',
      { reactions: [reaction] },
      'data',
    );
  } else {
    const [chat, message] = JSON.parse(IDS.v3.Message) as [string, string];
    set('GET /v3/chats/{chatId}', { id: chat });
    set('GET /v3/messages/{messageId}', { id: message, chat_id: chat });
    // The sent message is read back by its id.
    set('POST /v3/chats/{chatId}/messages', { chat_id: chat });
    set('POST /v3/chats/{chatId}/messages', { id: message }, 'message');
  }
}

describe.each(['v2', 'v3'] as const)('spec-valid %s responses', (dialect) => {
  const base = () => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const types = (['Chat', 'Message', 'Reaction'] as const).filter((t) => IDS[dialect][t] !== '');

  // messageEdge's cursor needs the new message in the chat's listing (NOT_FOUND otherwise, by
  // design): not a question of leniency, so not selected here.
  const sendResult = () => getNamedType(schema.getMutationType()!.getFields().sendMessage!.type);
  const documents: Record<string, () => string> = {
    ...Object.fromEntries(
      types.map((typename) => [
        typename,
        () => `query($id: ID!) { phoneNumbers ${selection(schema.getType('PhoneNumber')!, 1)}
          node(id: $id) { ... on ${typename} ${selection(schema.getType(typename)!, 3)} } }`,
      ]),
    ),
    sendMessage: () => `mutation($id: ID!) {
      sendMessage(input: { chatId: $id, text: "hi", idempotencyKey: "prop-1" })
        ${selection(sendResult(), 3, ['messageEdge'])} }`,
  };

  it.each(Object.keys(documents))(
    '%s: every field maps without an error',
    async (name) => {
      const api = linqClient(base(), { dialect, token: 'tok', maxRetries: 0 });
      const operations = createOperations({ limits: { maxTokens: 100_000, maxDepth: 50 } });
      const yoga = gatewayYoga(api, { operations });
      const typename = name === 'sendMessage' ? 'Chat' : (name as keyof (typeof IDS)['v2']);
      const id = encodeNodeId(dialect, typename, IDS[dialect][typename]);
      const query = documents[name]!();
      const doc = rawSpecs[dialect];
      const arbitraries = Object.fromEntries(
        READS[dialect].map((p) => [`${dialect} ${p}`, arbitraryOf(doc, okSchema(dialect, p))]),
      );
      try {
        await fc.assert(
          fc.asyncProperty(fc.record(arbitraries), async (generated) => {
            bodies = new Map(Object.entries(generated));
            pinIdentities(dialect, bodies);
            const response = await yoga.fetch('http://gateway.test/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables: { id } }),
            });
            const body = (await response.json()) as { errors?: unknown[] };
            expect(body.errors).toBeUndefined();
          }),
          { numRuns: 60 },
        );
      } finally {
        await api.close();
      }
    },
    60_000,
  );
});

describe('a value the spec forbids', () => {
  it.each([true, false])(
    'fails only its own field, with BAD_UPSTREAM_RESPONSE (jit: %s)',
    async (jit) => {
      const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      const api = linqClient(base, { dialect: 'v3', token: 'tok', maxRetries: 0 });
      const yoga = gatewayYoga(api, { jit });
      const [chat, message] = JSON.parse(IDS.v3.Message) as [string, string];
      const when = '2026-01-02T03:04:05.000Z';
      bodies = new Map([
        [
          'v3 GET /v3/messages/{messageId}',
          {
            id: message,
            chat_id: chat,
            is_from_me: true,
            is_delivered: true,
            is_read: false,
            created_at: when,
            updated_at: when,
            sent_at: 'the day before yesterday',
            parts: [],
          },
        ],
      ]);
      try {
        const response = await yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query($id: ID!) { node(id: $id) { ... on Message { id createdAt sentAt } } }',
            variables: { id: encodeNodeId('v3', 'Message', IDS.v3.Message) },
          }),
        });
        const body = (await response.json()) as {
          data: { node: Record<string, unknown> };
          errors: { path: string[]; extensions: { code: string } }[];
        };
        expect(body.data.node).toMatchObject({ createdAt: when, sentAt: null });
        expect(body.errors.map((e) => [e.path.join('.'), e.extensions.code])).toEqual([
          ['node.sentAt', 'BAD_UPSTREAM_RESPONSE'],
        ]);
      } finally {
        await api.close();
      }
    },
  );
});
