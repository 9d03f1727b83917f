/**
 * A gateway over the real sandbox for one dialect: sandbox on 127.0.0.1 port 0, the real
 * adapter, the real Yoga server. Upstream request counts come from the sandbox's recorder.
 */
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { StoreFixtures } from '../../src/sandbox/index.js';
import { encodeNodeId } from '../../src/schema/global-id.js';
import { messageKey } from '../../src/schema/keys.js';
import { createLinqClient } from '../../src/upstream/index.js';
import type { Dialect, LinqApi } from '../../src/upstream/model.js';
import { createGatewayYoga } from '../../src/yoga.js';
import { openAccess } from '../../src/auth/index.js';

export interface GatewayRig {
  dialect: Dialect;
  sandbox: Sandbox;
  api: LinqApi;
  yoga: ReturnType<typeof createGatewayYoga>;
  fixtures: StoreFixtures;
  /** Upstream requests by route name since the last `resetCounts()`. */
  calls(): Record<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

export async function startGatewayRig(dialect: Dialect): Promise<GatewayRig> {
  const sandbox = await startSandbox({ port: 0 });
  const api = createLinqClient({
    baseUrl: sandbox.url,
    dialect,
    token: sandbox.tokens.primary,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    maxRetries: 1,
  });
  const yoga = createGatewayYoga({ auth: openAccess(), api, graphiql: false });
  return {
    dialect,
    sandbox,
    api,
    yoga,
    fixtures: sandbox.store.fixtures(),
    calls() {
      const counts: Record<string, number> = {};
      for (const r of sandbox.controls.requests()) {
        const route = r.route ?? `${r.method} ${r.path} (no route)`;
        counts[route] = (counts[route] ?? 0) + 1;
      }
      return counts;
    },
    resetCounts: () => sandbox.controls.resetCounts(),
    async close() {
      await api.close();
      await sandbox.close();
    },
  };
}

/** Upstream id of a sandbox record in the rig's dialect. */
export const upstreamId = (dialect: Dialect, rec: { v2Id: number; uuid: string }): string =>
  dialect === 'v2' ? String(rec.v2Id) : rec.uuid;

export const chatGlobalId = (dialect: Dialect, chat: { v2Id: number; uuid: string }) =>
  encodeNodeId(dialect, 'Chat', upstreamId(dialect, chat));

export const messageGlobalId = (
  dialect: Dialect,
  chat: { v2Id: number; uuid: string },
  message: { v2Id: number; uuid: string },
) =>
  encodeNodeId(
    dialect,
    'Message',
    messageKey({ chatId: upstreamId(dialect, chat), id: upstreamId(dialect, message) }),
  );

/**
 * A rig for the enclosing describe block (started before its tests, closed after) and the
 * global id of its big chat.
 */
export function useGatewayRig(dialect: Dialect): {
  readonly rig: GatewayRig;
  readonly chatId: string;
} {
  const state = {} as { rig: GatewayRig; chatId: string };
  beforeAll(async () => {
    state.rig = await startGatewayRig(dialect);
    state.chatId = chatGlobalId(dialect, state.rig.fixtures.bigChat);
  });
  afterAll(() => state.rig?.close());
  return state;
}
