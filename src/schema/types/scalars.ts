/**
 * Custom scalars (graphql-scalars). Codegen maps both to `string` for clients (codegen.ts).
 *
 * - DateTime: RFC 3339 in, UTC ISO 8601 out. v2 timestamps with offsets and v3 timestamps with
 *   nanoseconds are normalised to one format (millisecond precision).
 * - URL: a link. On output, Linq's value as it came when it is not an absolute URL (the v2 spec
 *   types `Attachment.url` as a plain string); on input, an absolute URL.
 * - A value the upstream spec forbids (e.g. a DateTime that is no instant) fails only its field,
 *   with `extensions.code: BAD_UPSTREAM_RESPONSE`, never a masked internal error.
 * - Upload: a file of a GraphQL multipart request (graphql-upload-minimal's scalar; the value
 *   is a promise of the file, resolved when the body reaches it). Codegen maps it to `File`.
 */
import { GraphQLScalarType, type GraphQLScalarSerializer } from 'graphql';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { createGraphQLError } from 'graphql-yoga';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { builder } from '../builder.js';

/** What `Date.prototype.toJSON` prints for years 0000–9999: the scalar's output format. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * graphql-scalars' DateTime, with one shortcut on output: a string already in the output format
 * and naming a real instant (e.g. v3's `sent_at` with milliseconds) is returned as it is, where
 * the original validates it with a long pattern, builds a Date, and JSON.stringify prints it
 * back to the same string. Anything else (offsets, nanoseconds, Dates) takes the original path.
 */
/**
 * The message of a scalar's output error (graphql-jit keeps only the message of a serializer's
 * error: plugins/use-jit.ts gives such errors their code back).
 */
export const BAD_UPSTREAM_VALUE = 'Linq sent a value that is not a valid ';

/** An output value the scalar cannot represent: Linq sent something its spec does not allow. */
function upstreamChecked<T>(name: string, serialize: GraphQLScalarSerializer<T>) {
  return (value: unknown): T => {
    try {
      return serialize(value);
    } catch {
      throw createGraphQLError(`${BAD_UPSTREAM_VALUE}${name}`, {
        extensions: { code: 'BAD_UPSTREAM_RESPONSE' },
      });
    }
  };
}

const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize: upstreamChecked('DateTime', (value) => {
    if (typeof value === 'string' && CANONICAL.test(value)) {
      const time = Date.parse(value);
      if (!Number.isNaN(time) && new Date(time).toISOString() === value) return value;
    }
    return DateTimeResolver.serialize(value);
  }),
});

/** Absolute URLs are normalised (as before); any other string is Linq's own value, kept. */
const URLScalar = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  serialize: upstreamChecked('URL', (value) => {
    if (typeof value === 'string' && !URL.canParse(value)) return value;
    return URLResolver.serialize(value) as string;
  }),
});

builder.addScalarType('DateTime', DateTime);
builder.addScalarType('URL', URLScalar);
builder.addScalarType('Upload', GraphQLUpload);

/** A DateTime argument as the ISO string the adapter takes. */
export function isoString(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}
