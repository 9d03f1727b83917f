/**
 * Custom scalars (graphql-scalars). Codegen maps both to `string` for clients (codegen.ts).
 *
 * - DateTime: RFC 3339 in, UTC ISO 8601 out. v2 timestamps with offsets and v3 timestamps with
 *   nanoseconds are normalised to one format (millisecond precision).
 * - URL: an absolute URL.
 * - Upload: a file of a GraphQL multipart request (graphql-upload-minimal's scalar; the value
 *   is a promise of the file, resolved when the body reaches it). Codegen maps it to `File`.
 */
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { builder } from './builder.js';

/** What `Date.prototype.toJSON` prints for years 0000–9999: the scalar's output format. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * graphql-scalars' DateTime, with one shortcut on output: a string already in the output format
 * and naming a real instant (e.g. v3's `sent_at` with milliseconds) is returned as it is, where
 * the original validates it with a long pattern, builds a Date, and JSON.stringify prints it
 * back to the same string. Anything else (offsets, nanoseconds, Dates) takes the original path.
 */
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize(value) {
    if (typeof value === 'string' && CANONICAL.test(value)) {
      const time = Date.parse(value);
      if (!Number.isNaN(time) && new Date(time).toISOString() === value) return value;
    }
    return DateTimeResolver.serialize(value);
  },
});

builder.addScalarType('DateTime', DateTime);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('Upload', GraphQLUpload);

/** A DateTime argument as the ISO string the adapter takes. */
export function isoString(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}
