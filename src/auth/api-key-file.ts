/**
 * An API key table read from a file and read again when the file changes (a mounted Kubernetes
 * Secret, a config-management push), so keys are added and revoked without a restart. The file
 * is checked at most once per `intervalMs`, in the background: a request never waits for the
 * disk. A file that no longer parses keeps the last good table and is logged (never its keys).
 */
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { parseApiKeyTable, type ApiKeyTable } from './api-keys.js';

export interface WatchedApiKeyTable extends ApiKeyTable {
  /** Checks the file now (tests and SIGHUP); resolves once any change is applied. */
  refresh(): Promise<void>;
}

export function watchApiKeyFile(
  path: string,
  initial: ApiKeyTable,
  options: { intervalMs: number; logger?: Logger | null },
): WatchedApiKeyTable {
  let table = initial;
  let checkedAt = Date.now();
  let mtimeMs: number | null = null;
  let running: Promise<void> | null = null;
  void stat(path).then(
    (s) => (mtimeMs ??= s.mtimeMs),
    () => undefined,
  );

  const check = async () => {
    try {
      const s = await stat(path);
      if (s.mtimeMs === mtimeMs) return;
      const next = parseApiKeyTable(await readFile(path, 'utf8'));
      mtimeMs = s.mtimeMs;
      table = next;
      options.logger?.info({ apiKeys: next.size }, 'auth: API key file changed: keys reloaded');
    } catch (error) {
      options.logger?.error(
        { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message },
        'auth: API key file could not be reloaded; keeping the keys in use',
      );
    }
  };
  const refresh = () =>
    (running ??= check().finally(() => {
      checkedAt = Date.now();
      running = null;
    }));

  return {
    find(key) {
      if (options.intervalMs > 0 && Date.now() - checkedAt >= options.intervalMs) void refresh();
      return table.find(key);
    },
    get size() {
      return table.size;
    },
    refresh,
  };
}
