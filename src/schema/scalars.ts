/**
 * Custom scalars (graphql-scalars). Codegen maps both to `string` for clients (codegen.ts).
 *
 * - DateTime: RFC 3339 in, UTC ISO 8601 out. v2 timestamps with offsets and v3 timestamps with
 *   nanoseconds are normalised to one format (millisecond precision).
 * - URL: an absolute URL.
 * - Upload: a file of a GraphQL multipart request (graphql-upload-minimal's scalar; the value
 *   is a promise of the file, resolved when the body reaches it). Codegen maps it to `File`.
 */
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { builder } from './builder.js';

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('Upload', GraphQLUpload);

/** A DateTime argument as the ISO string the adapter takes. */
export function isoString(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}
