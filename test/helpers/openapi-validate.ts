// Request / response validation against one operation of the Linq OpenAPI documents.
import { isObject, type Json, type JsonObject, type Strictness } from './openapi-transform.js';
import { isFormEntries, mapMultipart, type FormEntries } from './openapi-multipart.js';
import {
  ERROR_SCHEMA,
  GENERIC,
  dialectOf,
  formatErrors,
  instance,
  resolve,
  validator,
  type Compiled,
} from './openapi-spec.js';

export type QueryValue = string | number | boolean | Array<string | number> | undefined;

export interface RequestInput {
  /** Path parameters by name (checked when given). */
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  /** When given, the security scheme's credential must be present. */
  headers?: Record<string, string | undefined>;
  /** A JSON value, or form entries for multipart/form-data. */
  body?: unknown;
  contentType?: string;
}

export interface ResponseOptions {
  headers?: Record<string, string | string[] | undefined>;
  strict?: Strictness;
  /**
   * Narrow allowance for a documented spec gap: validate against the response declared for this
   * status instead (e.g. v2 idempotent replay answers 200 with the 201 body).
   */
  validateAs?: number;
}

const keysOf = (o: JsonObject): string => Object.keys(o).join(', ');

function operation(c: Compiled, route: string): { op: JsonObject; item: JsonObject } {
  const [method = '', path = ''] = route.split(' ');
  const paths = c.doc['paths'];
  const item = isObject(paths) ? paths[path] : undefined;
  const op = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(item) || !isObject(op)) throw new Error(`No operation '${route}' in the spec`);
  return { op, item };
}

function check(c: Compiled, schema: Json, key: string, value: unknown, where: string): string[] {
  const fn = validator(c, schema, key);
  return fn(value) ? [] : formatErrors(fn.errors, where);
}

function coerce(schema: Json, raw: QueryValue): unknown {
  const type = isObject(schema) ? schema['type'] : undefined;
  if (type === 'array') {
    const list = Array.isArray(raw) ? raw : [raw];
    const items = isObject(schema) ? schema['items'] : undefined;
    return list.map((v) => coerce(items ?? {}, v as QueryValue));
  }
  if (Array.isArray(raw)) return raw; // repeated scalar: the schema will reject it
  const s = String(raw);
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (type === 'boolean' && (s === 'true' || s === 'false')) return s === 'true';
  return s;
}

function checkParams(
  c: Compiled,
  route: string,
  input: RequestInput,
  op: JsonObject,
  item: JsonObject,
): string[] {
  const errors: string[] = [];
  const declared = [
    ...(Array.isArray(item['parameters']) ? item['parameters'] : []),
    ...(Array.isArray(op['parameters']) ? op['parameters'] : []),
  ]
    .map((p) => resolve(c.doc, p))
    .filter(isObject);
  const seenQuery = new Set<string>();
  for (const p of declared) {
    const name = String(p['name']);
    const loc = p['in'];
    const source = loc === 'path' ? input.path : loc === 'query' ? input.query : undefined;
    if (loc === 'query') seenQuery.add(name);
    if (source === undefined && loc !== 'query') continue;
    const raw = source?.[name];
    if (raw === undefined) {
      if (p['required'] === true) errors.push(`${loc} parameter '${name}': required`);
      continue;
    }
    const key = `param:${route}:${String(loc)}:${name}`;
    errors.push(
      ...check(c, p['schema'] ?? {}, key, coerce(p['schema'] ?? {}, raw), `${loc}.${name}`),
    );
  }
  for (const [name, v] of Object.entries(input.query ?? {})) {
    if (v !== undefined && !seenQuery.has(name))
      errors.push(`query parameter '${name}': not declared`);
  }
  return errors;
}

function checkSecurity(c: Compiled, headers: Record<string, string | undefined>): string[] {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const schemes = (c.doc['components'] as JsonObject)['securitySchemes'];
  for (const scheme of Object.values(isObject(schemes) ? schemes : {})) {
    if (!isObject(scheme)) continue;
    if (scheme['type'] === 'apiKey' && scheme['in'] === 'header') {
      const name = String(scheme['name']);
      if (!lower.get(name.toLowerCase())) return [`header '${name}': required credential missing`];
    }
    if (scheme['type'] === 'http' && scheme['scheme'] === 'bearer') {
      if (!/^Bearer \S+/.test(lower.get('authorization') ?? '')) {
        return [`header 'Authorization': 'Bearer <token>' credential missing`];
      }
    }
  }
  return [];
}

