/**
 * The known operations of the lane: a document (by its text, or by its trusted-document id)
 * parsed and validated once by Yoga's own `parse` and `validate` (the same cache, limits and
 * rules as every other request), then compiled by graphql-jit. Only what the lane may serve
 * gets a plan: one query operation, compilable (plugins/use-jit.ts), selecting plain fields at
 * its root that are not federation or introspection fields. Anything else is remembered as
 * `NOT_SERVED`, and Yoga answers it.
 */
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import {
  Kind,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LruMap } from '../plugins/lru-map.js';
import { compilable } from '../plugins/use-jit.js';

export interface Plan {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** The operation's own name (null when anonymous). */
  readonly name: string | null;
  readonly compiled: CompiledQuery;
}

export const NOT_SERVED = 'not served';
type Entry = Plan | typeof NOT_SERVED;

/** Yoga's parse and validate, with its plugins (Envelop's getEnveloped). */
export interface Prepare {
  schema: GraphQLSchema;
  parse(text: string): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/** Root fields the lane leaves to Yoga: federation's and introspection's. */
const SPECIAL_ROOT_FIELDS = new Set(['_entities', '_service', '__schema', '__type']);

function servedOperation(document: DocumentNode): OperationDefinitionNode | null {
  if (!compilable({ document })) return null;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || SPECIAL_ROOT_FIELDS.has(selection.name.value)) {
      return null;
    }
  }
  return operation;
}

export class Plans {
  readonly #entries: LruMap<Entry>;
  constructor(
    readonly prepare: () => Prepare,
    /** Most documents kept (least recently used out first). */
    max = 1000,
  ) {
    this.#entries = new LruMap(max);
  }

  /** The plan of `text` (kept under `key`), or NOT_SERVED. */
  planOf(key: string, text: string): Entry {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = this.#plan(text);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  #plan(text: string): Entry {
    const { schema, parse, validate } = this.prepare();
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch {
      return NOT_SERVED;
    }
    if (validate(schema, document).length > 0) return NOT_SERVED;
    const operation = servedOperation(document);
    if (!operation) return NOT_SERVED;
    const compiled = compileQuery(schema, document, operation.name?.value);
    if (!isCompiledQuery(compiled)) return NOT_SERVED;
    return { schema, document, name: operation.name?.value ?? null, compiled };
  }
}
