/**
 * Typed mutation errors (Pothos errors plugin). Every mutation returns a union of its payload
 * and these types, all implementing one `Error` interface, so a client can always ask for
 * `... on Error { message }` and add fragments for the types it handles:
 *
 *   NotFoundError            the chat or message does not exist for this account (404)
 *   ValidationError          bad input, with one message per input field (gateway checks, 400/422)
 *   ForbiddenError           the account may not do this, e.g. edit someone else's message (403)
 *   RateLimitedError         Linq throttled the call beyond the adapter's retries (429)
 *   ConflictError            the write conflicts with the current state (409)
 *   UpstreamUnavailableError Linq could not be reached or kept failing (5xx, timeouts)
 *
 * The object types are the adapter's own error classes (src/upstream/errors.ts), so the plugin
 * matches them with `instanceof`. Anything else stays a top-level GraphQL error: adapter errors
 * get their `extensions.code` at the error boundary (plugins/use-error-codes.ts), and truly
 * unexpected failures are masked by Yoga.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnsupportedByDialectError,
  UpstreamUnavailableError,
  ValidationError,
  type FieldError,
} from '../upstream/errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A failure the client can act on. Every error type of a mutation result has it.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for humans.' }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'A problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'The input field, e.g. `text`, `idempotencyKey` or `attachments.1`.',
    }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

const TRACE_ID = 'Linq’s trace id of the failed call, when it gave one.';
const RETRY_AFTER = 'Seconds to wait before trying again, when Linq said.';
const interfaces = [ErrorInterface];

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist for this account.',
  interfaces,
  fields: (t) => ({
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; fieldErrors says what to fix.',
  interfaces,
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldErrorRef],
      description: 'One entry per refused input field.',
      resolve: (e) =>
        e.fieldErrors.length > 0 ? e.fieldErrors : [{ field: 'input', message: e.message }],
    }),
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The account may not do this (e.g. edit a message someone else sent).',
  interfaces,
  fields: (t) => ({
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Linq throttled the account beyond what the gateway waits for; retry later.',
  interfaces,
  fields: (t) => ({
    retryAfter: t.int({
      nullable: true,
      description: RETRY_AFTER,
      resolve: (e) => e.retryAfter ?? null,
    }),
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The write conflicts with the current state of the object.',
  interfaces,
  fields: (t) => ({
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  description:
    'Linq could not be reached or kept failing. Retrying a send with the same idempotencyKey ' +
    'is safe.',
  interfaces,
  fields: (t) => ({
    retryAfter: t.int({
      nullable: true,
      description: RETRY_AFTER,
      resolve: (e) => e.retryAfter ?? null,
    }),
    traceId: t.string({ nullable: true, description: TRACE_ID, resolve: (e) => e.traceId }),
  }),
});

/** The error classes every mutation result lists (its union members besides the payload). */
export const MUTATION_ERROR_TYPES = [
  NotFoundError,
  ValidationError,
  ForbiddenError,
  RateLimitedError,
  ConflictError,
  UpstreamUnavailableError,
];

const isTyped = (error: unknown) => MUTATION_ERROR_TYPES.some((type) => error instanceof type);

/** A ValidationError for one input field. */
export function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

/**
 * What a mutation throws for a failure: typed errors pass through (the plugin makes them union
 * members), a capability the dialect lacks is a ValidationError, and anything else stays as it
 * is: a top-level error (adapter errors get their code at the error boundary).
 */
export function toMutationError(error: unknown): unknown {
  if (isTyped(error)) return error;
  if (error instanceof UnsupportedByDialectError) return fieldError('input', error.message);
  return error;
}
