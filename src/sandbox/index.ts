/**
 * The embedded Linq sandbox: an in-process HTTP emulator of the Linq Partner API (v2 and v3)
 * with deterministic demo data, fault injection and request recording.
 *
 *   const sandbox = await startSandbox({ port: 0 });
 *   sandbox.url  // http://127.0.0.1:PORT; v2 under /api/partner/v2, v3 under /api/partner/v3
 */
import type { AddressInfo } from 'node:net';
import { createControlHandler } from './http/control-routes.js';
import { FaultBook, Recorder } from './http/faults.js';
import { routes } from './http/routes.js';
import { DEFAULT_SEED, OTHER_TOKEN, PRIMARY_TOKEN, seedStore } from './seed/index.js';
import { createSandboxServer } from './server.js';
import type { Store } from './store.js';
import type { FaultRule, RecordedRequest, SandboxOptions } from './types.js';
import { WebhookHub } from './webhooks/hub.js';
import { webhookRoutes } from './webhooks/routes.js';
import {
  autoDelivery,
  simulateInbound,
  simulateReceipt,
  simulateTyping,
  type SimulateInboundInput,
  type SimulateTypingInput,
} from './webhooks/sim.js';
import type {
  AddWebhookTargetOptions,
  SandboxEvent,
  WebhookDelivery,
  WebhookTarget,
} from './webhooks/types.js';

export type { FaultRule, RecordedRequest, SandboxFault, SandboxOptions } from './types.js';
export type { Store as SandboxStore, StoreFixtures } from './store.js';
export type { SimulateInboundInput, SimulateTypingInput } from './webhooks/sim.js';
export type {
  AddWebhookTargetOptions,
  WebhookDelivery,
  WebhookSettings,
  WebhookTarget,
  WebhookVersion,
} from './webhooks/types.js';

export interface SandboxControls {
  /** Requests received (all, or for one route name). */
  count(route?: string): number;
  requests(): RecordedRequest[];
  resetCounts(): void;
  /** Store back to the seed; counters and faults cleared. */
  reset(): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Resolves with the first finished request on `route` (already recorded or future). */
  waitForRequest(
    route: string,
    predicate?: (r: RecordedRequest) => boolean,
  ): Promise<RecordedRequest>;
  /** Registers a webhook receiver (kept across reset()). Returns it with its id. */
  addWebhookTarget(options: AddWebhookTargetOptions): WebhookTarget;
  /** Removes every target added with addWebhookTarget. */
  removeWebhookTargets(): void;
  /** Every delivery attempt so far (newest last; the last 5,000). */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when no webhook delivery is in flight or waiting for a retry. */
  webhooksIdle(): Promise<void>;
  /** An inbound message from a participant (→ message.received). */
  simulateInbound(input: SimulateInboundInput): { v2Id: number; uuid: string };
  /** A participant starts or stops typing (→ typing webhooks). */
  simulateTyping(input: SimulateTypingInput): void;
  /** The recipient's delivery or read receipt for a message (→ message.delivered/read). */
  simulateReceipt(messageId: string | number, receipt: 'delivered' | 'read'): void;
}

export interface Sandbox {
  readonly url: string;
  readonly tokens: { readonly primary: string; readonly other: string };
  readonly controls: SandboxControls;
  /** The live store (replaced by `controls.reset()`; always read it through this getter). */
  readonly store: Store;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  let store = seedStore(seed);
  const hub = new WebhookHub(() => store, options.webhooks);
  const delivery = autoDelivery(() => store, options.webhooks?.deliverAfterMs);
  const onEvent = (event: SandboxEvent) => {
    hub.handle(event);
    delivery.handle(event);
  };
  store.onEvent = onEvent;
  const faults = new FaultBook();
  const recorder = new Recorder();
  for (const rule of options.faults ?? []) faults.add(rule);
  let url = '';

  const controls: SandboxControls = {
    count: (route) => recorder.count(route),
    requests: () => recorder.requests(),
    resetCounts: () => recorder.reset(),
    reset: () => {
      store.onEvent = null;
      store = seedStore(seed);
      store.onEvent = onEvent;
      recorder.reset();
      faults.clear();
      hub.clearDeliveries();
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    waitForRequest: (route, predicate) => recorder.waitFor(route, predicate),
    addWebhookTarget: (target) => hub.add(target),
    removeWebhookTargets: () => hub.removeAll(),
    webhookDeliveries: () => hub.deliveries(),
    webhooksIdle: () => hub.idle(),
    simulateInbound: (input) => {
      const m = simulateInbound(store, input);
      return { v2Id: m.v2Id, uuid: m.uuid };
    },
    simulateTyping: (input) => simulateTyping(store, input),
    simulateReceipt: (messageId, receipt) => void simulateReceipt(store, messageId, receipt),
  };

  const server = createSandboxServer({
    routes: [...routes, ...webhookRoutes],
    getStore: () => store,
    faults,
    recorder,
    linkParts: options.linkParts ?? false,
    getBaseUrl: () => url,
    control: createControlHandler(controls, () => store),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    tokens: { primary: PRIMARY_TOKEN, other: OTHER_TOKEN },
    controls,
    get store() {
      return store;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        hub.close();
        delivery.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
