// multipart/form-data request bodies: OpenAPI describes them as an object whose property names are
// the form field names. We map form entries onto such an object (repeated fields → arrays, files →
// a placeholder string) so ajv can check names, required fields, patterns; and we check binary-ness
// (a `format: binary` field must be a file, every other field a plain string) ourselves.
import { isObject, type Json, type JsonObject } from './openapi-transform.js';

export type FormEntries = FormData | Array<[string, string | Blob]>;

const FILE_PLACEHOLDER = '<binary>';

function entriesOf(form: FormEntries): Array<[string, string | Blob]> {
  if (Array.isArray(form)) return form;
  const out: Array<[string, string | Blob]> = [];
  form.forEach((value, name) => out.push([name, value]));
  return out;
}

export function isFormEntries(body: unknown): body is FormEntries {
  if (typeof FormData !== 'undefined' && body instanceof FormData) return true;
  return (
    Array.isArray(body) &&
    body.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
  );
}

function isBinary(schema: Json | undefined): boolean {
  return isObject(schema) && schema['format'] === 'binary';
}

/**
 * Returns [object to validate with ajv, errors found while mapping]. `schema` is the resolved
 * multipart schema (an object with `properties`).
 */
export function mapMultipart(schema: JsonObject, form: FormEntries): [JsonObject, string[]] {
  const props = isObject(schema['properties']) ? schema['properties'] : {};
  const errors: string[] = [];
  const obj: JsonObject = {};
  for (const [name, value] of entriesOf(form)) {
    const prop = props[name];
    if (!isObject(prop)) {
      errors.push(`form field '${name}': not declared by the spec`);
      continue;
    }
    const isArray = prop['type'] === 'array';
    const wantsFile = isArray ? isBinary(prop['items']) : isBinary(prop);
    const isFile = typeof value !== 'string';
    if (wantsFile !== isFile) {
      errors.push(`form field '${name}': expected ${wantsFile ? 'a file' : 'a text value'}`);
    }
    const mapped: Json = isFile ? FILE_PLACEHOLDER : value;
    if (isArray) {
      const prev = obj[name];
      obj[name] = Array.isArray(prev) ? [...prev, mapped] : [mapped];
    } else if (name in obj) {
      errors.push(`form field '${name}': repeated, but the spec declares a single value`);
    } else {
      obj[name] = mapped;
    }
  }
  return [obj, errors];
}
