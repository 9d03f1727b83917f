/**
 * A streamed multipart/form-data body (undici's FormData would buffer files as Blobs).
 * The body is a sequence of boundary/header buffers and file streams; `Content-Length` is given
 * when every file declares its size. A file that yields more or fewer bytes than declared
 * fails the body, which aborts the upstream request. A deferred file's part header is written
 * only when the body reaches it (its name and type are not known before).
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { badInput } from '../errors.js';
import type { DeferredUpload, UploadSource } from '../model.js';
import { SequenceStream, type SequenceItem } from './sequence-stream.js';
import type { RequestBody } from './transport.js';

export type FormField =
  { name: string; value: string } | { name: string; file: UploadSource | DeferredUpload };

const CRLF = Buffer.from('\r\n');
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** WHATWG form-data escaping of names and filenames in Content-Disposition. */
const escape = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function partHead(boundary: string, field: { name: string; file?: UploadSource }): Buffer {
  let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(field.name)}"`;
  if (field.file) {
    const { filename, contentType } = field.file;
    head += `; filename="${escape(filename)}"\r\nContent-Type: ${contentType}`;
  }
  return Buffer.from(`${head}\r\n\r\n`, 'utf8');
}

export function checkUpload(file: UploadSource, field = 'attachments'): void {
  if (typeof file.filename !== 'string' || file.filename.length === 0) {
    throw badInput(field, 'filename is required');
  }
  if (typeof file.contentType !== 'string' || !CONTENT_TYPE.test(file.contentType)) {
    throw badInput(field, 'contentType must be a MIME type like image/png');
  }
  if (file.size !== undefined && (!Number.isSafeInteger(file.size) || file.size < 0)) {
    throw badInput(field, 'size must be a non-negative integer');
  }
}

/** The source of a file, resolving (and then checking) a deferred one. */
export async function resolveUpload(
  file: UploadSource | DeferredUpload,
  field = 'attachments',
): Promise<UploadSource> {
  if (typeof file !== 'function') return file;
  const source = await file();
  checkUpload(source, field);
  return source;
}

/** Streams a file with size checks (shared with the v3 presigned PUT). */
export function fileStream(file: UploadSource): Readable {
  return new SequenceStream([file]);
}

export function multipartBody(fields: FormField[]): RequestBody & { streaming: boolean } {
  const boundary = `----linq-gateway-${randomBytes(12).toString('hex')}`;
  const heads = fields.map((f) => {
    if (!('file' in f)) return partHead(boundary, { name: f.name });
    return typeof f.file === 'function' ? null : partHead(boundary, { name: f.name, file: f.file });
  });
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const files = fields.flatMap((f) => ('file' in f ? [f.file] : []));
  const sized = files.every((f) => typeof f !== 'function' && f.size !== undefined);
  let contentLength: number | undefined;
  if (sized) {
    contentLength = tail.length;
    fields.forEach((f, i) => {
      const file = 'file' in f && typeof f.file !== 'function' ? f.file : null;
      const payload = file ? (file.size ?? 0) : 'value' in f ? Buffer.byteLength(f.value) : 0;
      contentLength! += (heads[i]?.length ?? 0) + payload + CRLF.length;
    });
  }
  if (files.length === 0) {
    const parts = fields.flatMap((f, i) => [
      heads[i]!,
      Buffer.from('value' in f ? f.value : ''),
      CRLF,
    ]);
    const buffer = Buffer.concat([...parts, tail]);
    return { contentType, contentLength: buffer.length, open: () => buffer, streaming: false };
  }
  const items = fields.flatMap((f, i): SequenceItem[] => {
    if (!('file' in f)) return [heads[i]!, Buffer.from(f.value, 'utf8'), CRLF];
    const { name, file } = f;
    if (typeof file !== 'function') return [heads[i]!, file, CRLF];
    const later = async () => {
      const source = await resolveUpload(file);
      return [partHead(boundary, { name, file: source }), source];
    };
    return [later, CRLF];
  });
  const open = () => new SequenceStream([...items, tail]);
  return {
    contentType,
    ...(contentLength === undefined ? {} : { contentLength }),
    open,
    streaming: true,
  };
}
