/**
 * `npm start` in miniature: startGateway with no upstream configured serves GraphQL over real
 * HTTP with the embedded sandbox behind it, and closes cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/server.js';

describe('startGateway (default config: embedded sandbox)', () => {
  let gateway: RunningGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = { write: (line: string) => lines.push(line) > 0 };
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    gateway = await startGateway(config, createLogger(config.logLevel, sink));
  });
  afterAll(() => gateway.close());

  it('starts the sandbox and says which upstream it uses', () => {
    expect(gateway.sandbox).not.toBeNull();
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const upstreamLine = lines.map((l) => JSON.parse(l)).find((l) => l.upstream);
    expect(upstreamLine).toMatchObject({ upstream: gateway.sandbox!.url, dialect: 'v3' });
  });

  it('answers GraphQL over HTTP with the sandbox data', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ phoneNumbers { number } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { phoneNumbers: { number: string }[] } };
    const expected = gateway.sandbox!.store.fixtures().primaryPhones;
    expect(body.data.phoneNumbers.map((p) => p.number)).toEqual(expected);
    expect(gateway.sandbox!.controls.count('GET /v3/phone_numbers')).toBe(1);
  });

  it('serves GraphiQL to browsers', async () => {
    const response = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });
});
