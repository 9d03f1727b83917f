/**
 * Every query, mutation and subscription documented in the README, and GraphiQL's default
 * documents, run under the default limits over real HTTP against the sandbox: none hits the cost
 * limit or the upstream budget. Their measured cost estimates and upstream calls are printed
 * (the figures behind the defaults: see the README's "Abuse limits").
 */
import { readFileSync } from 'node:fs';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHATS_DOCUMENT, SEND_DOCUMENT } from '../../src/graphiql/default-documents.js';
import { DEFAULT_MAX_UPSTREAM_CALLS } from '../../src/limits/upstream-budget.js';
import { DEFAULT_MAX_COST, estimateCost } from '../../src/limits/use-cost.js';
import { schema } from '../../src/schema/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';
import { startRig, type Rig } from '../helpers/rig.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's ```graphql blocks and the `"query"` of its curl examples. */
function readmeDocuments(): string[] {
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const curls = [...readme.matchAll(/'(\{"query":.*?\})'/g)].map(
    (m) => (JSON.parse(m[1]!) as { query: string }).query,
  );
  // Sandbox-only mutations exist only on the embedded sandbox (test/ops/sandbox-mutations.test.ts).
  return [...blocks, ...curls].filter((q) => !q.includes('sandboxSimulate'));
}

const operationOf = (query: string) =>
  parse(query).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  )!;

const costOf = (query: string, variables: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), variableValues: variables });

describe('the README and GraphiQL documents pass under the default limits', () => {
  it('finds them all', () => {
    // 3 blocks (query, mutation, subscription) and 2 curl bodies (a query, an upload).
    expect(readmeDocuments()).toHaveLength(5);
  });

  describe.each(['v3', 'v2'] as const)('%s', (dialect) => {
    let rig: Rig;
    let gateway: RunningGateway;
    let chatId: string;
    let phone: string;
    const figures: string[] = [];

    beforeAll(async () => {
      rig = await startRig({ dialect });
      gateway = await rig.instance();
      const fx = rig.sandbox.store.fixtures();
      phone = fx.primaryPhone;
      const upstreamId = dialect === 'v2' ? String(fx.bigChat.v2Id) : fx.bigChat.uuid;
      chatId = encodeNodeId(dialect, 'Chat', upstreamId);
    });
    afterAll(async () => {
      console.info(`${dialect} cost estimate / upstream calls:\n  ${figures.join('\n  ')}`);
      await rig.close();
    });

    const variablesFor = (query: string): Record<string, unknown> => {
      const definitions = operationOf(query).variableDefinitions ?? [];
      const names = definitions.map((v) => v.variable.name.value);
      const all: Record<string, unknown> = {
        phone,
        chatId,
        input: { chatId, text: 'Hello from the README', idempotencyKey: `readme-${dialect}` },
      };
      return Object.fromEntries(names.map((n) => [n, all[n]]));
    };

    const queries = () =>
      [...readmeDocuments(), CHATS_DOCUMENT, SEND_DOCUMENT].filter((q) => {
        const op = operationOf(q);
        const upload = q.includes('attachments');
        return op.operation !== 'subscription' && !upload;
      });

    it('queries and mutations: no error, within the cost limit and the budget', async () => {
      for (const query of queries()) {
        const variables = variablesFor(query);
        const r = await rig.post(gateway, query, variables);
        const name = operationOf(query).name?.value ?? query.slice(0, 30).replace(/\s+/g, ' ');
        const cost = costOf(query, variables);
        figures.push(`${name}: ${cost} / ${rig.upstream()}`);
        expect(r.errors, name).toBeUndefined();
        expect(cost).toBeLessThanOrEqual(DEFAULT_MAX_COST);
        expect(rig.upstream()).toBeLessThanOrEqual(DEFAULT_MAX_UPSTREAM_CALLS);
      }
    });

    it('the upload (multipart) and the subscription (SSE)', async () => {
      const upload = readmeDocuments().find((q) => q.includes('attachments'))!;
      const form = new FormData();
      const bytes = 'invoice'.repeat(100);
      const input = {
        chatId,
        text: 'Invoice attached',
        attachments: [null],
        attachmentSizes: [bytes.length],
      };
      form.set('operations', JSON.stringify({ query: upload, variables: { input } }));
      form.set('map', JSON.stringify({ 0: ['variables.input.attachments.0'] }));
      form.set('0', new Blob([bytes], { type: 'application/pdf' }), 'invoice.pdf');
      rig.sandbox.controls.resetCounts();
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'x-graphql-yoga-csrf': '1' },
        body: form,
      });
      type Sent = { data?: { sendMessage: { __typename: string } }; errors?: unknown };
      const body = (await res.json()) as Sent;
      expect(body.errors).toBeUndefined();
      expect(body.data?.sendMessage.__typename).toBe('SendMessagePayload');
      // (The estimate is computed before the files arrive: without them.)
      const estimate = costOf(upload, { input: { ...input, attachments: [] } });
      expect(estimate).toBeLessThanOrEqual(DEFAULT_MAX_COST);
      figures.push(`upload: ${estimate} / ${rig.upstream()}`);

      const subscription = readmeDocuments().find((q) => q.startsWith('subscription'))!;
      expect(costOf(subscription, { chatId })).toBeLessThanOrEqual(DEFAULT_MAX_COST);
      const sub = await sseSubscribe<{ messageAdded: { node: { text: string } } }>(
        gateway.url,
        subscription,
        { chatId },
      );
      try {
        expect(sub.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(sub.results).toEqual([]); // not refused
      } finally {
        sub.close();
      }
    });
  });
});
