// Loads the Linq OpenAPI documents (spec/linq) and compiles their schemas with ajv
// (v2: OpenAPI 3.0.3 → draft-07; v3: OpenAPI 3.1 → 2020-12). Used by ./openapi.ts.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import {
  isObject,
  transformDocument,
  type Json,
  type JsonObject,
  type Strictness,
} from './openapi-transform.js';

export type Dialect = 'v2' | 'v3';

const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;
export const SPEC_FILES: Record<Dialect, URL> = {
  v2: new URL('../../spec/linq/linq-api-v2.json', import.meta.url),
  v3: new URL('../../spec/linq/linq-api-v3.yaml', import.meta.url),
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
/** Error schema used for generic (undeclared but documented) error statuses. */
export const ERROR_SCHEMA: Record<Dialect, string> = { v2: 'Error', v3: 'ErrorResponse' };
/**
 * Statuses linq-api.md §7 documents as possible on any operation of the dialect. The v2 fragments
 * declare almost no error responses ("status codes seen: 400, 401, 403, 404, 422, 429"); v3
 * declares
 * them per operation, so only auth/lookup/limit/server errors and 400 (codes 1001–1005 apply to
 * every endpoint) are generic there. Anything else undeclared is a contract violation.
 */
export const GENERIC: Record<Dialect, number[]> = {
  v2: [400, 401, 403, 404, 422, 429],
  v3: [400, 401, 403, 404, 429],
};

export const rawSpecs: Record<Dialect, JsonObject> = {
  v2: JSON.parse(readFileSync(SPEC_FILES.v2, 'utf8')) as JsonObject,
  v3: parseYaml(readFileSync(SPEC_FILES.v3, 'utf8')) as JsonObject,
};

/**
 * SPEC GAPS patched into the copy that is compiled (rawSpecs stays verbatim), each documented:
 * - v3 ErrorDetail lacks `retry_after`, which linq-api.md §7/§8 documents on 429
 *   ("error.retry_after: int is added"). Declared here as an optional integer; openapi-cases.ts
 *   checks it appears only on 429 and equals the Retry-After header.
 */
function patched(dialect: Dialect): JsonObject {
  const doc = structuredClone(rawSpecs[dialect]);
  if (dialect === 'v3') {
    const detail = ((doc['components'] as JsonObject)['schemas'] as JsonObject)[
      'ErrorDetail'
    ] as JsonObject;
    (detail['properties'] as JsonObject)['retry_after'] = { type: 'integer', minimum: 0 };
  }
  return doc;
}

export interface Operation {
  route: string;
  dialect: Dialect;
  method: string;
  path: string;
  operationId: string | undefined;
  statuses: string[];
}

export function dialectOf(route: string): Dialect {
  const path = route.split(' ')[1] ?? '';
  return path.startsWith('/api/partner/v2/') ? 'v2' : 'v3';
}

/** Every operation of a spec (webhooks excluded), in document order. */
export function listOperations(dialect: Dialect): Operation[] {
  const paths = rawSpecs[dialect]['paths'];
  const ops: Operation[] = [];
  if (!isObject(paths)) return ops;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method) || !isObject(op)) continue;
      const responses = isObject(op['responses']) ? Object.keys(op['responses']) : [];
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
      const route = `${method.toUpperCase()} ${path}`;
      ops.push({
        route,
        dialect,
        method: method.toUpperCase(),
        path,
        operationId,
        statuses: responses,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// ajv instances: one per (dialect, strictness); whole transformed document added under an $id.

export interface Compiled {
  doc: JsonObject;
  id: string;
  ajv: Ajv | Ajv2020;
  cache: Map<string, ValidateFunction>;
}
const instances = new Map<string, Compiled>();

export function instance(dialect: Dialect, strict: Strictness): Compiled {
  const key = `${dialect}:${strict.forbidUnknown === true}:${strict.requireDeclared === true}`;
  const found = instances.get(key);
  if (found) return found;
  const doc = transformDocument(patched(dialect), strict);
  const opts = { strict: false, allErrors: true, validateFormats: true } as const;
  const ajv = dialect === 'v3' ? new Ajv2020(opts) : new Ajv(opts);
  addFormats(ajv);
  const id = `https://contract.test/${key.replace(/:/g, '-')}.json`;
  // Only `components` is registered as a schema resource; refs are all '#/components/...'.
  ajv.addSchema({ $id: id, components: doc['components'] ?? {} }, id);
  const compiled: Compiled = { doc, id, ajv, cache: new Map() };
  instances.set(key, compiled);
  return compiled;
}

export function validator(c: Compiled, schema: Json, cacheKey: string): ValidateFunction {
  const hit = c.cache.get(cacheKey);
  if (hit) return hit;
  const fn = c.ajv.compile({ $id: `${c.id}/${c.cache.size}`, ...rebase(schema, c.id) } as object);
  c.cache.set(cacheKey, fn);
  return fn;
}

/** Inline schemas refer to '#/components/...'; point those refs at the registered document. */
function rebase(schema: Json, id: string): JsonObject {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/') ? `${id}${x}` : walk(x);
    }
    return out;
  };
  const r = walk(schema);
  return isObject(r) ? r : { const: r };
}

export function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
          : '';
    return `${where}${e.instancePath || ''}: ${e.message ?? e.keyword}${extra}`;
  });
}

export function findOperation(route: string): {
  dialect: Dialect;
  op: JsonObject;
  item: JsonObject;
} {
  const dialect = dialectOf(route);
  const [method = '', path = ''] = route.split(' ');
  const item = (rawSpecs[dialect]['paths'] as JsonObject)[path];
  const op = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(item) || !isObject(op))
    throw new Error(`No operation ${route} in the ${dialect} spec`);
  return { dialect, op, item };
}

export function resolve(doc: JsonObject, value: Json): Json {
  let v = value;
  for (let i = 0; i < 10 && isObject(v) && typeof v['$ref'] === 'string'; i++) {
    const parts = v['$ref']
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let cur: Json = doc;
    for (const p of parts) cur = isObject(cur) ? (cur[p] ?? null) : null;
    v = cur;
  }
  return v;
}
