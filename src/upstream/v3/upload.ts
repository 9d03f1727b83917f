/**
 * v3 attachment upload: `POST /v3/attachments` (needs the size) → PUT the raw bytes, streamed,
 * to the presigned `upload_url` with its `required_headers` and Content-Length → attachment id.
 * The token is never sent to the presigned URL.
 */
import * as c from '../check.js';
import { BadUpstreamResponseError, badInput } from '../errors.js';
import type { DeferredUpload, UploadSource } from '../model.js';
import { fileStream, resolveUpload } from '../http/multipart.js';
import { path } from '../http/path.js';
import { spoolUpload } from '../http/spool.js';
import type { SendOptions, Transport } from '../http/transport.js';
import type { components } from '../types/v3.js';

type S = components['schemas'];
type SizedSource = UploadSource & { size: number };

export const MAX_UPLOAD_BYTES = 104_857_600;

/** Headers we set ourselves (or must never forward) whatever the presign response says. */
const OURS = new Set([
  'content-length',
  'host',
  'authorization',
  'connection',
  'transfer-encoding',
]);

function requiredHeaders(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(
    c.obj<Record<string, unknown>>(raw, 'required_headers'),
  )) {
    const key = name.toLowerCase();
    if (OURS.has(key)) continue;
    const text = c.str(value, `required_headers.${key}`);
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key) || !/^[\x20-\x7e]*$/.test(text)) {
      throw new BadUpstreamResponseError('Linq: upload slot has an invalid required header');
    }
    out[key] = text;
  }
  return out;
}

/**
 * Uploads one file and returns its attachment id. A file of declared size streams straight to
 * the presigned URL; one of unknown size is spooled to a bounded temporary file first (spool.ts)
 * and measured, since the presign needs the size; the spool file is removed in every outcome.
 */
export async function uploadAttachment(
  http: Transport,
  input: UploadSource | DeferredUpload,
  opts: SendOptions | undefined,
): Promise<string> {
  const file = await resolveUpload(input);
  if (file.size !== undefined) return uploadSized(http, { ...file, size: file.size }, opts);
  const spooled = await spoolUpload(file, MAX_UPLOAD_BYTES, opts?.signal);
  try {
    return await uploadSized(http, spooled.source, opts);
  } finally {
    await spooled.release();
  }
}

async function uploadSized(
  http: Transport,
  file: SizedSource,
  opts: SendOptions | undefined,
): Promise<string> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw badInput('attachments', `${file.filename} is larger than ${MAX_UPLOAD_BYTES} bytes`);
  }
  const json: S['RequestUploadRequest'] = {
    filename: file.filename,
    content_type: file.contentType as S['SupportedContentType'],
    size_bytes: file.size,
  };
  // Creates an upload slot; no idempotency key exists, so only a refused connection is retried.
  const res = await http.send(
    { method: 'POST', route: path`/attachments`, json, retry: 'connect-only' },
    opts,
  );
  const slot = c.obj<S['RequestUploadResult']>(res.body, 'response');
  const attachmentId = c.id(slot.attachment_id, 'attachment_id');
  const uploadUrl = c.str(slot.upload_url, 'upload_url');
  const headers = requiredHeaders(slot.required_headers);
  const contentType = headers['content-type'] ?? file.contentType;
  delete headers['content-type'];
  await http.send(
    {
      method: 'PUT',
      route: path`/uploads`,
      url: uploadUrl,
      headers,
      body: { contentType, contentLength: file.size, open: () => fileStream(file) },
      retry: 'none',
      raw: true,
    },
    { signal: opts?.signal, deadline: opts?.deadline },
  );
  return attachmentId;
}
