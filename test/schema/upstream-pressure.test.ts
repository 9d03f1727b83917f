/**
 * One GraphQL request never has more than MAX_UPSTREAM_CONCURRENCY Linq calls in flight, and an
 * aborted GraphQL request aborts its upstream calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_CONCURRENCY } from '../../src/upstream/model.js';
import { graphql } from '../gql/index.js';
import { messageGlobalId } from '../helpers/ids.js';
import { captureLogs } from '../helpers/logs.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { dataOf, execute } from '../helpers/graphql.js';
import { ROUTES } from './budgets.js';

const ManyMessages = graphql(`
  query PressureNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
    }
  }
`);

describe.each(['v2', 'v3'] as const)('upstream pressure (%s)', (dialect) => {
  let rig: Rig;
  let ids: string[];
  beforeAll(async () => {
    rig = await startRig({ dialect });
    const chat = rig.sandbox.store.getChat(rig.fixtures.bigChat.uuid)!;
    ids = chat.messages.slice(0, 30).map((m) => messageGlobalId(dialect, chat, m));
  });
  afterAll(() => rig.close());

  it(`keeps at most ${MAX_UPSTREAM_CONCURRENCY} upstream calls in flight per request`, async () => {
    const route = ROUTES[dialect].getMessage;
    rig.sandbox.controls.injectFault({ route, fault: { type: 'delay', ms: 60 } });
    rig.resetCounts();
    let maxInFlight = 0;
    const sampler = setInterval(() => {
      const open = rig.sandbox.controls.requests().filter((r) => !r.done).length;
      maxInFlight = Math.max(maxInFlight, open);
    }, 5);
    try {
      const data = dataOf(await execute(rig.yoga, ManyMessages, { ids }));
      expect(data.nodes.map((n) => n?.id)).toEqual(ids);
    } finally {
      clearInterval(sampler);
      rig.sandbox.controls.clearFaults();
    }
    expect(rig.sandbox.controls.count(route)).toBe(30);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(MAX_UPSTREAM_CONCURRENCY);
  });

  it('aborting the GraphQL request aborts the upstream call, logging no error', async () => {
    const route = ROUTES[dialect].getMessage;
    rig.sandbox.controls.injectFault({ route, fault: { type: 'delay', ms: 2_000 } });
    const logs = captureLogs('info');
    const yoga = rig.yogaWith({ logger: logs.logger });
    try {
      const controller = new AbortController();
      const pending = execute(
        yoga,
        ManyMessages,
        { ids: ids.slice(0, 1) },
        {
          signal: controller.signal,
        },
      ).catch((error: unknown) => error);
      const aborted = rig.sandbox.controls.waitForRequest(route, (r) => r.aborted);
      setTimeout(() => controller.abort(), 100);
      expect((await aborted).aborted).toBe(true);
      await pending;
      // The abort reaches the resolver as REQUEST_ABORTED: no "unexpected error" is logged.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(logs.records().filter((r) => Number(r['level']) >= 50)).toEqual([]);
    } finally {
      rig.sandbox.controls.clearFaults();
    }
  });
});
