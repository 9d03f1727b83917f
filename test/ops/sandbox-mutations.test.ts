/**
 * The sandbox-only mutations (src/schema/mutations/sandbox.ts): present when the gateway runs on
 * its embedded sandbox, on both dialects, taking global ids and reaching subscribers; absent
 * (schema, introspection, schema.graphql) when the gateway talks to a configured Linq.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../src/print-schema.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { SANDBOX_MUTATIONS } from '../../src/schema/mutations/sandbox.js';
import type { RunningGateway } from '../../src/server.js';
import type { Dialect } from '../../src/upstream/model.js';
import { chatGlobalId } from '../helpers/ids.js';
import { post } from '../helpers/graphql.js';
import { startInstance, waitForStreams } from '../helpers/rig.js';
import { sseSubscribe } from '../subscriptions/helpers/sse.js';

const MUTATION_FIELDS = '{ __type(name: "Mutation") { fields { name } } }';
const INBOUND = `mutation($chatId: ID!, $text: String) {
  sandboxSimulateInbound(chatId: $chatId, text: $text) {
    message { id text isFromMe chat { id } }
  }
}`;
const TYPING = 'mutation($chatId: ID!) { sandboxSimulateTyping(chatId: $chatId) }';

async function mutationNames(gateway: RunningGateway): Promise<string[]> {
  type Fields = { __type: { fields: { name: string }[] } };
  const result = await post<Fields>(gateway, MUTATION_FIELDS);
  return result.data!.__type.fields.map((f) => f.name);
}

const gateways: RunningGateway[] = [];
let realLinq: Sandbox;
afterAll(async () => {
  for (const g of gateways) await g.close();
  await realLinq?.close();
});

describe.each(['v3', 'v2'] as const)('on the embedded sandbox (%s)', (dialect: Dialect) => {
  let gateway: RunningGateway;
  let chatId: string;
  beforeAll(async () => {
    gateway = await startInstance({ LINQ_API_VERSION: dialect });
    gateways.push(gateway);
    chatId = chatGlobalId(dialect, gateway.sandbox!.store.fixtures().bigChat);
  });

  it('has the sandbox mutations', async () => {
    expect(await mutationNames(gateway)).toEqual(expect.arrayContaining([...SANDBOX_MUTATIONS]));
  });

  it('makes a message arrive in a chat given by its global id, and subscribers get it', async () => {
    type Added = { messageAdded: { node: { text: string; isFromMe: boolean } } };
    const sub = await sseSubscribe<Added>(
      gateway.url,
      'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { node { text isFromMe } } }',
      { chatId },
    );
    try {
      await waitForStreams(gateway, 1);
      const result = await post<{
        sandboxSimulateInbound: {
          message: { text: string; isFromMe: boolean; chat: { id: string } };
        };
      }>(gateway, INBOUND, { chatId, text: `inbound on ${dialect}` });
      expect(result.errors).toBeUndefined();
      expect(result.data!.sandboxSimulateInbound.message).toMatchObject({
        text: `inbound on ${dialect}`,
        isFromMe: false,
        chat: { id: chatId },
      });
      expect((await sub.nth(0)).data?.messageAdded.node).toEqual({
        text: `inbound on ${dialect}`,
        isFromMe: false,
      });
    } finally {
      sub.close();
    }
  });

  it('simulates typing', async () => {
    const result = await post<{ sandboxSimulateTyping: boolean }>(gateway, TYPING, { chatId });
    const { data, errors } = result;
    expect({ data, errors }).toEqual({ data: { sandboxSimulateTyping: true } });
  });

  it('refuses a bad id and a chat the caller cannot read, with stable codes', async () => {
    const bad = await post(gateway, INBOUND, { chatId: 'nope' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    const fixtures = gateway.sandbox!.store.fixtures();
    const foreign = chatGlobalId(dialect, fixtures.otherChat);
    const hidden = await post(gateway, INBOUND, { chatId: foreign });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('with a configured Linq (LINQ_BASE_URL)', () => {
  it('has no sandbox mutation, in the served schema or in schema.graphql', async () => {
    realLinq = await startSandbox({ port: 0 });
    const gateway = await startInstance({
      LINQ_BASE_URL: realLinq.url,
      LINQ_TOKEN: realLinq.tokens.primary,
    });
    gateways.push(gateway);
    expect(gateway.sandbox).toBeNull();
    const names = await mutationNames(gateway);
    expect(names).toContain('sendMessage');
    for (const name of SANDBOX_MUTATIONS) expect(names).not.toContain(name);
    const chatId = chatGlobalId('v3', realLinq.store.fixtures().bigChat);
    const result = await post(gateway, INBOUND, { chatId });
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "sandboxSimulateInbound"/);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).not.toMatch(/sandbox/i);
  });
});
