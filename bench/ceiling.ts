/**
 * The practical ceiling: a hand-written node:http + undici service that answers scenarios 1–3
 * with the same JSON as the gateway, from the same upstream calls, with no GraphQL at all (the
 * operation is picked by `operationName`, the query text is ignored). What the gateway spends
 * beyond this is the price of GraphQL, Pothos, Yoga and our own layers.
 *
 * Env: UPSTREAM (origin), LINQ_TOKEN, PORT, CONNECTIONS (default 64, the gateway's default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { components } from '../src/upstream/types/v3.js';

type S = components['schemas'];
type Part = { type: string; value?: string; reactions?: S['Reaction'][] | null };

const gid = (typename: string, key: string) =>
  Buffer.from(`lq1:v3:${typename}:${key}`, 'utf8').toString('base64url');
const messageId = (m: S['Message']) => gid('Message', JSON.stringify([m.chat_id, m.id]));

function text(m: S['Message']): string | null {
  const texts: string[] = [];
  for (const p of (m.parts ?? []) as Part[]) if (p.type === 'text') texts.push(p.value ?? '');
  return texts.length > 0 ? texts.join('\n') : null;
}

function sender(m: S['Message']) {
  const address = m.from_handle?.handle ?? m.from ?? null;
  return address === null ? null : { address };
}

function reactions(m: S['Message']) {
  const out: { type: string; customEmoji: string | null; handle: { address: string } }[] = [];
  for (const p of (m.parts ?? []) as Part[]) {
    for (const r of p.reactions ?? []) {
      out.push({
        type: r.type.toUpperCase(),
        customEmoji: r.custom_emoji ?? null,
        handle: { address: r.handle.handle },
      });
    }
  }
  return out;
}

export function createCeiling(options: { upstream: string; token: string; connections?: number }) {
  const pool = new Pool(options.upstream, {
    connections: options.connections ?? 64,
    keepAliveTimeout: 30_000,
  });
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  const get = async <T>(path: string): Promise<T> => {
    const res = await pool.request({ method: 'GET', path: `/api/partner/v3${path}`, headers });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`upstream ${res.statusCode}`);
    }
    return (await res.body.json()) as T;
  };

  const s1 = async (id: string) => {
    const chatId = Buffer.from(id, 'base64url').toString('utf8').split(':')[3] ?? '';
    const [chat, page] = await Promise.all([
      get<S['Chat']>(`/chats/${chatId}`),
      get<S['GetMessagesResult']>(`/chats/${chatId}/messages?limit=25`),
    ]);
    const nodes = page.messages.map((m) => ({
      id: messageId(m),
      text: text(m),
      sentAt: m.sent_at ?? null,
      sender: sender(m),
      reactions: reactions(m),
    }));
    return {
      chat: {
        id: gid('Chat', chat.id),
        displayName: chat.display_name ?? null,
        messages: { nodes },
      },
    };
  };

  const s2 = async (phone: string) => {
    const list = await get<S['ListChatsResult']>(
      `/chats?from=${encodeURIComponent(phone)}&limit=10`,
    );
    const nodes = await Promise.all(
      list.chats.map(async (chat) => {
        const id = gid('Chat', chat.id);
        const page = await get<S['GetMessagesResult']>(`/chats/${chat.id}/messages?limit=10`);
        const ref = { id, displayName: chat.display_name ?? null };
        const messages = page.messages.map((m) => ({
          id: messageId(m),
          text: text(m),
          sender: sender(m),
          chat: ref,
        }));
        return { id, messages: { nodes: messages } };
      }),
    );
    return { chats: { nodes } };
  };

  const s3 = async (id: string) => {
    const key = Buffer.from(id, 'base64url').toString('utf8').split(':').slice(3).join(':');
    const [chatId, msgId] = JSON.parse(key) as [string, string];
    const m = await get<S['Message']>(`/messages/${msgId}`);
    if (m.chat_id !== chatId) return { node: null };
    return {
      node: { id: messageId(m), text: text(m), sentAt: m.sent_at ?? null, sender: sender(m) },
    };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      operationName?: string;
      variables?: Record<string, string>;
    };
    const v = body.variables ?? {};
    let data: unknown;
    if (body.operationName === 'S1') data = await s1(v.id ?? '');
    else if (body.operationName === 'S2') data = await s2(v.phone ?? '');
    else if (body.operationName === 'S3') data = await s3(v.id ?? '');
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
      await pool.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ceiling = createCeiling({
    upstream: process.env.UPSTREAM ?? 'http://127.0.0.1:4010',
    token: process.env.LINQ_TOKEN ?? 'sandbox-token',
    connections: Number(process.env.CONNECTIONS ?? 64),
  });
  ceiling.server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = ceiling.server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` })}\n`);
  });
  process.once('SIGTERM', () => void ceiling.close().then(() => process.exit(0)));
}
