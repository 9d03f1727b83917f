/**
 * The client schema (`schema.client.graphql`): what a frontend's tools read (Relay compiler,
 * GraphQL Code Generator, IDE plugins). The subgraph SDL without its federation layer: no
 * `extend schema @link(…)` (relay-compiler cannot read it) and no `@key`/`@shareable`, which
 * mean nothing to a client. `_service`/`_entities` are not in the subgraph SDL either.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  buildASTSchema,
  lexicographicSortSchema,
  parse,
  printSchema,
  visit,
  type GraphQLSchema,
} from 'graphql';

const FEDERATION_DIRECTIVES = new Set(['link', 'key', 'shareable']);

export function printClientSchema(schema: GraphQLSchema): string {
  const subgraph = parse(printSubgraphSchema(schema), { noLocation: true });
  const client = visit(subgraph, {
    SchemaExtension: () => null,
    Directive: (node) => (FEDERATION_DIRECTIVES.has(node.name.value) ? null : undefined),
    DirectiveDefinition: (node) => (FEDERATION_DIRECTIVES.has(node.name.value) ? null : undefined),
  });
  return `${printSchema(lexicographicSortSchema(buildASTSchema(client)))}\n`;
}
