/**
 * From `Upload` values to the adapter's deferred upload sources, streamed and limited.
 *
 * A file's name and type are known only when the multipart body reaches its part, which is
 * after every earlier file has been read, so each file is a DeferredUpload the adapter resolves
 * when it is that file's turn (awaiting them all first would stall on the second file).
 *
 * Limits (UploadLimits, limits/upload-limits.ts): declared sizes are checked before anything is
 * sent; while streaming, a file over `maxFileSize` (busboy's 'limit') or files over
 * `maxTotalSize` together fail the source stream, which aborts the upstream request, so no
 * message is sent. A file the adapter stops reading is drained so the request can finish.
 */
import { Transform, type Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import type { UploadLimits } from '../../limits/upload-limits.js';
import type { DeferredUpload } from '../../upstream/model.js';
import { createGraphQLError } from 'graphql-yoga';
import { fieldError } from '../mutation-errors.js';

/** Checks counts and declared sizes against the limits (no upstream call yet). */
export function checkDeclaredUploads(
  count: number,
  sizes: readonly number[] | null,
  limits: UploadLimits,
): void {
  if (count > limits.maxFiles) {
    throw fieldError('attachments', `at most ${limits.maxFiles} files per message`);
  }
  // Without sizes, v3 spools each file to a temporary file to learn its size (upload-v3.ts).
  if (sizes === null) return;
  if (sizes.length !== count) {
    throw fieldError('attachmentSizes', `must have one size per attachment (${count})`);
  }
  sizes.forEach((size, i) => {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw fieldError(`attachmentSizes.${i}`, 'must be a byte count');
    }
    if (size > limits.maxFileSize) {
      throw fieldError(`attachments.${i}`, `files may have at most ${limits.maxFileSize} bytes`);
    }
  });
  if (sizes.reduce((a, b) => a + b, 0) > limits.maxTotalSize) {
    throw fieldError('attachments', `files may total at most ${limits.maxTotalSize} bytes`);
  }
}

/**
 * processRequest's HttpError for a file → a clear error: over a limit (413) is a ValidationError
 * on the input; a malformed body (400: a `map` naming a file the body lacks, a truncated body)
 * is a request error (BAD_REQUEST, HTTP 400), not a typed result.
 */
function uploadFailure(error: unknown, field: string): Error {
  const status = (error as { status?: unknown } | null)?.status;
  const message = error instanceof Error ? error.message : 'the upload failed';
  if (status === 413) return fieldError(field, message);
  if (status === 499) {
    return createGraphQLError('The client disconnected during the upload', {
      extensions: { code: 'CLIENT_CLOSED_REQUEST', http: { status: 499 } },
    });
  }
  // 400 (a `map` naming a file the body lacks) or a parse error (a truncated body).
  return createGraphQLError(`Malformed multipart request (${field}): ${message}`, {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

interface Budget {
  used: number;
}

function limited(file: FileUpload, field: string, budget: Budget, limits: UploadLimits) {
  const source = file.createReadStream() as unknown as Readable & { truncated?: boolean };
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      budget.used += chunk.length;
      if (budget.used > limits.maxTotalSize) {
        done(fieldError('attachments', `files may total at most ${limits.maxTotalSize} bytes`));
      } else {
        done(null, chunk);
      }
    },
  });
  source.once('limit', () =>
    out.destroy(fieldError(field, `files may have at most ${limits.maxFileSize} bytes`)),
  );
  source.on('error', (error) => out.destroy(uploadFailure(error, field)));
  out.on('error', () => {}); // the adapter reports it; never an unhandled 'error'
  out.once('close', () => {
    if (source.readableEnded) return;
    source.unpipe(out);
    source.resume(); // drop the rest of this file so the body (and later files) keep flowing
  });
  source.pipe(out);
  return out;
}

/**
 * One DeferredUpload per file, sharing the `maxTotalSize` budget of the message. `sizes` are
 * the client's declared sizes (the adapter checks each file yields exactly that many bytes).
 */
export function deferredUploads(
  files: readonly Promise<FileUpload>[],
  sizes: readonly number[] | null,
  limits: UploadLimits,
): DeferredUpload[] {
  const budget: Budget = { used: 0 };
  return files.map((upload, index) => async () => {
    const field = `attachments.${index}`;
    let file: FileUpload;
    try {
      file = await upload;
    } catch (error) {
      throw uploadFailure(error, field);
    }
    let stream: Readable;
    try {
      stream = limited(file, field, budget, limits);
    } catch (error) {
      throw uploadFailure(error, field); // createReadStream throws when the file already failed
    }
    const size = sizes?.[index];
    return {
      filename: file.filename,
      contentType: file.mimetype,
      ...(size === undefined ? {} : { size }),
      stream,
    };
  });
}
