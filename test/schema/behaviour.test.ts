/**
 * Request-level behaviour: partial data on upstream failure, per-caller tokens (and loaders that
 * never mix them), request ids end to end, and the dialect-specific list filters.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { dataOf, errorSummary, execute, onlyError } from '../helpers/graphql.js';

const NumbersAndChats = graphql(`
  query NumbersAndChats($phoneNumber: String!) {
    phoneNumbers {
      number
    }
    chats(phoneNumber: $phoneNumber, first: 3) {
      nodes {
        id
      }
    }
  }
`);

const Filtered = graphql(`
  query Filtered($id: ID!, $order: MessageOrder, $after: DateTime, $before: DateTime) {
    chat(id: $id) {
      messages(first: 100, order: $order, sentAfter: $after, sentBefore: $before) {
        totalCount
        nodes {
          sentAt
        }
      }
    }
  }
`);

const PHONES_ROUTE = { v2: 'GET /api/partner/v2/phone_numbers', v3: 'GET /v3/phone_numbers' };

describe.each(['v2', 'v3'] as const)('behaviour (%s)', (dialect) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ dialect });
  });
  afterAll(() => rig.close());
  afterEach(() => rig.sandbox.controls.clearFaults());

  it('an upstream failure on one field leaves its siblings intact', async () => {
    rig.sandbox.controls.injectFault({
      route: PHONES_ROUTE[dialect],
      fault: { type: 'status', status: 503 },
    });
    const result = await execute(rig.yoga, NumbersAndChats, {
      phoneNumber: rig.fixtures.primaryPhone,
    });
    expect(result.status).toBe(200);
    expect(result.data?.phoneNumbers).toBeNull();
    expect(result.data?.chats?.nodes).toHaveLength(3);
    expect(errorSummary(result)).toEqual([['phoneNumbers', 'UPSTREAM_UNAVAILABLE']]);
  });

  it.each([
    [{ type: 'rate-limit', retryAfter: 30 } as const, 'RATE_LIMITED', { retryAfter: 30 }],
    [{ type: 'malformed-json' } as const, 'BAD_UPSTREAM_RESPONSE', {}],
    [{ type: 'status', status: 404 } as const, 'NOT_FOUND', {}],
  ])('upstream %j → %s in extensions', async (fault, code, extra) => {
    rig.sandbox.controls.injectFault({ route: PHONES_ROUTE[dialect], fault });
    const result = await execute(rig.yoga, NumbersAndChats, {
      phoneNumber: rig.fixtures.primaryPhone,
    });
    const error = onlyError(result);
    expect(error.path).toEqual(['phoneNumbers']);
    expect(error.extensions).toMatchObject({ code, ...extra });
    if (dialect === 'v3' && code !== 'BAD_UPSTREAM_RESPONSE') {
      expect(error.extensions?.traceId).toEqual(expect.any(String));
    }
    expect(result.data?.chats?.nodes).toHaveLength(3);
  });

  it('uses the caller’s Bearer token; callers never share loaded data', async () => {
    const { tokens } = rig.sandbox;
    const vars = { phoneNumber: rig.fixtures.otherPhone };
    const [other, primary] = await Promise.all([
      execute(rig.yoga, NumbersAndChats, vars, { token: tokens.other }),
      execute(rig.yoga, NumbersAndChats, vars, { token: tokens.primary }),
    ]);
    expect(dataOf(other).phoneNumbers?.map((p) => p.number)).toEqual([rig.fixtures.otherPhone]);
    expect(dataOf(other).chats?.nodes.length).toBeGreaterThan(0);
    expect(primary.data?.phoneNumbers?.map((p) => p.number)).toEqual(rig.fixtures.primaryPhones);
    const accounts = rig.sandbox.controls.requests().map((r) => r.account);
    expect(new Set(accounts)).toEqual(new Set(['primary', 'other']));
  });

  it('a bad token → UNAUTHENTICATED without echoing the token', async () => {
    const result = await execute(
      rig.yoga,
      NumbersAndChats,
      {
        phoneNumber: rig.fixtures.primaryPhone,
      },
      { token: 'wrong-secret-token' },
    );
    expect(result.status).toBe(200);
    expect(errorSummary(result).map(([, code]) => code)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(result.errors)).not.toContain('wrong-secret-token');
  });

  it('a non-Bearer Authorization header → 401 UNAUTHENTICATED', async () => {
    const result = await execute(
      rig.yoga,
      NumbersAndChats,
      {
        phoneNumber: rig.fixtures.primaryPhone,
      },
      { headers: { authorization: 'Basic c2VjcmV0' } },
    );
    expect(result.status).toBe(401);
    expect(onlyError(result).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('echoes x-request-id and sends it upstream; generates one when absent', async () => {
    rig.resetCounts();
    const vars = { phoneNumber: rig.fixtures.primaryPhone };
    const given = await execute(rig.yoga, NumbersAndChats, vars, {
      headers: { 'x-request-id': 'req-abc.123' },
    });
    expect(given.headers.get('x-request-id')).toBe('req-abc.123');
    const upstream = rig.sandbox.controls.requests().map((r) => r.headers['x-request-id']);
    expect(upstream.length).toBeGreaterThan(0);
    expect(new Set(upstream)).toEqual(new Set(['req-abc.123']));
    const fresh = await execute(rig.yoga, NumbersAndChats, vars, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('order and time filters (v2), or UNSUPPORTED_BY_DIALECT (v3)', async () => {
    const id = chatGlobalId(dialect, rig.fixtures.groupChat);
    const times = rig.sandbox.store
      .getChat(rig.fixtures.groupChat.uuid)!
      .messages.map((m) => new Date(m.sentAt).toISOString());
    const after = times[5]!;
    const before = times[15]!;
    const newest = await execute(rig.yoga, Filtered, { id, order: 'NEWEST_FIRST' });
    expect(dataOf(newest).chat?.messages?.nodes.map((n) => n.sentAt)).toEqual([...times].reverse());
    const ranged = await execute(rig.yoga, Filtered, { id, order: 'OLDEST_FIRST', after, before });
    if (dialect === 'v2') {
      const expected = times.filter((t) => t > after && t < before);
      expect(dataOf(ranged).chat?.messages?.nodes.map((n) => n.sentAt)).toEqual(expected);
      expect(dataOf(ranged).chat?.messages?.totalCount).toBe(expected.length);
    } else {
      expect(onlyError(ranged).extensions?.code).toBe('UNSUPPORTED_BY_DIALECT');
      expect(ranged.data?.chat?.messages).toBeNull();
    }
  });
});
