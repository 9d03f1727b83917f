/** createGatewayYoga wiring: GraphiQL on/off (served offline) and the endpoint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createLinqClient } from '../../src/upstream/index.js';
import type { LinqApi } from '../../src/upstream/model.js';
import { createGatewayYoga } from '../../src/yoga.js';
import { openAccess } from '../../src/auth/index.js';

describe('createGatewayYoga', () => {
  let sandbox: Sandbox;
  let api: LinqApi;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = createLinqClient({ baseUrl: sandbox.url, dialect: 'v3', token: sandbox.tokens.primary });
  });
  afterAll(async () => {
    await api.close();
    await sandbox.close();
  });

  const page = (graphiql?: boolean) =>
    createGatewayYoga({ auth: openAccess(), api, ...(graphiql === undefined ? {} : { graphiql }) }).fetch(
      'http://gateway.test/graphql',
      { headers: { accept: 'text/html' } },
    );

  it('serves GraphiQL by default, with assets from the gateway itself', async () => {
    const response = await page();
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('/graphql/graphiql/graphiql.js');
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./);
  });

  it('graphiql: false serves no page', async () => {
    const response = await page(false);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});
