// A real node:http webhook receiver that mounts handleWebhookRequest (WHATWG Request/Response)
// at POST /webhooks/linq/v2 and /webhooks/linq/v3, with scriptable faults for retry tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ChatEventBus } from '../../../src/realtime/pubsub/index.js';
import {
  handleWebhookRequest,
  type ChatEvent,
  type WebhookReceiverDeps,
} from '../../../src/realtime/webhooks/index.js';

export interface ReceivedRequest {
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  /** Every answered request, in order. */
  requests: ReceivedRequest[];
  /** Answer the next `times` requests with `status` instead of handling them. */
  failNext(status: number, times?: number): void;
  /** Hold every request without answering until release() (or close()). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half',
  } as RequestInit);
}

export async function startReceiver(
  depsFor: (dialect: 'v2' | 'v3') => WebhookReceiverDeps,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let failures: { status: number; times: number } | null = null;
  let held: Array<() => void> | null = null;
  const origin = { value: '' };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (held) await new Promise<void>((resolve) => held?.push(resolve));
      const path = (req.url ?? '').split('?')[0] ?? '';
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      if (failures && failures.times > 0) {
        failures.times -= 1;
        req.resume();
        requests.push({ path, status: failures.status, headers, body: '' });
        res.writeHead(failures.status).end();
        return;
      }
      const match = /^\/webhooks\/linq\/(v2|v3)$/.exec(path);
      if (!match) {
        req.resume();
        res.writeHead(404).end();
        return;
      }
      const request = toRequest(req, origin.value);
      const copy = request.clone();
      const response = await handleWebhookRequest(request, depsFor(match[1] as 'v2' | 'v3'));
      const body = await copy.text().catch(() => '');
      requests.push({ path, status: response.status, headers, body });
      const text = response.status === 204 ? '' : await response.text();
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(text);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(599).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin.value = `http://127.0.0.1:${port}`;
  return {
    url: origin.value,
    requests,
    failNext: (status, times = 1) => {
      failures = { status, times };
    },
    hold: () => {
      held = [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const w of waiting) w();
    },
    close: () =>
      new Promise<void>((resolve) => {
        const waiting = held ?? [];
        held = null;
        for (const w of waiting) w();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A receiver whose accepted events are published on `bus` (and recorded in `seen`, when given);
 * `depsFor` gives each dialect's secrets and deduper.
 */
export function startBusReceiver(
  bus: ChatEventBus,
  depsFor: (dialect: 'v2' | 'v3') => Pick<WebhookReceiverDeps, 'secrets' | 'dedupe'>,
  seen?: ChatEvent[],
): Promise<Receiver> {
  return startReceiver((dialect) => ({
    dialect,
    ...depsFor(dialect),
    publish: async (event) => {
      seen?.push(event);
      await bus.publish(event);
    },
  }));
}
