/**
 * The cost estimate sees `first`/`last` given as variables (GraphQL Armor's only saw literals,
 * which is why its limit was off), is on by default, and refuses before any upstream call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_COST } from '../../src/limits/use-cost.js';
import type { RunningGateway } from '../../src/server.js';
import { useBlockRig } from '../helpers/rig.js';

const VARIABLE = `query Pages($phone: String!, $chats: Int, $messages: Int) {
  chats(phoneNumber: $phone, first: $chats) {
    nodes { id messages(first: $messages) { nodes { id text sender { address } } } }
  }
}`;
const literal = (chats: number, messages: number) =>
  VARIABLE.replace(', $chats: Int, $messages: Int', '')
    .replace('first: $chats', `first: ${chats}`)
    .replace('first: $messages', `first: ${messages}`);

describe('cost limit', () => {
  const rig = useBlockRig({ dialect: 'v3' });
  let gateway: RunningGateway;
  let phone: string;
  beforeAll(async () => {
    gateway = await rig.instance();
    phone = rig.fixtures.primaryPhone;
  });

  it('is on by default and sees page sizes given as variables', async () => {
    // chats: 100 × (1 + nodes: 1 + messages: 100 × (1 + nodes: 1 + sender: 1)) = 30,200.
    const big = await rig.post(gateway, VARIABLE, { phone, chats: 100, messages: 100 });
    expect(rig.upstream()).toBe(0);
    expect(big.data ?? null).toBeNull();
    expect(big.errors).toHaveLength(1);
    expect(big.errors?.[0]).toMatchObject({
      message: `The operation's estimated cost 30200 is over the limit of ${DEFAULT_MAX_COST}`,
      extensions: { code: 'COST_LIMIT_EXCEEDED', limit: DEFAULT_MAX_COST, estimate: 30200 },
    });
    // The same document with literals has the same estimate.
    const same = await rig.post(gateway, literal(100, 100), { phone });
    expect(same.errors?.[0]?.extensions).toMatchObject({ estimate: 30200 });

    const small = await rig.post(gateway, VARIABLE, { phone, chats: 5, messages: 5 });
    expect(small.errors).toBeUndefined();
    expect(rig.upstream()).toBe(6);
  });

  it('counts the default page size when neither first nor last is given', async () => {
    // chats: 20 (DEFAULT_PAGE_SIZE) × (1 + 1 + 50 × 3) = 3,040: under the default limit.
    const r = await rig.post(gateway, VARIABLE, { phone, messages: 50 });
    expect(r.errors).toBeUndefined();
    const strict = await rig.instance({ GRAPHQL_MAX_COST: '3039' });
    const refused = await rig.post(strict, VARIABLE, { phone, messages: 50 });
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      limit: 3039,
      estimate: 3040,
    });
    expect(rig.upstream()).toBe(0);
  });

  it('GRAPHQL_MAX_COST=0 turns it off', async () => {
    const off = await rig.instance({ GRAPHQL_MAX_COST: '0' });
    const r = await rig.post(off, VARIABLE, { phone, chats: 100, messages: 100 });
    expect(r.errors).toBeUndefined();
  });
});
