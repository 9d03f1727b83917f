/**
 * Minimal runtime checks for upstream bodies. The mappers read DTO-typed objects, but the
 * upstream is not trusted: each field the mapping needs is checked here, and a mismatch becomes
 * a BadUpstreamResponseError naming the field (never its value).
 */
import { BadUpstreamResponseError } from './errors.js';

/**
 * `what` names the value; `field`, when given, is appended (`what.field`). The path is only
 * put together here, on failure, so a successful check allocates nothing.
 */
function bad(what: string, expected: string, field?: string): never {
  const path = field === undefined ? what : `${what}.${field}`;
  throw new BadUpstreamResponseError(`Linq: unexpected response shape: ${path} is not ${expected}`);
}

/** A plain object typed as the DTO `T` (fields still unchecked). */
export function obj<T extends object>(v: unknown, what: string): T {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(what, 'an object');
  return v as T;
}

export function arr<T>(v: unknown, what: string): T[] {
  if (!Array.isArray(v)) bad(what, 'an array');
  return v as T[];
}

/** Optional array: missing or null → []. */
export function optArr<T>(v: unknown, what: string): T[] {
  return v === undefined || v === null ? [] : arr<T>(v, what);
}

export function str(v: unknown, what: string, field?: string): string {
  if (typeof v !== 'string') bad(what, 'a string', field);
  return v;
}

export function optStr(v: unknown, what: string, field?: string): string | null {
  return v === undefined || v === null ? null : str(v, what, field);
}

/** An id: a string, or (v2) an integer rendered in base 10. */
export function id(v: unknown, what: string, field?: string): string {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && v.length > 0) return v;
  return bad(what, 'an id', field);
}

export function optId(v: unknown, what: string, field?: string): string | null {
  return v === undefined || v === null ? null : id(v, what, field);
}

export function num(v: unknown, what: string, field?: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(what, 'a number', field);
  return v;
}

export function optNum(v: unknown, what: string, field?: string): number | null {
  return v === undefined || v === null ? null : num(v, what, field);
}

export function bool(v: unknown, what: string, field?: string): boolean {
  if (typeof v !== 'boolean') bad(what, 'a boolean', field);
  return v;
}

export function optBool(v: unknown, what: string, field?: string): boolean | null {
  return v === undefined || v === null ? null : bool(v, what, field);
}

/** One of `map`'s keys mapped to its value; unknown values are a shape error. */
export function oneOf<K extends string, V>(v: unknown, map: Record<K, V>, what: string): V {
  if (typeof v !== 'string' || !Object.hasOwn(map, v)) bad(what, `one of ${Object.keys(map)}`);
  return map[v as K];
}

export function optOneOf<K extends string, V>(
  v: unknown,
  map: Record<K, V>,
  what: string,
  field?: string,
): V | null {
  if (v === undefined || v === null) return null;
  // Forward compatible: a value added upstream later (a new service, a new status) reads as null.
  return Object.hasOwn(map, str(v, what, field)) ? map[v as K] : null;
}
