import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_SCHEMA_FILE,
  printSortedClientSchema,
  printSortedSchema,
  SCHEMA_FILE,
} from '../../src/print-schema.js';

describe('schema.graphql', () => {
  it('is the sorted print of the code schema (run `npm run schema:print` after changes)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSortedSchema());
  });
});

describe('schema.client.graphql', () => {
  const sdl = () => readFileSync(CLIENT_SCHEMA_FILE, 'utf8');

  it('is the sorted client print of the code schema (run `npm run schema:print`)', () => {
    expect(sdl()).toBe(printSortedClientSchema());
  });

  it('has no federation: no @link schema extension, @key, @shareable, _service or _entities', () => {
    expect(sdl()).not.toMatch(/@link|@key|@shareable|extend schema|_service|_entities|_Any/);
    const client = buildSchema(sdl());
    const subgraph = readFileSync(SCHEMA_FILE, 'utf8');
    // Every type of the subgraph SDL is there, with its fields.
    for (const name of ['Chat', 'Message', 'Mutation', 'Subscription', 'PageInfo', 'Upload']) {
      expect(subgraph).toMatch(new RegExp(`^(type|scalar|input|interface) ${name}\\b`, 'm'));
      expect(client.getType(name), name).toBeDefined();
    }
    expect(Object.keys(client.getSubscriptionType()!.getFields())).toContain('messageAdded');
  });
});
