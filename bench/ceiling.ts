/**
 * The practical ceiling: a hand-written node:http + undici service that answers scenarios 1–3
 * with the same JSON as the gateway, from the same upstream calls, with no GraphQL at all (the
 * operation is picked by `operationName`, the query text is ignored). What the gateway spends
 * beyond this is the price of GraphQL, Pothos, Yoga and our own layers.
 *
 * Like the gateway in pass-through mode, it sends each caller's own Authorization header
 * upstream (nothing is shared between callers). It speaks the dialect the gateway is measured
 * on: v2 (integer ids, page/per_page) or v3 (UUIDs, limit). Scenario 1 selects no chat field but
 * its id, so one list call answers it.
 *
 * Env: UPSTREAM (origin), DIALECT (v2 | v3, default v3), PORT, CONNECTIONS (default 64, the
 * gateway's default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { components as V3 } from '../src/upstream/types/v3.js';
import type { components as V2 } from '../src/upstream/types/v2.js';

type S3 = V3['schemas'];
type S2 = V2['schemas'];
type Part = { type: string; value?: string; reactions?: S3['Reaction'][] | null };
export type Dialect = 'v2' | 'v3';

interface Sender {
  address: string;
}
interface MessageOut {
  id: string;
  text: string | null;
  sentAt: string | null;
  sender: Sender | null;
  reactions: { type: string; customEmoji: string | null; handle: Sender | null }[];
}
interface ChatOut {
  id: string;
  displayName: string | null;
}

/** What the ceiling needs of a dialect: its routes and its DTO → answer mapping. */
interface DialectPlan {
  listMessages(chatId: string, limit: number): string;
  listChats(phone: string, limit: number): string;
  getMessage(chatId: string, id: string): string;
  messages(body: unknown, chatId: string): MessageOut[];
  chats(body: unknown): ChatOut[];
  message(body: unknown, chatId: string): MessageOut | null;
}

export const gid = (dialect: Dialect, typename: string, key: string) =>
  Buffer.from(`lq1:${dialect}:${typename}:${key}`, 'utf8').toString('base64url');

function v3Text(m: S3['Message']): string | null {
  const texts: string[] = [];
  for (const p of (m.parts ?? []) as Part[]) if (p.type === 'text') texts.push(p.value ?? '');
  return texts.length > 0 ? texts.join('\n') : null;
}

function v3Message(m: S3['Message']): MessageOut {
  const address = m.from_handle?.handle ?? m.from ?? null;
  const reactions: MessageOut['reactions'] = [];
  for (const p of (m.parts ?? []) as Part[]) {
    for (const r of p.reactions ?? []) {
      reactions.push({
        type: r.type.toUpperCase(),
        customEmoji: r.custom_emoji ?? null,
        handle: { address: r.handle.handle },
      });
    }
  }
  return {
    id: gid('v3', 'Message', JSON.stringify([m.chat_id, m.id])),
    text: v3Text(m),
    sentAt: m.sent_at ?? null,
    sender: address === null ? null : { address },
    reactions,
  };
}

const V3_PLAN: DialectPlan = {
  listMessages: (chatId, limit) => `/api/partner/v3/chats/${chatId}/messages?limit=${limit}`,
  listChats: (phone, limit) =>
    `/api/partner/v3/chats?from=${encodeURIComponent(phone)}&limit=${limit}`,
  getMessage: (_chatId, id) => `/api/partner/v3/messages/${id}`,
  messages: (body) => (body as S3['GetMessagesResult']).messages.map(v3Message),
  chats: (body) =>
    (body as S3['ListChatsResult']).chats.map((c) => ({
      id: c.id,
      displayName: c.display_name ?? null,
    })),
  message: (body, chatId) => {
    const m = body as S3['Message'];
    return m.chat_id === chatId ? v3Message(m) : null;
  },
};

function v2Message(m: S2['ChatMessage'], chatId: string): MessageOut {
  const id = String(m.id);
  return {
    id: gid('v2', 'Message', JSON.stringify([chatId, id])),
    text: m.text || null,
    sentAt: m.sent_at ?? null,
    sender: m.sent_from == null ? null : { address: m.sent_from },
    reactions: (m.reactions ?? []).map((r) => ({
      type: String(r.reaction).toUpperCase(),
      customEmoji: null,
      handle: r.from_phone == null ? null : { address: r.from_phone },
    })),
  };
}

