/**
 * A private OS temporary directory (TMPDIR) for one test file, so spool files of uploads of
 * unknown size (src/upstream/http/spool.ts) can be looked for and counted; removed after the file.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SPOOL_PREFIX } from '../../src/upstream/http/spool.js';

export function usePrivateSpoolDir(prefix: string): { dir: string; leftovers: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const previous = process.env.TMPDIR;
  beforeAll(() => {
    process.env.TMPDIR = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, leftovers: () => readdirSync(dir).filter((n) => n.startsWith(SPOOL_PREFIX)) };
}
