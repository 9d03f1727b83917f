/**
 * Sorted subgraph SDL: `printSubgraphSchema` (from @apollo/subgraph) keeps the federation
 * directives (`@link`, `@key`, `@shareable`) that plain `printSchema` drops, but prints fields in
 * definition order. Sorting the printed document's definitions, fields, arguments and values by
 * name gives the same stable, reviewable diffs as `lexicographicSortSchema`.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type GraphQLSchema,
  type NameNode,
} from 'graphql';

const byName = <T extends { readonly name: NameNode }>(nodes: readonly T[] | undefined) =>
  nodes ? [...nodes].sort((a, b) => a.name.value.localeCompare(b.name.value, 'en')) : nodes;

function definitionRank(node: DefinitionNode): string {
  // Schema definitions/extensions first (the @link), then every named definition by name.
  if (node.kind === Kind.SCHEMA_DEFINITION || node.kind === Kind.SCHEMA_EXTENSION) return '';
  return 'name' in node && node.name ? `~${node.name.value}` : '~';
}

export function printSortedSubgraphSchema(schema: GraphQLSchema): string {
  const document = parse(printSubgraphSchema(schema), { noLocation: true });
  const sorted = visit(document, {
    Document: (node) => ({
      ...node,
      definitions: [...node.definitions].sort((a, b) =>
        definitionRank(a) < definitionRank(b) ? -1 : definitionRank(a) > definitionRank(b) ? 1 : 0,
      ),
    }),
    FieldDefinition: (node) => ({ ...node, arguments: byName(node.arguments) }),
    ObjectTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    InterfaceTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    InputObjectTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    EnumTypeDefinition: (node) => ({ ...node, values: byName(node.values) }),
    UnionTypeDefinition: (node) => ({ ...node, types: byName(node.types) }),
  });
  return `${spaceOutDescriptions(print(sorted))}\n`;
}

/** A blank line before each described field, argument or value, as `printSchema` prints. */
function spaceOutDescriptions(sdl: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of sdl.split('\n')) {
    const text = line.trim();
    if (inBlock) {
      if (text === '"""') inBlock = false;
    } else if (text.startsWith('"""') && line.startsWith(' ')) {
      const previous = out.at(-1)?.trimEnd() ?? '';
      if (!previous.endsWith('{') && !previous.endsWith('(')) out.push('');
      inBlock = text === '"""';
    } else if (text.startsWith('"""')) {
      inBlock = text === '"""';
    }
    out.push(line);
  }
  return out.join('\n');
}
