/**
 * `_entities` is capped like `nodes`: at most MAX_NODES representations per operation, counted
 * over every `_entities` field of it (aliases included) with variables resolved. Over the cap the
 * operation is refused as a whole with ENTITY_LIMIT_EXCEEDED, before any upstream call (a router
 * batching more references than that should split its fetches).
 */
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  getArgumentValues,
  getOperationAST,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useOperationGuard } from '../plugins/operation-guard.js';
import { MAX_NODES } from '../schema/relay/node.js';

export const ENTITY_LIMIT_EXCEEDED = 'ENTITY_LIMIT_EXCEEDED';

/**
 * Whether a document names an `_entities` field anywhere, kept per parsed document (a cached
 * document is checked once: most never name one, and then nothing is walked per request).
 */
const namesEntities = new WeakMap<DocumentNode, boolean>();

function mentionsEntities(document: DocumentNode): boolean {
  let found = namesEntities.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Field(node) {
        if (node.name.value !== '_entities') return undefined;
        found = true;
        return BREAK;
      },
    });
    namesEntities.set(document, found);
  }
  return found;
}

/** Representations asked for by the `_entities` fields at the root of the operation. */
export function countRepresentations(args: ExecutionArgs): number {
  if (!mentionsEntities(args.document)) return 0;
  const operation = getOperationAST(args.document, args.operationName);
  const field = args.schema.getQueryType()?.getFields()['_entities'];
  if (!operation || operation.operation !== 'query' || !field) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of args.document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '_entities') continue;
        const values = getArgumentValues(field, s, args.variableValues ?? {});
        const reps = values['representations'];
        total += Array.isArray(reps) ? reps.length : 0;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        total += count(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) total += count(fragment.selectionSet);
      }
    }
    return total;
  };
  try {
    return count(operation.selectionSet);
  } catch {
    return 0; // a bad argument: execution reports it (nothing is loaded)
  }
}

export function useEntitiesLimit(max: number = MAX_NODES): Plugin {
  return useOperationGuard((args) => {
    const found = countRepresentations(args);
    if (found <= max) return null;
    return new GraphQLError(
      `_entities can resolve at most ${max} representations per operation; got ${found}`,
      { extensions: { code: ENTITY_LIMIT_EXCEEDED, limit: max, found } },
    );
  });
}
