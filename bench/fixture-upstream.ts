/**
 * The fixture upstream: a fast stand-in for Linq so the contenders, not the upstream, are
 * measured. It answers both dialects' routes (v2 and v3, as the spec shapes them) from memory
 * with responses precomputed by the embedded sandbox (seeded store): the first request for a
 * method + URL is passed to a sandbox running in this process (as the seeded primary account),
 * its 2xx response is kept (sandbox origin rewritten to ours), and every later request is a Map
 * lookup. Warm-up fills the cache before anything is measured.
 *
 * Callers are not shared: the bench sends a distinct caller token on every request, and the
 * fixture accepts any `Authorization: Bearer …` (or integration token) as that account; a
 * request without one gets 401, so a contender that drops the caller's token is noticed.
 *
 * Presigned upload PUTs (/uploads/...) are drained and counted, never buffered or forwarded.
 * Control routes under /__bench/ (not counted): GET stats, POST reset, POST v1/traces (an
 * OTLP/HTTP sink that drops what it gets).
 *
 * Run as its own process: `node --import tsx bench/fixture-upstream.ts` prints one JSON line
 * ({ url, info }) when ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startSandbox } from '../src/sandbox/index.js';

export interface FixtureInfo {
  /** The dialect the ids below are in (BENCH_DIALECT). */
  dialect: 'v2' | 'v3';
  phoneNumber: string;
  /** A chat with at least 25 messages (scenario 1, 4 and 5): a v2 integer id or a v3 UUID. */
  chatId: string;
  /** A message of that chat (scenario 3). */
  messageId: string;
  /** The same in v3 ids (the Mesh peer speaks v3 only). */
  v3: { chatId: string; messageId: string };
}

type Discovered = Omit<FixtureInfo, 'v3'>;

export interface FixtureStats {
  /** Upstream calls since the last reset. */
  count: number;
  byRoute: Record<string, number>;
  /** Bytes received by upload PUTs since the last reset. */
  uploadBytes: number;
}

