// createWebhookRouter behind a real node:http server: routes only configured dialects.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryDeduper,
  createWebhookRouter,
  type ChatEvent,
} from '../../src/realtime/webhooks/index.js';
import { toRequest } from './helpers/receiver.js';

const SECRET = 'whsec_router';
let server: Server;
let url = '';
const published: ChatEvent[] = [];

beforeAll(async () => {
  const router = createWebhookRouter({
    basePath: '/hooks/linq/',
    secrets: { v3: [SECRET] },
    dedupe: createMemoryDeduper(),
    publish: (e) => void published.push(e),
  });
  server = createServer((req, res) => {
    void (async () => {
      const response = await router(toRequest(req, url));
      if (!response) {
        req.resume();
        res.writeHead(404).end();
        return;
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createWebhookRouter', () => {
  it('handles the configured dialect and leaves other paths to the host', async () => {
    const body = JSON.stringify({
      api_version: 'v3',
      event_type: 'chat.typing_indicator.stopped',
      event_id: 'router-1',
      created_at: 'now',
      data: { chat_id: 'c1' },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
    const headers = { 'x-webhook-timestamp': ts, 'x-webhook-signature': sig };
    const ok = await fetch(`${url}/hooks/linq/v3`, { method: 'POST', headers, body });
    expect(ok.status).toBe(204);
    expect(published).toEqual([expect.objectContaining({ type: 'typing', isTyping: false })]);
    // v2 has no secret configured: not routed.
    expect((await fetch(`${url}/hooks/linq/v2`, { method: 'POST', body })).status).toBe(404);
    expect((await fetch(`${url}/graphql`, { method: 'POST', body })).status).toBe(404);
  });
});
