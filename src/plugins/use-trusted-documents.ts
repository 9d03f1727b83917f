/**
 * Trusted documents (persisted operations) and automatic persisted queries, on Yoga's
 * persisted-operations plugin.
 *
 * - A manifest maps operation ids to documents: the `persisted-documents.json` that GraphQL Code
 *   Generator's client preset writes, or Relay's `--persist-output` file (both `{ id: text }`).
 *   Every document is parsed and validated against the schema at start (a bad manifest stops the
 *   process, naming the ids), and kept parsed: a request by id is never parsed again.
 * - A request names its operation by `documentId` (GraphQL over HTTP), `doc_id` (Relay) or
 *   `extensions.persistedQuery.sha256Hash` (Apollo, codegen), over POST or GET.
 * - `only`: full query text is refused (`PERSISTED_QUERY_ONLY`); only the manifest runs.
 * - Otherwise automatic persisted queries (Apollo's APQ protocol) work too: a hash the gateway
 *   does not know answers `PERSISTED_QUERY_NOT_FOUND`; the client sends the text with its hash,
 *   the gateway checks the hash and remembers the document (bounded, least recently used first
 *   out). APQ never widens what may run: the document is validated and limited like any other.
 */
import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { LruMap } from './lru-map.js';
import { TrustedDocumentsError } from './trusted-manifest.js';

export interface TrustedDocumentsOptions {
  /** Operation id → document text. */
  manifest: ReadonlyMap<string, string>;
  /** Accept only documents of the manifest. @default false */
  only?: boolean;
  /** Remember documents sent with their hash (APQ). Ignored with `only`. @default true */
  apq?: boolean;
  /** Most APQ documents remembered. @default 1000 */
  apqMaxDocuments?: number;
}

/** Parses and validates every document; throws one error naming each bad id. */
export function compileManifest(
  schema: GraphQLSchema,
  manifest: ReadonlyMap<string, string>,
): Map<string, DocumentNode> {
  const compiled = new Map<string, DocumentNode>();
  const bad: string[] = [];
  for (const [id, text] of manifest) {
    try {
      const document = parse(text);
      const errors = validate(schema, document);
      if (errors.length > 0) throw new Error(errors[0]?.message);
      compiled.set(id, document);
    } catch (error) {
      bad.push(`${id}: ${(error as Error).message}`);
    }
  }
  if (bad.length > 0) {
    throw new TrustedDocumentsError(`invalid trusted documents: ${bad.slice(0, 5).join('; ')}`);
  }
  return compiled;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const apolloHash = (params: GraphQLParams): string | null => {
  const pq = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } })
    ?.persistedQuery;
  return pq && pq.version === 1 && typeof pq.sha256Hash === 'string' ? pq.sha256Hash : null;
};

/** The operation id a request names, if any (GET carries it in the URL). */
function operationIdOf(params: GraphQLParams, request: Request): string | null {
  const body = params as { documentId?: unknown; doc_id?: unknown };
  if (typeof body.documentId === 'string') return body.documentId;
  if (typeof body.doc_id === 'string') return body.doc_id;
  if (request.method === 'GET') {
    const search = new URL(request.url).searchParams;
    const id = search.get('documentId') ?? search.get('doc_id');
    if (id) return id;
  }
  return apolloHash(params);
}

export function useTrustedDocuments(
  schema: GraphQLSchema,
  options: TrustedDocumentsOptions,
): Plugin[] {
  const documents = compileManifest(schema, options.manifest);
  const only = options.only ?? false;
  const apq =
    !only && (options.apq ?? true) ? new LruMap<string>(options.apqMaxDocuments ?? 1000) : null;

  // APQ registration: text sent with its hash is checked and remembered; the request then runs
  // as a plain query.
  const register: Plugin = {
    onParams({ params }) {
      const hash = apolloHash(params);
      if (!apq || hash === null || !params.query) return;
      if (sha256(params.query) !== hash) {
        throw createGraphQLError('The persisted query hash does not match the query', {
          extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
        });
      }
      apq.set(hash, params.query);
    },
  };

  const persisted = usePersistedOperations({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params, request) => operationIdOf(params, request),
    getPersistedOperation: (id) => documents.get(id) ?? apq?.get(id) ?? null,
    customErrors: {
      notFound: apq
        ? { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }
        : {
            message: 'This operation id is not a trusted document',
            extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
          },
      persistedQueryOnly: {
        message: 'Only trusted documents run here: send the operation id, not its text',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a query, or the id of a trusted document (documentId)',
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
    },
  }) as Plugin;
  return [register, persisted];
}