interface Cached {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const FORWARD = ['content-type', 'idempotency-key'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const routeOf = (method: string, path: string) =>
  `${method} ${path.replace(UUID, '{id}').replace(/\/\d+(?=\/|$)/g, '/{n}')}`;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFixtureUpstream(
  options: { port?: number; host?: string; dialect?: 'v2' | 'v3' } = {},
) {
  const sandbox = await startSandbox({ port: 0 });
  const sandboxToken = sandbox.tokens.primary;
  const cache = new Map<string, Cached>();
  let stats: FixtureStats = { count: 0, byRoute: {}, uploadBytes: 0 };
  let origin = '';

  const fill = async (req: IncomingMessage, url: string): Promise<Cached> => {
    // Whatever token the caller sent, the seeded primary account answers (v2 names the token
    // in its own header).
    const headers: Record<string, string> = url.startsWith('/api/partner/v2/')
      ? { 'x-linq-integration-token': sandboxToken }
      : { authorization: `Bearer ${sandboxToken}` };
    for (const name of FORWARD) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
    const res = await request(sandbox.url + url, {
      method: (req.method ?? 'GET') as 'GET',
      headers,
      body,
    });
    const text = (await res.body.text()).replaceAll(sandbox.url, origin);
    const out: Cached = {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
      body: Buffer.from(text),
    };
    const trace = res.headers['x-trace-id'];
    if (typeof trace === 'string') out.headers['x-trace-id'] = trace;
    return out;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (url.startsWith('/__bench/')) {
      if (method === 'POST' && url === '/__bench/v1/traces') {
        // An OTLP/HTTP sink for a gateway traced under load (BENCH_TRACING=1): read, drop.
        req.resume();
        req.on('end', () => {
          const json = String(req.headers['content-type']).startsWith('application/json');
          res.writeHead(200, {
            'content-type': json ? 'application/json' : 'application/x-protobuf',
          });
          res.end(json ? '{}' : '');
        });
        return;
      }
      if (method === 'POST' && url === '/__bench/reset') {
        stats = { count: 0, byRoute: {}, uploadBytes: 0 };
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      }
      return;
    }
    const path = url.split('?', 1)[0] ?? url;
    const route = routeOf(method, path);
    stats.count++;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    if (method === 'PUT' && path.startsWith('/uploads/')) {
      req.on('data', (chunk: Buffer) => (stats.uploadBytes += chunk.length));
      req.on('end', () => res.writeHead(200, { 'content-length': '0' }).end());
      return;
    }
    const auth = req.headers.authorization ?? req.headers['x-linq-integration-token'];
    if (!auth) {
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"no token"}}');
      return;
    }
    // Writes are keyed without their body: a replayed answer is all a benchmark needs. Any
    // token is the same account, so the token is not part of the key.
    const key = `${method} ${method === 'GET' ? url : path}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = await fill(req, url);
      if (hit.status >= 200 && hit.status < 300) cache.set(key, hit);
    } else if (method !== 'GET') {
      req.resume();
    }
    res.writeHead(hit.status, { ...hit.headers, 'content-length': String(hit.body.length) });
    res.end(hit.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dialect = options.dialect ?? 'v3';
  const v3 = await discover(origin);
  const found = dialect === 'v2' ? await discoverV2(origin) : v3;
  const info: FixtureInfo = { ...found, v3: { chatId: v3.chatId, messageId: v3.messageId } };
  // Precompute a text-only send, so sends with files (whose upload never reaches the sandbox)
  // are answered from the cache too.
  const authorization = 'Bearer bench-setup';
  if (dialect === 'v2') {
    const form = new FormData();
    form.set('message[text]', 'bench');
    await fetch(`${origin}/api/partner/v2/chats/${info.chatId}/chat_messages`, {
      method: 'POST',
      headers: { authorization },
      body: form,
    }).then((r) => r.arrayBuffer());
  } else {
    await fetch(`${origin}/api/partner/v3/chats/${info.chatId}/messages`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { parts: [{ type: 'text', value: 'bench' }] } }),
    }).then((r) => r.arrayBuffer());
  }
  stats = { count: 0, byRoute: {}, uploadBytes: 0 };

  return {
    url: origin,
    info,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}

const getter =
  (origin: string, version: string) =>
  async <T>(path: string): Promise<T> => {
    const res = await fetch(`${origin}/api/partner/${version}${path}`, {
      headers: { authorization: 'Bearer bench-setup' },
    });
    if (!res.ok) throw new Error(`fixture discovery: ${path} → ${res.status}`);
    return (await res.json()) as T;
  };

/** The same seeded data in v2 ids: first number, its chat with the most messages. */
async function discoverV2(origin: string): Promise<Discovered> {
  const get = getter(origin, 'v2');
  const numbers = await get<{ phone_numbers: { phone_number: string }[] }>('/phone_numbers');
  const phoneNumber = numbers.phone_numbers[0]?.phone_number;
  if (!phoneNumber) throw new Error('fixture discovery: no phone number in the seed');
  const from = encodeURIComponent(phoneNumber);
  const chats = await get<{ data: { id: number }[] }>(`/chats?phone_number=${from}&per_page=100`);
  for (const chat of chats.data) {
    const page = await get<{ data: { id: number }[] }>(
      `/chats/${chat.id}/chat_messages?page=1&per_page=25`,
    );
    const first = page.data[0];
    if (page.data.length === 25 && first) {
      return { dialect: 'v2', phoneNumber, chatId: String(chat.id), messageId: String(first.id) };
    }
  }
  throw new Error('fixture discovery: no v2 chat with 25 messages in the seed');
}

/** The seeded data the scenarios use: first number, its chat with the most messages. */
async function discover(origin: string): Promise<Discovered> {
  const get = getter(origin, 'v3');
  const numbers = await get<{ phone_numbers: { phone_number: string }[] }>('/phone_numbers');
  const phoneNumber = numbers.phone_numbers[0]?.phone_number;
  if (!phoneNumber) throw new Error('fixture discovery: no phone number in the seed');
  const from = encodeURIComponent(phoneNumber);
  const chats = await get<{ chats: { id: string }[] }>(`/chats?from=${from}&limit=100`);
  for (const chat of chats.chats) {
    const page = await get<{ messages: { id: string }[] }>(`/chats/${chat.id}/messages?limit=25`);
    const first = page.messages[0];
    if (page.messages.length === 25 && first) {
      return { dialect: 'v3', phoneNumber, chatId: chat.id, messageId: first.id };
    }
  }
  throw new Error('fixture discovery: no chat with 25 messages in the seed');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fixture = await startFixtureUpstream({
    port: Number(process.env.PORT ?? 0),
    dialect: process.env.DIALECT === 'v2' ? 'v2' : 'v3',
  });
  process.stdout.write(`${JSON.stringify({ url: fixture.url, info: fixture.info })}\n`);
  const stop = () => void fixture.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
