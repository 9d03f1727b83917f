// Every GraphQL document in the README (```graphql blocks and the queries of its curl examples)
// is valid against the schema the gateway serves on the embedded sandbox.
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { schema } from '../../src/schema/index.js';
import { withSandboxMutations } from '../../src/schema/mutations/sandbox.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function readmeDocuments(): string[] {
  const blocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const curls = [...README.matchAll(/'(\{"query":.*?\})'/g)].map(
    (m) => (JSON.parse(m[1]!) as { query: string }).query,
  );
  const operations = [...README.matchAll(/operations='(\{.*?\})'/g)].map(
    (m) => (JSON.parse(m[1]!) as { query: string }).query,
  );
  return [...blocks, ...curls, ...operations];
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.close());

describe('README', () => {
  it('has documents that are all valid against the schema', () => {
    const documents = readmeDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(5);
    const served = withSandboxMutations(schema, sandbox.controls);
    for (const document of documents) {
      const errors = validate(served, parse(document)).map((e) => e.message);
      expect(errors, document).toEqual([]);
    }
  });
});
