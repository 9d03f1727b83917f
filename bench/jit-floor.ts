/**
 * The floor of GraphQL on this stack: the ceiling's service (bench/ceiling.ts: node:http, undici,
 * the same upstream calls and DTO mapping) answering the gateway's own requests (the query text
 * and variables) through graphql-jit, over a hand-written schema of just the fields scenarios 1
 * and 2 select, with no resolver but the ones that call upstream (every other field is a
 * property graphql-jit reads inline). No Pothos, no DataLoader, no validation, no auth, no
 * limits, no logs or metrics: what any GraphQL server built on graphql-jit pays at least, to
 * set the gateway's cost against.
 *
 *   npm run bench:compare -- --scenario s1 ceiling bench/jit-floor.ts gateway
 *
 * Env as the ceiling's: UPSTREAM, DIALECT (v2 | v3), PORT, CONNECTIONS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { gid, keyOf, PLANS, upstreamReader, type Dialect } from './ceiling.js';

const SDL = /* GraphQL */ `
  type Query {
    chat(id: ID!): Chat
    chats(phoneNumber: String!, first: Int): ChatConnection
  }
  type ChatConnection {
    nodes: [Chat!]!
  }
  type Chat {
    id: ID!
    displayName: String
    messages(first: Int): MessageConnection
  }
  type MessageConnection {
    nodes: [Message!]!
  }
  type Message {
    id: ID!
    text: String
    sentAt: String
    sender: Handle
    chat: Chat!
    reactions: [Reaction!]!
  }
  type Handle {
    address: String!
  }
  type Reaction {
    type: String!
    customEmoji: String
    handle: Handle
  }
`;

interface Ctx {
  auth: string;
}

const dialect: Dialect = process.env.DIALECT === 'v2' ? 'v2' : 'v3';
const plan = PLANS[dialect];
const reader = upstreamReader({
  upstream: process.env.UPSTREAM ?? 'http://127.0.0.1:4010',
  dialect,
  connections: Number(process.env.CONNECTIONS ?? 64),
});
const get = reader.get;

interface ChatOut {
  id: string;
  key: string;
  displayName: string | null;
}

const schema = buildSchema(SDL);
const fields = (type: string) => {
  const t = schema.getType(type);
  if (!t || !('getFields' in t)) throw new Error(`no type ${type}`);
  return t.getFields() as Record<string, { resolve?: unknown }>;
};
// The chat(id:) { messages } of scenario 1: one list call, as the gateway and the ceiling make.
fields('Query')['chat']!.resolve = async (_: unknown, args: { id: string }, ctx: Ctx) => {
  const chatId = keyOf(args.id);
  const nodes = plan.messages(await get(plan.listMessages(chatId, 25), ctx.auth), chatId);
  return { id: args.id, messages: { nodes } };
};
fields('Query')['chats']!.resolve = async (
  _: unknown,
  args: { phoneNumber: string; first?: number },
  ctx: Ctx,
) => {
  const chats = plan.chats(await get(plan.listChats(args.phoneNumber, args.first ?? 10), ctx.auth));
  const nodes: ChatOut[] = chats.map((c) => ({
    id: gid(dialect, 'Chat', c.id),
    key: c.id,
    displayName: c.displayName,
  }));
  return { nodes };
};
fields('Chat')['messages']!.resolve = async (
  chat: ChatOut & { messages?: unknown },
  args: { first?: number },
  ctx: Ctx,
) => {
  if (chat.messages) return chat.messages; // scenario 1: already read with the chat
  const page = plan.messages(
    await get(plan.listMessages(chat.key, args.first ?? 10), ctx.auth),
    chat.key,
  );
  return { nodes: page.map((m) => ({ ...m, chat })) };
};

const compiled = new Map<string, CompiledQuery>();
function compiledOf(query: string, operationName: string | undefined): CompiledQuery {
  const key = `${operationName ?? ''}\n${query}`;
  let c = compiled.get(key);
  if (!c) {
    const result = compileQuery(schema, parse(query), operationName);
    if (!isCompiledQuery(result)) throw new Error(JSON.stringify(result.errors));
    c = result;
    compiled.set(key, c);
  }
  return c;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          query: string;
          variables?: Record<string, unknown>;
          operationName?: string;
        };
        const auth = req.headers.authorization ?? '';
        const result = await compiledOf(body.query, body.operationName).query(
          undefined,
          { auth } satisfies Ctx,
          body.variables ?? {},
        );
        const json = JSON.stringify(result);
        res.writeHead(200, {
          'content-type': 'application/graphql-response+json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        });
        res.end(json);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    })();
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void reader.close().then(() => process.exit(0));
});
