/**
 * File uploads: GraphQL multipart requests (jaydenseric/graphql-multipart-request-spec), parsed
 * by graphql-upload-minimal as a stream. Yoga's own multipart parser collects every file in
 * memory, so yoga.ts turns it off (`multipart: false`) and this plugin takes multipart POSTs.
 *
 * - The parser reads the body Yoga hands it (already size-limited), never the raw socket.
 * - `operations` and `map` resolve first; each file's stream opens when the body reaches it and
 *   is read by the upstream request (schema/mutations/upload-sources.ts), never buffered whole.
 * - Limits: `maxFileSize` per file and `maxFiles` per request are busboy's; the file bytes of
 *   one mutation are capped at `maxTotalSize` by the upload sources; the whole body at
 *   `multipartBodyLimit()`, other bodies at `maxBodySize`, both enforced here (Content-Length
 *   first; a streaming counter only where nothing else bounds the body).
 * - A malformed body is a 400 (`BAD_REQUEST`), too many files or too large a field a 413
 *   (`PAYLOAD_TOO_LARGE`), a body over its cap a 413 (`REQUEST_ENTITY_TOO_LARGE`, as Yoga),
 *   never "Unexpected error.". Stream errors always have a listener.
 * - After the response, whatever the resolvers did not read is drained, so an upload that was
 *   refused early does not leave the client blocked on a full socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { processRequest } from 'graphql-upload-minimal';
import { createGraphQLError, type FetchAPI, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { DEFAULT_MAX_BODY_SIZE, type UploadLimits } from '../limits/upload-limits.js';

/** Re-exported for callers that configure the plugin. */
export type { UploadLimits };

/** Largest `operations` or `map` field of a multipart request. */
export const MAX_UPLOAD_FIELD_SIZE = 1_000_000;

/** The largest multipart body: the files, the two JSON fields and room for part headers. */
export function multipartBodyLimit(limits: UploadLimits): number {
  return limits.maxTotalSize + 2 * MAX_UPLOAD_FIELD_SIZE + (limits.maxFiles + 2) * 4096;
}

export function isMultipartRequest(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  return request.method === 'POST' && type.toLowerCase().startsWith('multipart/form-data');
}

interface NodeServerContext {
  req?: IncomingMessage;
  res?: ServerResponse;
}

const tooLarge = (message: string, code = 'PAYLOAD_TOO_LARGE') =>
  createGraphQLError(message, { extensions: { code, http: { status: 413 } } });

/** Yoga's own error for a body over `maxRequestBodySize`: one code whichever cap applies. */
const bodyTooLarge = () => tooLarge('Request body too large', 'REQUEST_ENTITY_TOO_LARGE');

/** processRequest's HttpError (400/413/499/500) or busboy's parse errors → GraphQLError. */
function requestError(error: unknown): Error {
  if (error instanceof Error && 'extensions' in error) return error; // Yoga's own (e.g. 413)
  const status = (error as { status?: unknown } | null)?.status;
  const message = error instanceof Error ? error.message : 'unreadable body';
  if (status === 413) return tooLarge(message);
  if (status === 499) {
    return createGraphQLError('The client disconnected during the upload', {
      extensions: { code: 'CLIENT_CLOSED_REQUEST', http: { status: 499 } },
    });
  }
  return createGraphQLError(`Malformed multipart request: ${message}`, {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

const CONTENT_LENGTH = /^\d+$/;

/**
 * Checks the declared Content-Length against `max` (400 when malformed, 413 when over) and
 * tells whether the body still needs counting while it streams. Node's HTTP parser never
 * delivers more bytes than a valid Content-Length declares, so a request that came through
 * node:http with one needs no streaming counter; chunked bodies, and bodies handed to
 * `yoga.fetch` directly (nothing enforces their header), are counted.
 */
function needsCounting(request: Request, max: number, fromNodeHttp: boolean): boolean {
  const declared = request.headers.get('content-length');
  if (declared === null) return true;
  if (!CONTENT_LENGTH.test(declared)) {
    throw createGraphQLError('Content-Length header is invalid.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  if (Number(declared) > max) throw bodyTooLarge();
  return !fromNodeHttp;
}

/** Counts the bytes of a body as it streams; more than `max` fails it with a 413. */
function limitBody(request: Request, max: number, fetchAPI: FetchAPI): Request {
  if (!request.body) return request;
  let read = 0;
  // A native body needs the native TransformStream, a ponyfill body the ponyfill one.
  const Transform =
    request.body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
  const counted = request.body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > max) controller.error(bodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

export interface UploadsPluginOptions {
  limits: UploadLimits;
  /** Cap of every other request body. @default 25 MB (Yoga's default) */
  maxBodySize?: number;
}

/**
 * The body caps live here, not in Yoga's `maxRequestBodySize` (yoga.ts turns it off): Yoga
 * would pipe every body through a counting stream, this plugin only the bodies that need one.
 */
export function useUploads(options: UploadsPluginOptions): Plugin {
  const { limits } = options;
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  const maxMultipartSize = Math.max(multipartBodyLimit(limits), maxBodySize);
  const drains = new WeakMap<Request, () => void>();
  return {
    onRequestParse({ request, requestParser, serverContext, setRequestParser, fetchAPI }) {
      const fromNodeHttp = (serverContext as NodeServerContext | undefined)?.req !== undefined;
      if (!isMultipartRequest(request)) {
        if (!request.body) return;
        if (needsCounting(request, maxBodySize, fromNodeHttp) && requestParser) {
          setRequestParser((req) => requestParser(limitBody(req, maxBodySize, fetchAPI)));
        }
        return;
      }
      const counted = needsCounting(request, maxMultipartSize, fromNodeHttp);
      setRequestParser(async (incoming) => {
        const req = counted ? limitBody(incoming, maxMultipartSize, fetchAPI) : incoming;
        if (!req.body) throw requestError(new Error('the body is empty'));
        const body = Readable.from(req.body as unknown as AsyncIterable<Uint8Array>);
        // Without a listener a failed body (too large, client gone) crashes the process.
        body.on('error', () => {});
        Object.assign(body, { headers: Object.fromEntries(req.headers) });
        drains.set(request, () => {
          body.unpipe();
          body.resume();
        });
        try {
          const operations = await processRequest(
            body as unknown as IncomingMessage,
            (serverContext as NodeServerContext).res as ServerResponse,
            {
              maxFieldSize: MAX_UPLOAD_FIELD_SIZE,
              // busboy flags a file that *reaches* its limit: one byte more lets a file of
              // exactly maxFileSize (Linq's own maximum) through; one byte over still trips it.
              maxFileSize: limits.maxFileSize + 1,
              maxFiles: limits.maxFiles,
            },
          );
          return operations as GraphQLParams | GraphQLParams[];
        } catch (error) {
          throw requestError(error);
        }
      });
    },
    onResponse({ request }) {
      drains.get(request)?.();
      drains.delete(request);
    },
  };
}
