/**
 * Browser hygiene over real HTTP and WebSocket: CORS answers only listed origins (no echo, no
 * credentials unless configured); a WebSocket from a foreign page is refused before it opens;
 * graphql-ws connections authenticate like HTTP (connection params), refused with 4401.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyTable } from './identity.js';
import { startSecuredGateway, type SecuredGateway } from './rig.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

describe('CORS and WebSocket origins', () => {
  const { callers, json } = apiKeyTable([{ name: 'web', phoneNumbers: '*', write: false }]);
  const key = callers[0]!.keys[0]!;
  let gw: SecuredGateway;
  let wsUrl: string;

  beforeAll(async () => {
    gw = await startSecuredGateway({ AUTH_MODES: 'api-key', API_KEYS: json, CORS_ORIGINS: APP });
    wsUrl = gw.gateway.url.replace(/^http/, 'ws');
  });
  afterAll(() => gw.close());

  const preflight = (origin: string) =>
    fetch(gw.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('a foreign origin gets no CORS headers, on the preflight or the request', async () => {
    const pre = await preflight(EVIL);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('access-control-allow-headers')).toBeNull();
    const res = await fetch(gw.gateway.url, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a listed origin gets its own origin back, without credentials', async () => {
    const pre = await preflight(APP);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(APP);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  });

  const upgrade = (origin: string | null) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });

  it('a WebSocket from a foreign page is refused; listed, same-origin and non-browser ones open', async () => {
    expect(await upgrade(EVIL)).toBe(403);
    expect(await upgrade(APP)).toBe(101);
    expect(await upgrade(gw.origin)).toBe(101);
    expect(await upgrade(null)).toBe(101);
  });

  const wsRun = (connectionParams: Record<string, string>) =>
    new Promise<{ data?: unknown; closeCode?: number; errors?: unknown }>((resolve) => {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        on: { closed: (event) => resolve({ closeCode: (event as { code: number }).code }) },
      });
      client.subscribe(
        { query: '{ phoneNumbers { number } }' },
        {
          next: (value) => resolve({ data: value.data, errors: value.errors }),
          error: () => undefined,
          complete: () => void client.dispose(),
        },
      );
    });

  it('graphql-ws authenticates from connection params: valid runs, missing or bad is closed 4401', async () => {
    const ok = await wsRun({ 'x-api-key': key });
    expect(ok.errors).toBeUndefined();
    expect((ok.data as { phoneNumbers: unknown[] }).phoneNumbers.length).toBeGreaterThan(0);
    gw.resetCalls();
    expect((await wsRun({})).closeCode).toBe(4401);
    expect((await wsRun({ 'x-api-key': 'lqk_wrong' })).closeCode).toBe(4401);
    expect(gw.upstreamCalls()).toBe(0);
  });
});
