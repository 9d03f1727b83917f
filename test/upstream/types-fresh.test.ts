/** The committed upstream DTO types must equal what the generator makes from the specs now. */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderUpstreamTypes } from '../../scripts/gen-upstream-types.js';

it('src/upstream/types/*.ts are fresh (run npm run gen:upstream-types)', async () => {
  const rendered = await renderUpstreamTypes();
  expect(rendered.map((r) => r.target).sort()).toEqual([
    'src/upstream/types/v2.ts',
    'src/upstream/types/v3.ts',
  ]);
  for (const { target, text } of rendered) {
    const committed = await readFile(new URL(`../../${target}`, import.meta.url), 'utf8');
    expect(committed === text, `${target} is stale`).toBe(true);
  }
}, 30_000);
