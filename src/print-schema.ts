/**
 * Writes the schema as sorted subgraph SDL to schema.graphql (`npm run schema:print`): the
 * federation-aware printer keeps `@link`, `@key` and `@shareable`, which composition (rover,
 * @apollo/composition) needs, and leaves out `_service`/`_entities`, which the router adds.
 * test/schema/schema-file.test.ts fails when the checked-in file drifts from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSortedSubgraphSchema } from './federation/print-subgraph.js';
import { schema } from './schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function printSortedSchema(): string {
  return printSortedSubgraphSchema(schema);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printSortedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
