/**
 * Writes the schema as sorted subgraph SDL to schema.graphql (`npm run schema:print`): the
 * federation-aware printer keeps `@link`, `@key` and `@shareable`, which composition (rover,
 * @apollo/composition) needs, and leaves out `_service`/`_entities`, which the router adds.
 * Beside it, schema.client.graphql: the same schema for frontend tools, with no federation
 * (federation/print-client.ts). test/schema/schema-file.test.ts fails when either file drifts
 * from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printClientSchema } from './federation/print-client.js';
import { printSortedSubgraphSchema } from './federation/print-subgraph.js';
import { schema } from './schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));
export const CLIENT_SCHEMA_FILE = fileURLToPath(
  new URL('../schema.client.graphql', import.meta.url),
);

export function printSortedSchema(): string {
  return printSortedSubgraphSchema(schema);
}

export function printSortedClientSchema(): string {
  return printClientSchema(schema);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printSortedSchema());
  writeFileSync(CLIENT_SCHEMA_FILE, printSortedClientSchema());
  console.log(`wrote ${SCHEMA_FILE} and ${CLIENT_SCHEMA_FILE}`);
}
