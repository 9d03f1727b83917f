/**
 * Streaming parser of the v2 send form (multipart/form-data). Files are never buffered: each
 * file's bytes are counted and hashed as they pass. Only multipart is accepted (as in the spec).
 */
import { createHash } from 'node:crypto';
import busboy from 'busboy';
import { ApiError, badRequest } from './errors.js';
import type { Ctx } from './http.js';

export interface ReceivedFile {
  field: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface SendForm {
  text: string | undefined;
  idempotencyKey: string | undefined;
  attachmentUrls: string[];
  files: ReceivedFile[];
  /** Fields sent as the wrong kind (a file for a text field or the reverse). */
  misfits: string[];
}

const TEXT_FIELDS = new Set([
  'message[text]',
  'message[idempotency_key]',
  'message[attachment_urls][]',
  'message[attachment_urls]',
]);
const FILE_FIELDS = new Set(['message[attachments][]', 'message[attachments]']);

const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function readSendForm(ctx: Ctx): Promise<SendForm> {
  const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) {
    throw badRequest('Content-Type must be multipart/form-data');
  }
  const form = await parseMultipart(ctx);
  ctx.record.body = form;
  return form;
}

function parseMultipart(ctx: Ctx): Promise<SendForm> {
  return new Promise<SendForm>((resolve, reject) => {
    const form: SendForm = {
      text: undefined,
      idempotencyKey: undefined,
      attachmentUrls: [],
      files: [],
      misfits: [],
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: ctx.req.headers,
        limits: { fileSize: MAX_FILE_BYTES + 1, fieldSize: 1024 * 1024, files: 100, fields: 200 },
      });
    } catch {
      reject(badRequest('Malformed multipart/form-data request'));
      return;
    }
    let failure: ApiError | null = null;
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      if (FILE_FIELDS.has(name)) form.misfits.push(`${name} must be a file`);
      else if (name === 'message[text]') form.text = value;
      else if (name === 'message[idempotency_key]') form.idempotencyKey = value;
      else if (name === 'message[attachment_urls][]' || name === 'message[attachment_urls]') {
        form.attachmentUrls.push(value);
      }
    });
    parser.on('file', (name, stream, info) => {
      if (TEXT_FIELDS.has(name)) form.misfits.push(`${name} must be a text field, not a file`);
      const hash = createHash('sha256');
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      stream.on('error', () => {
        failure ??= badRequest('Malformed multipart/form-data request');
      });
      stream.on('limit', () => {
        failure ??= new ApiError(413, 5001, `File ${info.filename} exceeds 100MB`);
      });
      pending.push(
        new Promise<void>((done) => {
          stream.on('close', () => {
            if (FILE_FIELDS.has(name)) {
              form.files.push({
                field: name,
                filename: info.filename ?? 'file',
                mimeType: info.mimeType,
                size,
                sha256: hash.digest('hex'),
              });
            }
            done();
          });
        }),
      );
    });
    parser.on('error', () => reject(badRequest('Malformed multipart/form-data request')));
    parser.on('close', () => {
      void Promise.all(pending).then(() => (failure ? reject(failure) : resolve(form)));
    });
    ctx.req.on('aborted', () => reject(badRequest('The request was aborted')));
    ctx.req.on('error', () => reject(badRequest('The request was aborted')));
    ctx.req.pipe(parser);
  });
}
