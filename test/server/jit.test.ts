/**
 * Compiled execution (plugins/use-jit.ts): graphql-jit caches one compiled operation per parsed
 * document, so a document with two operations must still run the one each request names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createLinqClient } from '../../src/upstream/index.js';
import type { LinqApi } from '../../src/upstream/model.js';
import { createGatewayYoga } from '../../src/yoga.js';
import { openAccess } from '../../src/auth/index.js';

describe('compiled execution', () => {
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

  it('runs the named operation of a document that holds several', async () => {
    const yoga = createGatewayYoga({ auth: openAccess(), api, graphiql: false });
    const query = 'query A { a: __typename } query B { b: __typename }';
    const run = async (operationName: string) => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName }),
      });
      return (await response.json()) as { data?: Record<string, string> };
    };
    for (let i = 0; i < 3; i++) {
      expect((await run('A')).data).toEqual({ a: 'Query' });
      expect((await run('B')).data).toEqual({ b: 'Query' });
    }
  });

  it('lets a client omit a non-null variable that has a default', async () => {
    const yoga = createGatewayYoga({ auth: openAccess(), api, graphiql: false });
    const query = 'query C($skip: Boolean! = true) { a: __typename @skip(if: $skip) b: __typename }';
    for (const variables of [{}, { skip: false }, {}]) {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, string>; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual('skip' in variables ? { a: 'Query', b: 'Query' } : { b: 'Query' });
    }
  });
});
