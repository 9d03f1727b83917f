/**
 * Every operation limit is hit once and answers with a stable `extensions.code`, before any
 * upstream call. The defaults were measured on the project's realistic documents (see
 * `measured depth` below and the README's configuration table).
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHATS_DOCUMENT } from '../../src/graphiql/default-documents.js';
import { createOperations, type OperationsOptions } from '../../src/plugins/use-operations.js';
import { LIMIT_DEFAULTS } from '../../src/limits/use-limits.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { ChatMessages } from '../schema/documents.js';
import { JSON_ONLY, post, type ExecuteResult } from '../helpers/graphql.js';

const URL = 'http://gateway.test/graphql';

/** chat → messages → nodes → chat → … : `levels` fields deep. */
function deepQuery(levels: number): string {
  const steps = ['messages(first: 1)', 'nodes', 'chat'];
  let body = '__typename';
  for (let i = levels - 2; i > 0; i--) body = `${steps[(i - 1) % 3]} { ${body} }`;
  return `query Deep($id: ID!) { chat(id: $id) { ${body} } }`;
}

describe('operation limits', () => {
  let rig: Rig;
  let chatId: string;

  beforeAll(async () => {
    rig = await startRig({ dialect: 'v3' });
    chatId = chatGlobalId('v3', rig.fixtures.bigChat);
  });
  afterAll(() => rig.close());

  const gateway = (operations?: OperationsOptions) =>
    rig.yogaWith(operations ? { operations: createOperations(operations) } : {});

  /** Runs a document on a gateway and returns its result and the upstream calls it made. */
  async function run(
    query: string,
    variables: Record<string, unknown> = {},
    yoga = gateway(),
  ): Promise<ExecuteResult<Record<string, unknown>> & { upstream: number }> {
    rig.resetCounts();
    const result = await post(yoga, query, variables, JSON_ONLY);
    return { ...result, upstream: rig.sandbox.controls.count() };
  }

  const only = (r: ExecuteResult<Record<string, unknown>>) => {
    expect(r.errors).toHaveLength(1);
    return r.errors![0]!;
  };

  it(`depth: over ${LIMIT_DEFAULTS.maxDepth} levels is DEPTH_LIMIT_EXCEEDED`, async () => {
    const ok = await run(deepQuery(LIMIT_DEFAULTS.maxDepth), { id: chatId });
    expect(ok.errors).toBeUndefined();
    const r = await run(deepQuery(LIMIT_DEFAULTS.maxDepth + 1), { id: chatId });
    expect(only(r)).toMatchObject({
      message: `Query depth limit of ${LIMIT_DEFAULTS.maxDepth} exceeded, found 13.`,
      extensions: { code: 'DEPTH_LIMIT_EXCEEDED', limit: 12, found: 13 },
    });
    expect(r.data).toBeUndefined();
    expect(r.upstream).toBe(0);
  });

  it('measured depth: the deepest realistic documents are 10 deep, under the default', async () => {
    // ChatMessages (test/schema/documents.ts, with its MessageFields fragment) and the README's
    // query are 10 deep as Armor counts (a fragment spread or inline fragment is a level);
    // GraphiQL's default document is 8.
    const chatMessages = print(ChatMessages);
    const phone = { phone: rig.fixtures.primaryPhone };
    const nine = gateway({ limits: { maxDepth: 9 } });
    expect(only(await run(chatMessages, { id: chatId, first: 2 }, nine)).extensions).toEqual({
      code: 'DEPTH_LIMIT_EXCEEDED',
      limit: 9,
      found: 10,
    });
    expect((await run(CHATS_DOCUMENT, phone, nine)).errors).toBeUndefined();
    const seven = gateway({ limits: { maxDepth: 7 } });
    expect(only(await run(CHATS_DOCUMENT, phone, seven)).extensions).toMatchObject({ found: 8 });
    expect((await run(chatMessages, { id: chatId, first: 2 })).errors).toBeUndefined();
  });

  it('introspection is not counted against the depth limit', async () => {
    const query = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType {
      ofType { ofType { ofType { name } } } } } } } } } } } }`;
    const r = await run(query, {}, gateway({ limits: { maxDepth: 3 } }));
    expect(r.errors).toBeUndefined();
  });

  it('aliases: 16 is ALIAS_LIMIT_EXCEEDED (15 pass; __typename aliases are free)', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: phoneNumbers { number }`).join(' ')}
         ${Array.from({ length: 20 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await run(aliases(15))).errors).toBeUndefined();
    const r = await run(aliases(16));
    expect(only(r).extensions).toEqual({ code: 'ALIAS_LIMIT_EXCEEDED', limit: 15, found: 16 });
    expect(r.upstream).toBe(0);
  });

  it('tokens: over 1000 is TOKEN_LIMIT_EXCEEDED, while parsing', async () => {
    const r = await run(`{ phoneNumbers { ${'number '.repeat(1000)} } }`);
    expect(only(r)).toMatchObject({
      message: 'Token limit of 1000 exceeded.',
      extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: 1000 },
    });
    expect(r.upstream).toBe(0);
  });

  it('directives: over 50 is DIRECTIVE_LIMIT_EXCEEDED', async () => {
    const r = await run(`{ phoneNumbers { ${'number @include(if: true) '.repeat(51)} } }`);
    expect(only(r).extensions).toEqual({ code: 'DIRECTIVE_LIMIT_EXCEEDED', limit: 50, found: 51 });
  });

  it('cost: over the limit is COST_LIMIT_EXCEEDED', async () => {
    const query = `query($p: String!) { chats(phoneNumber: $p, first: 10) { nodes { id
      messages(first: 10) { nodes { id text } } } } }`;
    const variables = { p: rig.fixtures.primaryPhone };
    expect((await run(query, variables)).errors).toBeUndefined(); // under the default
    const r = await run(query, variables, gateway({ limits: { maxCost: 100 } }));
    expect(only(r).extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 100 });
    expect(r.upstream).toBe(0);
  });

  it('batched requests are refused unless turned on', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const postBatch = (yoga: ReturnType<typeof gateway>) =>
      yoga.fetch(URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: batch,
      });
    const off = await postBatch(gateway());
    expect(off.status).toBe(400);
    expect(await off.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const on = rig.yogaWith({ batching: { limit: 2 } });
    expect(await (await postBatch(on)).json()).toHaveLength(2);
  });

  it('request body: over the cap is 413 REQUEST_ENTITY_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(26e6) } });
    const response = await gateway().fetch(URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
  });

  it('CSRF: multipart and GET need a preflight header (403 CSRF_HEADER_REQUIRED)', async () => {
    const yoga = gateway();
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }' }));
    form.set('map', '{}');
    const multipart = await yoga.fetch(URL, { method: 'POST', body: form });
    expect(multipart.status).toBe(403);
    expect(await multipart.json()).toMatchObject({
      errors: [{ extensions: { code: 'CSRF_HEADER_REQUIRED' } }],
    });
    const get = await yoga.fetch(`${URL}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    const withHeader = await yoga.fetch(`${URL}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('introspection off: INTROSPECTION_DISABLED, and no field suggestions', async () => {
    const closed = gateway({ introspection: false });
    const introspection = [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Chat") { name } }',
      '{ _service { sdl } }',
    ];
    for (const query of introspection) {
      const r = await run(query, {}, closed);
      expect(only(r).extensions).toEqual({ code: 'INTROSPECTION_DISABLED' });
    }
    expect((await run('{ __typename }', {}, closed)).data).toEqual({ __typename: 'Query' });
    const typo = '{ phoneNumbers { numbr } }';
    expect(only(await run(typo)).message).toContain('Did you mean "number"?');
    const hidden = only(await run(typo, {}, closed));
    expect(hidden.message).not.toContain('number"');
    expect(hidden.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('per-field timeout: a late read fails alone with UPSTREAM_UNAVAILABLE', async () => {
    const slow = rig.yogaWith({ readTimeoutMs: 200 });
    rig.sandbox.controls.injectFault({
      route: 'GET /v3/chats/{chatId}',
      fault: { type: 'delay', ms: 1_000 },
    });
    try {
      const r = await post<{ chat: null; phoneNumbers: unknown[] }>(
        slow,
        'query($id: ID!) { chat(id: $id) { id } phoneNumbers { number } }',
        { id: chatId },
        JSON_ONLY,
      );
      expect(only(r)).toMatchObject({
        path: ['chat'],
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      });
      expect(only(r).message).toMatch(/deadline/);
      expect(r.data?.chat).toBeNull();
      expect(r.data?.phoneNumbers.length).toBeGreaterThan(0);
    } finally {
      rig.sandbox.controls.clearFaults();
    }
  });
});
