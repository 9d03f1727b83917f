import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSortedSchema, SCHEMA_FILE } from '../../src/print-schema.js';

describe('schema.graphql', () => {
  it('is the sorted print of the code schema (run `npm run schema:print` after changes)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSortedSchema());
  });
});
