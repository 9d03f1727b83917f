/**
 * `npm run bench:soak` (also run by `npm run bench` when BENCH_SOAK_SECONDS is set): the gateway
 * (src/server.ts through tsx, embedded sandbox, webhooks on) under a mix of reads, writes and
 * SSE subscriptions while faults are injected into the sandbox every second (503s, resets,
 * slow answers, bad JSON). Bounded in time: SOAK_SECONDS (default 120). Reports the gateway's
 * own 5xx (the upstream's failures arrive as GraphQL errors with UPSTREAM_UNAVAILABLE, not as
 * 5xx), masked internal errors, unhandled errors it logged, whether it is still alive, and its
 * RSS after warm-up (first quarter) against the end. Exits 1 when a check fails.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './contenders.js';
import { freePort, rssMb, start, waitForHttp } from './proc.js';
import { globalId } from './scenarios.js';

const WORKERS = Number(process.env.SOAK_WORKERS ?? 8);
const CHAT = 'GET /v3/chats/{chatId}';
const FAULT_ROUTES = [CHAT, 'GET /v3/chats/{chatId}/messages', 'POST /v3/chats/{chatId}/messages'];
const FAULTS = [
  { type: 'status', status: 503 },
  { type: 'reset' },
  { type: 'delay', ms: 1500 },
  { type: 'malformed-json' },
  { type: 'rate-limit', retryAfter: 1 },
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  codes: Map<string, number>;
  subscriptions: number;
  events: number;
}

/** Runs the soak for `seconds`; returns the report lines and whether every check held. */
export async function runSoak(seconds: number): Promise<{ lines: string[]; ok: boolean }> {
  const port = await freePort();
  const sandboxPort = await freePort();
  const gateway = start(
    'gateway',
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/server.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        GRAPHIQL: 'false',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        LINQ_READ_TIMEOUT_MS: '3000',
        LINQ_WRITE_TIMEOUT_MS: '3000',
        LINQ_BREAKER_HALF_OPEN_MS: '1000',
      },
    },
  );
  const stdout: string[] = [];
  gateway.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  const url = `http://127.0.0.1:${port}/graphql`;
  const sandbox = `http://127.0.0.1:${sandboxPort}`;
  await waitForHttp(gateway, url, JSON.stringify({ query: '{ __typename }' }));
  const info = (await (await fetch(`${sandbox}/__sandbox/info`)).json()) as {
    bigChat?: { uuid: string };
  };
  const uuid = info.bigChat?.uuid;
  if (!uuid) throw new Error('sandbox info has no bigChat');
  const chatId = globalId('v3', 'Chat', uuid);

  const tally: Tally = {
    requests: 0,
    byStatus: new Map(),
    codes: new Map(),
    subscriptions: 0,
    events: 0,
  };
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    tally.requests++;
    count(tally.byStatus, res.status);
    const body = (await res.json().catch(() => ({}))) as {
      errors?: { extensions?: { code?: string } }[];
    };
    for (const e of body.errors ?? []) count(tally.codes, e.extensions?.code ?? 'NONE');
  };
  const read = () =>
    graphql(
      'query($id: ID!) { chat(id: $id) { id displayName messages(first: 10) { edges { node { id text } } } } }',
      { id: chatId },
    );
  let sent = 0;
  const write = () =>
    graphql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }', {
      input: { chatId, text: `soak ${sent}`, idempotencyKey: `soak-${process.pid}-${sent++}` },
    });
  const subscribe = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1000 + Math.random() * 2000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({
          query: 'subscription($id: ID!) { messageAdded(chatId: $id) { node { id } } }',
          variables: { id: chatId },
        }),
        signal: controller.signal,
      });
      tally.subscriptions++;
      count(tally.byStatus, res.status);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        tally.events += Buffer.from(chunk).toString('utf8').split('event: next').length - 1;
      }
    } catch {
      // aborted on purpose
    } finally {
      clearTimeout(timer);
    }
  };

  const started = Date.now();
  const end = started + seconds * 1000;
  const rss: { at: number; mb: number }[] = [];
  const sampler = setInterval(() => {
    const mb = rssMb(gateway.pid);
    if (mb !== null) rss.push({ at: Date.now() - started, mb });
  }, 2000);
  const injector = setInterval(() => {
    const rule = {
      route: pick(FAULT_ROUTES),
      times: 1 + Math.floor(Math.random() * 3),
      fault: pick(FAULTS),
    };
    fetch(`${sandbox}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    }).catch(() => undefined);
  }, 1000);
  const worker = async () => {
    while (Date.now() < end) {
      const r = Math.random();
      await (r < 0.7 ? read() : r < 0.9 ? write() : subscribe()).catch(() =>
        count(tally.codes, 'CLIENT_ERROR'),
      );
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  clearInterval(sampler);
  clearInterval(injector);
  await sleep(200);
  const alive = gateway.child.exitCode === null && gateway.child.signalCode === null;
  const logged = stdout.join('');
  const unhandled = (logged.match(/unhandled promise rejection|uncaught exception/g) ?? []).length;
  await gateway.stop();

  const gateway5xx = [...tally.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const masked = tally.codes.get('INTERNAL_SERVER_ERROR') ?? 0;
  const warm = rss.filter((s) => s.at >= (seconds * 1000) / 4);
  const first = warm[0]?.mb ?? null;
  const last = warm.at(-1)?.mb ?? null;
  const peak = Math.max(...warm.map((s) => s.mb));
  const growth = first !== null && last !== null ? ((last - first) / first) * 100 : null;
  const lines = [
    `soak: ${seconds} s, ${WORKERS} workers, faults every 1 s on ${FAULT_ROUTES.length} routes`,
    `requests: ${tally.requests} (${(tally.requests / seconds).toFixed(0)}/s), subscriptions: ${tally.subscriptions}, events: ${tally.events}`,
    `HTTP statuses: ${JSON.stringify(Object.fromEntries(tally.byStatus))}`,
    `GraphQL error codes: ${JSON.stringify(Object.fromEntries(tally.codes))}`,
    `gateway 5xx: ${gateway5xx}; masked INTERNAL_SERVER_ERROR: ${masked}; unhandled errors logged: ${unhandled}; alive at end: ${alive}`,
    `RSS after warm-up ${first?.toFixed(1)} MB, at end ${last?.toFixed(1)} MB (${growth?.toFixed(1)} %), peak ${peak.toFixed(1)} MB`,
  ];
  return { lines, ok: alive && gateway5xx === 0 && masked === 0 && unhandled === 0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { lines, ok } = await runSoak(Number(process.env.SOAK_SECONDS ?? 120));
  console.log(lines.join('\n'));
  process.exitCode = ok ? 0 : 1;
}
