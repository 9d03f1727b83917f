// In-memory dedupe: TTL with an injectable clock, bounded size, release.
import { describe, expect, it } from 'vitest';
import { createMemoryDeduper } from '../../src/realtime/webhooks/index.js';

describe('createMemoryDeduper', () => {
  it('claims a key once within the TTL and again after it', async () => {
    let now = 1_000;
    const d = createMemoryDeduper({ ttlMs: 100, now: () => now });
    expect(await d.claim('a')).toBe(true);
    expect(await d.claim('a')).toBe(false);
    now += 99;
    expect(await d.claim('a')).toBe(false);
    now += 2;
    expect(await d.claim('a')).toBe(true);
  });

  it('keeps at most maxEntries keys, dropping the oldest first', async () => {
    const d = createMemoryDeduper({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) expect(await d.claim(k)).toBe(true);
    expect(await d.claim('a')).toBe(true); // evicted
    expect(await d.claim('d')).toBe(false); // still remembered
  });

  it('release() forgets a key', async () => {
    const d = createMemoryDeduper();
    await d.claim('x');
    await d.release('x');
    expect(await d.claim('x')).toBe(true);
  });
});
