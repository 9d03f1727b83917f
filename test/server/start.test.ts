/**
 * `npm start` in miniature: startGateway with no upstream configured serves GraphQL over real
 * HTTP with the embedded sandbox behind it, and closes cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server.js';
import { captureLogs } from '../helpers/logs.js';
import { startInstance } from '../helpers/rig.js';

describe('startGateway (default config: embedded sandbox)', () => {
  let gateway: RunningGateway;
  const logs = captureLogs('info');

  beforeAll(async () => {
    // Compiled execution on, as `npm start` has it.
    gateway = await startInstance({ LOG_LEVEL: 'info', GRAPHQL_JIT: 'true' }, logs.logger);
  });
  afterAll(() => gateway.close());

  it('starts the sandbox and says which upstream it uses', () => {
    expect(gateway.sandbox).not.toBeNull();
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const upstreamLine = logs.records().find((l) => l.upstream);
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
