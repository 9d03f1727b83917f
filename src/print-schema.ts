/**
 * Writes the schema as sorted SDL to schema.graphql (`npm run schema:print`).
 * test/schema/schema-file.test.ts fails when the checked-in file drifts from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The explicit CommonJS entry is what Node itself resolves for 'graphql' (and so what Pothos
// uses); Vite-based runners would otherwise pick index.mjs, a second copy of graphql.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printSortedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
