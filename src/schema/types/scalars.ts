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

/** The digits of `text` from `start` to `end` as a number; -1 when one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is what `Date.prototype.toJSON` prints for an instant of years 0000–9999
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, the scalar's output format): the same strings as "matches that
 * pattern and `new Date(Date.parse(value)).toISOString() === value`" (a real calendar day,
 * hours 00–23, minutes and seconds 00–59), checked digit by digit (a Date round trip costs ≈ 1 µs
 * per value, 25 per page of messages).
 */
export function isCanonicalInstant(value: string): boolean {
  if (value.length !== 24) return false;
  const c = (i: number) => value.charCodeAt(i);
  // - - T : : . Z
  if (c(4) !== 45 || c(7) !== 45 || c(10) !== 84 || c(13) !== 58 || c(16) !== 58) return false;
  if (c(19) !== 46 || c(23) !== 90) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  if (day > days) return false;
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = digits(value, 17, 19);
  return (
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59 &&
    digits(value, 20, 23) >= 0
  );
}

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
    if (typeof value === 'string' && isCanonicalInstant(value)) return value;
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

/**
 * The options of a nullable DateTime field for `t.expose`. Fields that return the property of
 * their own name are exposed rather than resolved: with no resolver, graphql-jit reads the
 * property inline (no call and no resolve info per item of a page).
 */
export const nullableDateTime = (description: string) =>
  ({ type: 'DateTime', nullable: true, description }) as const;
