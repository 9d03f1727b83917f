/** MAX_BODY_SIZE: a JSON body over the configured cap is refused before any upstream call. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { RunningGateway } from '../../src/server.js';
import { startInstance } from '../helpers/rig.js';

describe('MAX_BODY_SIZE', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const env = { LOG_LEVEL: 'silent', MAX_BODY_SIZE: '4096' };
    expect(loadConfig(env).maxBodySize).toBe(4096);
    gateway = await startInstance(env);
  });
  afterAll(() => gateway.close());

  const post = (query: string) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('accepts a body under the cap', async () => {
    const response = await post('{ phoneNumbers { number } }');
    expect(response.status).toBe(200);
  });

  it('refuses a body over the cap with 413 and makes no upstream call', async () => {
    gateway.sandbox!.controls.resetCounts();
    const response = await post(`{ phoneNumbers { number } } # ${'x'.repeat(5000)}`);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions?: { code?: string } }[] };
    expect(body.errors[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(gateway.sandbox!.controls.count()).toBe(0);
  });

  it('caps a chunked body (no Content-Length) as it streams', async () => {
    gateway.sandbox!.controls.resetCounts();
    const text = JSON.stringify({ query: `{ phoneNumbers { number } } # ${'x'.repeat(5000)}` });
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(gateway.sandbox!.controls.count()).toBe(0);
  });
});
