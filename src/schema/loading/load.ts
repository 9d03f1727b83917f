/**
 * Batch functions for the per-request DataLoaders. Linq has no batch reads, so a batch becomes
 * one upstream call per distinct key; the context's limiter keeps at most a few in flight.
 * A failed key yields its own Error (the loader rejects only that key).
 */
import type DataLoader from 'dataloader';

/** DataLoader already dedupes keys; bounded batches keep one batch's fan-out predictable. */
export const LOADER_OPTIONS = { maxBatchSize: 100 } satisfies DataLoader.Options<string, unknown>;

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

export function loadEach<T>(keys: readonly string[], load: (key: string) => Promise<T>) {
  return Promise.all(keys.map((key) => load(key).catch(asError)));
}
