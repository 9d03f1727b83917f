/**
 * Custom scalars (graphql-scalars). Codegen maps both to `string` for clients (codegen.ts).
 *
 * - DateTime: RFC 3339 in, UTC ISO 8601 out. v2 timestamps with offsets and v3 timestamps with
 *   nanoseconds are normalised to one format (millisecond precision).
 * - URL: an absolute URL.
 */
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { builder } from './builder.js';

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);

/** A DateTime argument as the ISO string the adapter takes. */
export function isoString(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}
