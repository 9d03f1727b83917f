// Schema rewrites applied to a copy of an OpenAPI document before it is handed to ajv.
//
// 1. `nullable: true` (OpenAPI 3.0) becomes `anyOf: [{ type: 'null' }, <schema>]`.
//    SPEC EXCEPTION (v3): linq-api-v3.yaml declares OpenAPI 3.1 / JSON Schema 2020-12 but still
//    writes `nullable: true` in 61 places (e.g. Chat.display_name, Message.sent_at); 2020-12
//    ignores that keyword, which would make every such field non-nullable, contrary to
//    linq-api.md §3.2 (`display_name*?`, `delivered_at?` …). We therefore honour `nullable`
//    in both dialects.
//    It also covers `{ nullable: true, allOf: [$ref] }`, which ajv's own `nullable` rejects.
// 2. Optional strictness for sandbox responses (never used for requests):
//    - forbidUnknown: objects with `properties` and no `additionalProperties` get
//      `additionalProperties: false`, so the sandbox cannot invent fields.
//    - requireDeclared: every declared property becomes required (the v2 fragments declare no
//      `required` at all, so without this `{}` would satisfy every v2 schema).
// 3. `discriminator` is dropped: an annotation here, `oneOf` + the `type` enums already decide.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Strictness {
  forbidUnknown?: boolean;
  requireDeclared?: boolean;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLE = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
];
const ANNOTATIONS = new Set([
  'description',
  'example',
  'examples',
  'title',
  'deprecated',
  'default',
]);

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapValues(obj: JsonObject, fn: (v: Json) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fn(v);
  return out;
}

export function transformSchema(schema: Json, strict: Strictness): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'discriminator' || key === 'nullable') continue;
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = mapValues(value, (s) => transformSchema(s, strict));
    } else if (SCHEMA_ARRAYS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((s) => transformSchema(s, strict));
    } else if (SCHEMA_SINGLE.includes(key)) {
      out[key] = Array.isArray(value)
        ? value.map((s) => transformSchema(s, strict))
        : transformSchema(value, strict);
    } else {
      out[key] = value;
    }
  }
  const props = out['properties'];
  if (isObject(props) && !('$ref' in out)) {
    if (strict.forbidUnknown && !('additionalProperties' in out))
      out['additionalProperties'] = false;
    if (strict.requireDeclared) {
      const req = Array.isArray(out['required']) ? out['required'] : [];
      out['required'] = [...new Set([...req, ...Object.keys(props)])];
    }
  }
  if (schema['nullable'] !== true) return out;
  // Keep annotations outside, move the constraints into the non-null branch.
  const outer: JsonObject = {};
  const inner: JsonObject = {};
  for (const [k, v] of Object.entries(out)) (ANNOTATIONS.has(k) ? outer : inner)[k] = v;
  if (Array.isArray(inner['enum'])) inner['enum'] = [...inner['enum'], null];
  outer['anyOf'] = [{ type: 'null' }, inner];
  return outer;
}

function transformContent(content: Json, strict: Strictness): Json {
  if (!isObject(content)) return content;
  return mapValues(content, (media) => {
    if (!isObject(media)) return media;
    const { schema, ...rest } = media;
    return schema === undefined ? media : { ...rest, schema: transformSchema(schema, strict) };
  });
}

function transformParams(params: Json): Json {
  if (!Array.isArray(params)) return params;
  return params.map((p) =>
    isObject(p) && p['schema'] !== undefined
      ? { ...p, schema: transformSchema(p['schema'], {}) }
      : p,
  );
}

function transformResponse(resp: Json, strict: Strictness): Json {
  if (!isObject(resp)) return resp;
  const out: JsonObject = { ...resp };
  if (resp['content'] !== undefined) out['content'] = transformContent(resp['content'], strict);
  if (isObject(resp['headers'])) {
    out['headers'] = mapValues(resp['headers'], (h) =>
      isObject(h) && h['schema'] !== undefined
        ? { ...h, schema: transformSchema(h['schema'], {}) }
        : h,
    );
  }
  return out;
}

function transformOperation(op: Json, strict: Strictness): Json {
  if (!isObject(op)) return op;
  const out: JsonObject = { ...op, parameters: transformParams(op['parameters'] ?? []) };
  const body = op['requestBody'];
  if (isObject(body))
    out['requestBody'] = { ...body, content: transformContent(body['content'] ?? {}, {}) };
  if (isObject(op['responses'])) {
    out['responses'] = mapValues(op['responses'], (r) => transformResponse(r, strict));
  }
  return out;
}

/**
 * Returns a rewritten copy of an OpenAPI document. `strict` reaches every schema that can be
 * referenced (components), so a strict copy must only be used to validate responses.
 */
export function transformDocument(doc: JsonObject, strict: Strictness): JsonObject {
  const components = isObject(doc['components']) ? doc['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  const responses = isObject(components['responses']) ? components['responses'] : {};
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  return {
    ...doc,
    components: {
      ...components,
      schemas: mapValues(schemas, (s) => transformSchema(s, strict)),
      responses: mapValues(responses, (r) => transformResponse(r, strict)),
    },
    paths: mapValues(paths, (item) => {
      if (!isObject(item)) return item;
      return mapValues(item, (op) =>
        Array.isArray(op) ? transformParams(op) : transformOperation(op, strict),
      );
    }),
  };
}
