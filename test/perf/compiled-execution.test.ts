/**
 * The compiled execution path (GATEWAY_EXECUTION=compiled) and the end-of-request release.
 * The whole suite also runs once per execution mode (vitest.config.ts projects); these tests
 * pin what the compiled path keeps per operation and what a request lets go of.
 */
import { parse, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionModeFromEnv } from '../../src/config.js';
import type { GatewayContext } from '../../src/context.js';
import { createOperations } from '../../src/plugins/use-operations.js';
import { createCompiledCostEstimate, estimateCost } from '../../src/limits/use-cost.js';
import { ChatRef } from '../../src/schema/types/chat.js';
import { schema } from '../../src/schema/index.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';

describe('GATEWAY_EXECUTION', () => {
  it('is compiled by default, standard on request, and refuses anything else', () => {
    expect(executionModeFromEnv('')).toBe('compiled');
    expect(executionModeFromEnv('compiled')).toBe('compiled');
    expect(executionModeFromEnv('standard')).toBe('standard');
    expect(() => executionModeFromEnv('fast')).toThrow(/GATEWAY_EXECUTION/);
  });
});

describe('the compiled cost estimate', () => {
  const document = parse(/* GraphQL */ `
    query Chats($phone: String!, $n: Int = 7, $withMessages: Boolean!) {
      chats(phoneNumber: $phone, first: $n) {
        nodes {
          id
          messages(first: 5) @include(if: $withMessages) {
            nodes {
              id
            }
          }
        }
      }
    }
  `);
  const args = (variableValues: Record<string, unknown>): ExecutionArgs => ({
    schema,
    document,
    variableValues,
  });
  const cases: Record<string, unknown>[] = [
    { phone: '+1', withMessages: true },
    { phone: '+2', withMessages: true },
    { phone: '+1', n: 3, withMessages: true },
    { phone: '+1', n: null, withMessages: true },
    { phone: '+1', n: 3, withMessages: false },
    { phone: '+1', withMessages: true },
  ];

  it('gives the standard estimate for every combination of the values it depends on', () => {
    const compiled = createCompiledCostEstimate();
    for (const variables of cases) {
      const expected = estimateCost(args(variables));
      expect(expected).not.toBeNull();
      expect(compiled(args(variables), 5000), JSON.stringify(variables)).toBe(expected);
    }
  });

  it('answers a request over the limit from its own variables, as the standard path does', () => {
    const compiled = createCompiledCostEstimate();
    const valid = { phone: '+1', n: 50, withMessages: true };
    const estimate = estimateCost(args(valid));
    expect(estimate).toBeGreaterThan(10);
    expect(compiled(args(valid), 10)).toBe(estimate);
    // `$phone` does not change the estimate, but an invalid value makes it unknown (null): the
    // standard path lets execution report the variable; so does the compiled one.
    const invalid = { phone: 42, n: 50, withMessages: true };
    expect(estimateCost(args(invalid))).toBeNull();
    expect(compiled(args(invalid), 10)).toBeNull();
  });
});

describe('end of a request', () => {
  const seen: { context: GatewayContext; loader: ReturnType<typeof ChatRef.getDataloader> }[] = [];
  // Runs before useRequestRelease (plugins' hooks run in order): the request's own loader.
  const capture: Plugin = {
    onExecute: ({ args }) => ({
      onExecuteDone: () => {
        const context = args.contextValue as unknown as GatewayContext;
        seen.push({ context, loader: ChatRef.getDataloader(context) });
      },
    }),
  };
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ dialect: 'v3' });
  });
  afterAll(() => rig.close());

  const ask = (fetch: (url: string, init: RequestInit) => Promise<Response>) => {
    const chat = rig.sandbox.store.fixtures().bigChat;
    return fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($id: ID!) { chat(id: $id) { displayName } }',
        variables: { id: chatGlobalId('v3', chat) },
      }),
    });
  };

  const expectReleased = async (res: Response) => {
    const body = (await res.json()) as { data?: { chat?: { displayName?: string } } };
    expect(body.data?.chat?.displayName).toBeTypeOf('string');
    const last = seen.at(-1);
    if (!last) throw new Error('no context captured');
    // The context holds nothing of the request any more (the loaders' batch functions reach it).
    expect(Reflect.ownKeys(last.context)).toEqual([]);
    // The request's chat loader forgot the chat: it is not answered from its cache any more.
    const chat = rig.sandbox.store.fixtures().bigChat;
    await expect(last.loader.load(chat.uuid)).rejects.toThrow();
  };

  it('lets go of what its loaders read (nothing of it is held by long-lived WeakMaps)', async () => {
    const base = createOperations();
    const gateway = rig.yogaWith({
      operations: { ...base, plugins: [...base.plugins, capture] },
    });
    await expectReleased(await ask(async (url, init) => gateway.yoga.fetch(url, init)));
  });

  it('on the lane too (known queries, GATEWAY_EXECUTION=compiled)', async () => {
    const { lane } = rig.yogaWith({ execution: 'compiled' });
    if (!lane) throw new Error('no lane');
    // Sees each context the lane builds, as the plugin above sees Yoga's.
    const build = lane.options.contextFor;
    (lane.options as { contextFor: typeof build }).contextFor = (...args) => {
      const context = build(...args);
      seen.push({ context, loader: ChatRef.getDataloader(context) });
      return context;
    };
    const served = lane.counts.served;
    const gateway = rig.yogaWith({ execution: 'compiled' });
    expect(gateway.lane).not.toBe(lane);
    await expectReleased(
      await ask((url, init) =>
        lane
          .serve({
            header: (name) => new Headers(init.headers).get(name) ?? undefined,
            body: init.body as string,
          })
          .then((a) => new Response(a?.body, { status: a?.status ?? 500 })),
      ),
    );
    expect(lane.counts.served).toBe(served + 1);
  });
});
