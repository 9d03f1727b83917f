/**
 * Compiled execution (plugins/use-jit.ts): graphql-jit caches one compiled operation per parsed
 * document, so a document with two operations must still run the one each request names.
 */
import { describe, expect, it } from 'vitest';
import { post } from '../helpers/graphql.js';
import { useRig } from '../helpers/rig.js';

describe('compiled execution', () => {
  const t = useRig();

  it('runs the named operation of a document that holds several', async () => {
    const yoga = t.rig.yogaWith({});
    const query = 'query A { a: __typename } query B { b: __typename }';
    const run = (operationName: string) =>
      post<Record<string, string>>(yoga, query, undefined, { operationName });
    for (let i = 0; i < 3; i++) {
      expect((await run('A')).data).toEqual({ a: 'Query' });
      expect((await run('B')).data).toEqual({ b: 'Query' });
    }
  });

  it('lets a client omit a non-null variable that has a default', async () => {
    const yoga = t.rig.yogaWith({});
    const query =
      'query C($skip: Boolean! = true) { a: __typename @skip(if: $skip) b: __typename }';
    for (const variables of [{}, { skip: false }, {}]) {
      const body = await post<Record<string, string>>(yoga, query, variables);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual('skip' in variables ? { a: 'Query', b: 'Query' } : { b: 'Query' });
    }
  });
});
