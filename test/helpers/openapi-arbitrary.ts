// fast-check arbitraries of the values an OpenAPI schema permits (both Linq documents: OpenAPI
// 3.0 `nullable` and 3.1 type arrays), for property tests of the gateway's leniency: $ref,
// allOf/oneOf/anyOf, enum/const, nullable, arrays and string formats. Documented properties are
// all present.
// Free-form strings are any strings: the spec allows them, so the gateway must too.
import fc, { type Arbitrary } from 'fast-check';
import { isObject, type Json, type JsonObject } from './openapi-transform.js';

const FORMATS: Record<string, Arbitrary<string>> = {
  'date-time': fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  date: fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  uuid: fc.uuid(),
  email: fc.emailAddress(),
  uri: fc.webUrl(),
  url: fc.webUrl(),
};

/** Resolves `#/components/schemas/X` style pointers of `doc`. */
function resolveRef(doc: JsonObject, ref: string): JsonObject {
  let node: Json = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    node = isObject(node) ? (node[part] as Json) : null;
  }
  if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  const types = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  if (types.length === 0 && isObject(schema.properties)) types.push('object');
  return types;
}

export function arbitraryOf(doc: JsonObject, schema: Json, depth = 0): Arbitrary<unknown> {
  if (!isObject(schema)) return fc.anything();
  if (typeof schema.$ref === 'string') return arbitraryOf(doc, resolveRef(doc, schema.$ref), depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return fc.oneof(...options.map((s) => arbitraryOf(doc, s, depth)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    return arbitraryOf(doc, schema.allOf[0] ?? {}, depth);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => arbitraryOf(doc, s, depth));
    return fc
      .tuple(...parts)
      .map((values) => Object.assign({}, ...values.filter((v) => isObject(v as Json))) as unknown);
  }
  const types = typesOf(schema);
  if (types.length === 0) return fc.constant(null);
  return fc.oneof(...types.map((type) => typed(doc, schema, type, depth)));
}

function typed(
  doc: JsonObject,
  schema: JsonObject,
  type: string,
  depth: number,
): Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -(2 ** 31);
      const max = typeof schema.maximum === 'number' ? schema.maximum : 2 ** 31 - 1;
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'string': {
      const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
      return format ?? fc.string({ maxLength: 40, unit: 'grapheme' });
    }
    case 'array': {
      const item = arbitraryOf(doc, schema.items ?? {}, depth + 1);
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const most = typeof schema.maxItems === 'number' ? schema.maxItems : 3;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, depth > 4 ? 0 : most) });
    }
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const record: Record<string, Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) {
        // Identifiers are database keys: positive (the v2 document gives no minimum).
        const key = isObject(sub) && sub.type === 'integer' && /(^|_)id$/.test(name);
        record[name] = key
          ? fc.integer({ min: 1, max: 2 ** 31 - 1 })
          : arbitraryOf(doc, sub, depth + 1);
      }
      // Every documented property is present (the v2 document marks none required, yet a
      // response without its `data` means nothing); its value is anything the spec allows.
      return fc.record(record);
    }
    default:
      return fc.constant(null);
  }
}
