/**
 * The embedded Linq sandbox: an in-process HTTP emulator of the Linq Partner API (v2 and v3)
 * with deterministic demo data, fault injection and request recording.
 *
 *   const sandbox = await startSandbox({ port: 0 });
 *   sandbox.url  // http://127.0.0.1:PORT; v2 under /api/partner/v2, v3 under /api/partner/v3
 */
import type { AddressInfo } from 'node:net';
import { createControlHandler } from './control-routes.js';
import { FaultBook, Recorder } from './faults.js';
import { routes } from './routes.js';
import { DEFAULT_SEED, OTHER_TOKEN, PRIMARY_TOKEN, seedStore } from './seed.js';
import { createSandboxServer } from './server.js';
import type { Store } from './store.js';
import type { FaultRule, RecordedRequest, SandboxOptions } from './types.js';

export type { FaultRule, RecordedRequest, SandboxFault, SandboxOptions } from './types.js';
export type { Store as SandboxStore, StoreFixtures } from './store.js';

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
  const faults = new FaultBook();
  const recorder = new Recorder();
  for (const rule of options.faults ?? []) faults.add(rule);
  let url = '';

  const controls: SandboxControls = {
    count: (route) => recorder.count(route),
    requests: () => recorder.requests(),
    resetCounts: () => recorder.reset(),
    reset: () => {
      store = seedStore(seed);
      recorder.reset();
      faults.clear();
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    waitForRequest: (route, predicate) => recorder.waitFor(route, predicate),
  };

  const server = createSandboxServer({
    routes,
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
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