function checkBody(c: Compiled, route: string, input: RequestInput, op: JsonObject): string[] {
  const rb = resolve(c.doc, op['requestBody'] ?? null);
  if (input.body === undefined) {
    return isObject(rb) && rb['required'] === true ? ['body: required'] : [];
  }
  if (!isObject(rb) || !isObject(rb['content']))
    return ['body: the operation declares no request body'];
  const multipart = isFormEntries(input.body);
  const type = (
    input.contentType ?? (multipart ? 'multipart/form-data' : 'application/json')
  ).split(';')[0]!;
  const media = rb['content'][type.trim().toLowerCase()];
  if (!isObject(media)) {
    return [`body: content type '${type}' not accepted (declared: ${keysOf(rb['content'])})`];
  }
  const schema = media['schema'] ?? {};
  const key = `body:${route}:${type}`;
  if (type === 'multipart/form-data') {
    const resolved = resolve(c.doc, schema);
    if (!multipart || !isObject(resolved))
      return ['body: expected form entries for multipart/form-data'];
    const [obj, errors] = mapMultipart(resolved, input.body as FormEntries);
    return [...errors, ...check(c, schema, key, obj, 'form')];
  }
  return check(c, schema, key, input.body, 'body');
}

/** Validates a request the caller sends (or intends to send). Returns readable errors. */
export function validateRequest(route: string, input: RequestInput = {}): string[] {
  const c = instance(dialectOf(route), {});
  const { op, item } = operation(c, route);
  return [
    ...checkParams(c, route, input, op, item),
    ...(input.headers ? checkSecurity(c, input.headers) : []),
    ...checkBody(c, route, input, op),
  ];
}

/** Status codes the spec declares for an operation, as numbers (e.g. [200, 401]). */
export function declaredStatuses(route: string): number[] {
  const { op } = operation(instance(dialectOf(route), {}), route);
  return Object.keys(isObject(op['responses']) ? op['responses'] : {})
    .map(Number)
    .filter(Number.isFinite);
}

function responseFor(c: Compiled, route: string, status: number): JsonObject | string {
  const dialect = dialectOf(route);
  const { op } = operation(c, route);
  const responses = isObject(op['responses']) ? op['responses'] : {};
  const found =
    responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses['default'];
  const resolved = found === undefined ? undefined : resolve(c.doc, found);
  if (isObject(resolved)) return resolved;
  if (GENERIC[dialect].includes(status) || status >= 500) {
    const ref = { $ref: `#/components/schemas/${ERROR_SCHEMA[dialect]}` };
    return { content: { 'application/json': { schema: ref } } };
  }
  return `status ${status} is not declared for ${route} (declared: ${keysOf(responses)})`;
}

function checkHeaders(
  c: Compiled,
  route: string,
  status: number,
  resp: JsonObject,
  opts: ResponseOptions,
): string[] {
  const declared = isObject(resp['headers']) ? resp['headers'] : {};
  const errors: string[] = [];
  const got = new Map(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, h] of Object.entries(declared)) {
    const header = resolve(c.doc, h);
    if (!isObject(header) || opts.headers === undefined) continue;
    const raw = got.get(name.toLowerCase());
    if (raw === undefined) {
      if (header['required'] === true) errors.push(`header '${name}': required`);
      continue;
    }
    const value = coerce(header['schema'] ?? {}, Array.isArray(raw) ? raw.join(', ') : raw);
    errors.push(
      ...check(
        c,
        header['schema'] ?? {},
        `hdr:${route}:${status}:${name}`,
        value,
        `header.${name}`,
      ),
    );
  }
  return errors;
}

/**
 * Validates a response: the status must be declared (or a documented generic error), the content
 * type must be declared, the body must match its schema (empty when no content is declared).
 * `body` is the parsed JSON, or undefined / '' for an empty body.
 */
export function validateResponse(
  route: string,
  status: number,
  contentType: string | undefined,
  body: unknown,
  opts: ResponseOptions = {},
): string[] {
  const c = instance(dialectOf(route), opts.strict ?? {});
  const resp = responseFor(c, route, opts.validateAs ?? status);
  if (typeof resp === 'string') return [resp];
  const errors = checkHeaders(c, route, status, resp, opts);
  const content = isObject(resp['content']) ? resp['content'] : {};
  const empty = body === undefined || body === '';
  if (Object.keys(content).length === 0) {
    return empty
      ? errors
      : [
          ...errors,
          `body: expected an empty body for ${status}, got ${JSON.stringify(body).slice(0, 80)}`,
        ];
  }
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const media = content[type];
  if (!isObject(media)) {
    return [
      ...errors,
      `content-type '${contentType ?? ''}' not declared (declared: ${keysOf(content)})`,
    ];
  }
  if (empty) return [...errors, `body: expected a ${type} body for ${status}, got none`];
  return [
    ...errors,
    ...check(c, media['schema'] ?? {}, `res:${route}:${status}:${type}`, body, 'body'),
  ];
}
