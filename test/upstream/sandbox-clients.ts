/**
 * The adapter tests' rig (test/helpers/rig.ts): one adapter per dialect on the sandbox, with the
 * adapter's own retry policy but a short first backoff and short timeouts, logging (unredacted)
 * into `logs`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { StoreFixtures } from '../../src/sandbox/index.js';
import type { LinqApi, LinqClientConfig } from '../../src/upstream/index.js';
import { captureLogs } from '../helpers/logs.js';
import { startRig, type ClientSettings, type Rig } from '../helpers/rig.js';

export interface AdapterRig extends Rig {
  v2: LinqApi;
  v3: LinqApi;
  /** Log lines of every adapter of the rig. */
  logs: string[];
  client(overrides: Partial<LinqClientConfig> & Pick<LinqClientConfig, 'dialect'>): LinqApi;
}

export async function startAdapterRig(): Promise<AdapterRig> {
  const logs = captureLogs('debug');
  const settings: ClientSettings = {
    // The adapter's default retries (undefined: not the rig's FAST_RETRIES).
    maxRetries: undefined,
    retryMaxDelayMs: undefined,
    retryBaseDelayMs: 5,
    headersTimeoutMs: 400,
    bodyTimeoutMs: 400,
    logger: logs.rawLogger,
  };
  const rig = await startRig({ dialect: 'v3', client: settings });
  const more = rig.client;
  const client: AdapterRig['client'] = (overrides) => more({ ...settings, ...overrides });
  return Object.assign(rig, {
    v2: client({ dialect: 'v2' }),
    v3: rig.api,
    logs: logs.lines,
    client,
  });
}

/**
 * The adapter rig for a whole test file: started before its tests, the sandbox reset to its seed
 * before each test, closed after. Read `t.rig`/`t.fx` inside tests.
 */
export function useAdapterRig(): { readonly rig: AdapterRig; readonly fx: StoreFixtures } {
  const state = {} as { rig: AdapterRig; fx: StoreFixtures };
  beforeAll(async () => {
    state.rig = await startAdapterRig();
    state.fx = state.rig.fixtures;
  });
  afterAll(() => state.rig?.close());
  beforeEach(() => state.rig.sandbox.controls.reset());
  return state;
}

/** One dialect's adapter and the upstream id of the seeded group chat, for describe.each. */
export interface GroupChatSide {
  name: 'v2' | 'v3';
  api: () => LinqApi;
  chatId: () => string;
}

/** Both dialects' sides of `useAdapterRig()`'s state; tests add their routes to each. */
export function groupChatSides(
  t: ReturnType<typeof useAdapterRig>,
): Record<'v2' | 'v3', GroupChatSide> {
  return {
    v2: { name: 'v2', api: () => t.rig.v2, chatId: () => String(t.fx.groupChat.v2Id) },
    v3: { name: 'v3', api: () => t.rig.v3, chatId: () => t.fx.groupChat.uuid },
  };
}
