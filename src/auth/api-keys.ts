/**
 * API keys for server-to-server callers. Keys are never stored: the configuration holds their
 * SHA-256 (`sha256:<hex>`), each under a named caller with a scope. A caller may have several
 * keys, so a key is rotated without downtime: add the new hash, move the clients, remove the old
 * one. Generate a key and its hash with `npm run api-key -- <name>`.
 *
 * SHA-256 (not a slow password hash) is right here: keys are 256-bit random strings, not
 * passwords, so there is nothing to brute-force; lookup is one hash and one Map read.
 *
 *   { "callers": [
 *       { "name": "crm-sync", "phoneNumbers": ["+13105550100"], "write": true,
 *         "keys": ["sha256:9f86d0…", "sha256:60303a…"] } ] }
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { scopeOf, type Caller } from './caller.js';

const HASH = /^sha256:[0-9a-f]{64}$/;
/** Keys this gateway generates start with this prefix, so a Bearer value can be told apart. */
export const API_KEY_PREFIX = 'lqk_';

const tableSchema = z.object({
  callers: z.array(
    z.object({
      name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (1–64)'),
      phoneNumbers: z.union([z.literal('*'), z.array(z.string().min(1))]),
      write: z.boolean().default(false),
      keys: z.array(z.string().regex(HASH, 'each key is "sha256:<64 hex digits>"')).min(1),
    }),
  ),
});

export interface ApiKeyTable {
  /** The caller of a presented key, or null. */
  find(key: string): Caller | null;
  readonly size: number;
}

export const hashApiKey = (key: string): string =>
  `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

/** A new random key (43 base64url characters after the prefix) and its hash for the table. */
export function generateApiKey(): { key: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key) };
}

/** Parses the table (JSON text); throws an Error listing what is wrong, never a key. */
export function parseApiKeyTable(json: string): ApiKeyTable {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('is not valid JSON');
  }
  const parsed = tableSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const byHash = new Map<string, Caller>();
  const names = new Set<string>();
  for (const entry of parsed.data.callers) {
    if (names.has(entry.name)) throw new Error(`caller "${entry.name}" is listed twice`);
    names.add(entry.name);
    const caller: Caller = Object.freeze({
      id: `key:${entry.name}`,
      kind: 'api-key',
      scope: scopeOf(entry.phoneNumbers, entry.write),
      upstreamToken: null,
      expiresAt: null,
    });
    for (const hash of entry.keys) {
      if (byHash.has(hash)) throw new Error(`a key of "${entry.name}" is listed twice`);
      byHash.set(hash, caller);
    }
  }
  return {
    find: (key) => byHash.get(hashApiKey(key)) ?? null,
    size: byHash.size,
  };
}
