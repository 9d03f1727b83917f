/**
 * The fan-out cases of issue 13, over real HTTP against the sandbox: each ends within its limit
 * with a stable code, and the sandbox's recorder proves how many upstream calls it made. The
 * same documents with the limits off (today's behaviour before the limits) show the fan-out.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPSTREAM_CALLS } from '../../src/limits/upstream-budget.js';
import { DEFAULT_MAX_COST } from '../../src/limits/use-cost.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { aliasedNodes, ENTITIES, nestedFanOut } from './documents.js';
import { codesOf } from '../helpers/graphql.js';
import { startRig, type Rig } from '../helpers/rig.js';

const UNLIMITED = { GRAPHQL_MAX_UPSTREAM_CALLS: '0', GRAPHQL_MAX_COST: '0' };

describe.each(['v3', 'v2'] as const)('fan-out limits (%s)', (dialect) => {
  let rig: Rig;
  let gateway: RunningGateway;
  let unlimited: RunningGateway;
  let chatUpstreamId: string;

  beforeAll(async () => {
    rig = await startRig({ dialect });
    gateway = await rig.instance();
    unlimited = await rig.instance(UNLIMITED);
    const chat = rig.sandbox.store.fixtures().bigChat;
    chatUpstreamId = dialect === 'v2' ? String(chat.v2Id) : chat.uuid;
  });
  afterAll(() => rig.close());

  /** A well-formed Message id of the chat that no message has (each costs one read). */
  let next = 900_000;
  const madeUpMessage = () =>
    encodeNodeId(
      dialect,
      'Message',
      JSON.stringify([chatUpstreamId, dialect === 'v2' ? String(next++) : randomUUID()]),
    );

  it('a ~900-byte nested query: refused by its cost, else stopped by the budget', async () => {
    const query = nestedFanOut();
    expect(Buffer.byteLength(query)).toBeGreaterThan(850);
    expect(Buffer.byteLength(query)).toBeLessThan(1000);

    await rig.post(unlimited, query);
    expect(rig.upstream()).toBeGreaterThan(300);

    // Under the defaults its cost (the objects its pages can hold) is over the limit: refused
    // before any upstream call.
    const refused = await rig.post(gateway, query);
    expect(rig.upstream()).toBe(0);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      limit: DEFAULT_MAX_COST,
    });

    // With the cost limit off, the upstream budget stops it, keeping the data read so far.
    const budgeted = await rig.instance({ GRAPHQL_MAX_COST: '0' });
    const r = await rig.post<{ phoneNumbers: { number: string }[] }>(budgeted, query);
    expect(rig.upstream()).toBe(DEFAULT_MAX_UPSTREAM_CALLS);
    expect(r.status).toBe(200);
    expect(codesOf(r)).toEqual(['UPSTREAM_BUDGET_EXCEEDED']);
    expect(r.errors?.[0]?.extensions).toMatchObject({ limit: DEFAULT_MAX_UPSTREAM_CALLS });
    expect(r.data?.phoneNumbers.map((p) => p.number)).toHaveLength(3);
    expect(JSON.stringify(r.data)).toContain('"text"');
  });

  it('15 aliases × nodes(100 ids): 100 reads, then UPSTREAM_BUDGET_EXCEEDED', async () => {
    const query = aliasedNodes(15);
    const variables = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`ids${i}`, Array.from({ length: 100 }, madeUpMessage)]),
    );
    await rig.post(unlimited, query, variables);
    expect(rig.upstream()).toBe(1500);

    const r = await rig.post(gateway, query, variables);
    expect(rig.upstream()).toBe(DEFAULT_MAX_UPSTREAM_CALLS);
    expect(codesOf(r).sort()).toEqual(['NOT_FOUND', 'UPSTREAM_BUDGET_EXCEEDED']);
    const budget = r.errors?.filter((e) => e.extensions?.code === 'UPSTREAM_BUDGET_EXCEEDED');
    expect(budget).toHaveLength(1400);
  });

  it('_entities with 3,000 references: ENTITY_LIMIT_EXCEEDED, no upstream call', async () => {
    const representations = (n: number) =>
      Array.from({ length: n }, () => ({ __typename: 'Message', id: madeUpMessage() }));
    // Before the cap, 3,000 references made 3,000 reads (see the 100 below: one per reference).
    const r = await rig.post(gateway, ENTITIES, { representations: representations(3000) });
    expect(rig.upstream()).toBe(0);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.extensions).toEqual({
      code: 'ENTITY_LIMIT_EXCEEDED',
      limit: 100,
      found: 3000,
    });

    // Counted over every _entities field of the operation, literal or variable.
    const two = `query($r: [_Any!]!) { a: _entities(representations: $r) { __typename }
      b: _entities(representations: $r) { __typename } }`;
    const split = await rig.post(gateway, two, { r: representations(51) });
    expect(split.errors?.[0]?.extensions).toMatchObject({ found: 102 });
    expect(rig.upstream()).toBe(0);

    // 100 pass: each entry its own NOT_FOUND, as in nodes.
    const ok = await rig.post(gateway, ENTITIES, { representations: representations(100) });
    expect(rig.upstream()).toBe(100);
    expect(codesOf(ok)).toEqual(['NOT_FOUND']);
  });
});