const V2_PLAN: DialectPlan = {
  listMessages: (chatId, limit) =>
    `/api/partner/v2/chats/${chatId}/chat_messages?page=1&per_page=${limit}`,
  listChats: (phone, limit) =>
    `/api/partner/v2/chats?phone_number=${encodeURIComponent(phone)}&page=1&per_page=${limit}`,
  getMessage: (chatId, id) => `/api/partner/v2/chats/${chatId}/chat_messages/${id}`,
  messages: (body, chatId) =>
    (body as { data: S2['ChatMessage'][] }).data.map((m) => v2Message(m, chatId)),
  chats: (body) =>
    (body as { data: S2['Chat'][] }).data.map((c) => ({
      id: String(c.id),
      displayName: c.display_name ?? null,
    })),
  message: (body, chatId) => v2Message((body as { data: S2['ChatMessage'] }).data, chatId),
};

/** The upstream paths of each dialect (also the direct calls the bench measures). */
export const PLANS: Record<Dialect, DialectPlan> = { v2: V2_PLAN, v3: V3_PLAN };

/**
 * Reads a JSON path from the upstream with a caller's Authorization header, sent in the header
 * its dialect names the token in (as the gateway sends it). Also used by jit-floor.ts.
 */
export function upstreamReader(options: {
  upstream: string;
  dialect: Dialect;
  connections?: number;
}) {
  const pool = new Pool(options.upstream, {
    connections: options.connections ?? 64,
    keepAliveTimeout: 30_000,
  });
  const tokenHeader =
    options.dialect === 'v2'
      ? (authorization: string) => ({
          'x-linq-integration-token': authorization.replace(/^Bearer\s+/i, ''),
        })
      : (authorization: string) => ({ authorization });
  const get = async (path: string, authorization: string): Promise<unknown> => {
    const headers = { ...tokenHeader(authorization), accept: 'application/json' };
    const res = await pool.request({ method: 'GET', path, headers });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`upstream ${res.statusCode}`);
    }
    return res.body.json();
  };
  return { get, close: () => pool.close() };
}

/** The key of a global id (base64url of "lq1:dialect:Type:key"). */
export const keyOf = (id: string) =>
  Buffer.from(id, 'base64url').toString('utf8').split(':').slice(3).join(':');

export function createCeiling(options: {
  upstream: string;
  dialect?: Dialect;
  connections?: number;
}) {
  const dialect = options.dialect ?? 'v3';
  const plan = PLANS[dialect];
  const reader = upstreamReader({ ...options, dialect });
  const get = reader.get;

  // Scenario 1 selects the chat's id and its messages: the list call alone proves the chat.
  const s1 = async (id: string, auth: string) => {
    const chatId = keyOf(id);
    const nodes = plan.messages(await get(plan.listMessages(chatId, 25), auth), chatId);
    return { chat: { id: gid(dialect, 'Chat', chatId), messages: { nodes } } };
  };

  const s2 = async (phone: string, auth: string) => {
    const chats = plan.chats(await get(plan.listChats(phone, 10), auth));
    const nodes = await Promise.all(
      chats.map(async (chat) => {
        const id = gid(dialect, 'Chat', chat.id);
        const ref = { id, displayName: chat.displayName };
        const page = plan.messages(await get(plan.listMessages(chat.id, 10), auth), chat.id);
        const messages = page.map((m) => ({ id: m.id, text: m.text, sender: m.sender, chat: ref }));
        return { id, messages: { nodes: messages } };
      }),
    );
    return { chats: { nodes } };
  };

  const s3 = async (id: string, auth: string) => {
    const [chatId, msgId] = JSON.parse(keyOf(id)) as [string, string];
    const m = plan.message(await get(plan.getMessage(chatId, msgId), auth), chatId);
    if (!m) return { node: null };
    return { node: { id: m.id, text: m.text, sentAt: m.sentAt, sender: m.sender } };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      operationName?: string;
      variables?: Record<string, string>;
    };
    const auth = req.headers.authorization;
    if (!auth) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"no Authorization header"}]}');
      return;
    }
    const v = body.variables ?? {};
    let data: unknown;
    if (body.operationName === 'S1') data = await s1(v.id ?? '', auth);
    else if (body.operationName === 'S2') data = await s2(v.phone ?? '', auth);
    else if (body.operationName === 'S3') data = await s3(v.id ?? '', auth);
    else {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"unknown operation"}]}');
      return;
    }
    const json = JSON.stringify({ data });
    res.writeHead(200, {
      'content-type': 'application/graphql-response+json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
  });
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await reader.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ceiling = createCeiling({
    upstream: process.env.UPSTREAM ?? 'http://127.0.0.1:4010',
    dialect: process.env.DIALECT === 'v2' ? 'v2' : 'v3',
    connections: Number(process.env.CONNECTIONS ?? 64),
  });
  ceiling.server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = ceiling.server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` })}\n`);
  });
  process.once('SIGTERM', () => void ceiling.close().then(() => process.exit(0)));
}
