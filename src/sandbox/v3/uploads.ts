/**
 * v3 attachment pre-upload: POST /v3/attachments presigns a PUT to this sandbox
 * ('PUT /uploads/{attachmentId}'), which streams the body, counting and hashing bytes without
 * keeping them, and marks the attachment complete when the count equals size_bytes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SUPPORTED_CONTENT_TYPES } from '../http/content-types.js';
import {
  ApiError,
  attachmentNotFound,
  badRequest,
  forbidden,
  missingField,
} from '../http/errors.js';
import { isUuid, ok, readObject, type Ctx, type RouteDef } from '../http/http.js';
import type { AttachmentRec } from '../records.js';
import { attachmentV3 } from './render.js';

export const MAX_UPLOAD_BYTES = 104_857_600;

const downloadUrl = (ctx: Ctx, a: AttachmentRec) =>
  `${ctx.baseUrl}/cdn/attachments/${a.uuid}/${encodeURIComponent(a.filename)}`;

async function requestUpload(ctx: Ctx) {
  const body = await readObject(ctx);
  const { filename, content_type, size_bytes } = body;
  if (filename === undefined) throw missingField('filename');
  if (typeof filename !== 'string' || filename.length < 1 || filename.length > 255) {
    throw badRequest('filename must be 1 to 255 characters');
  }
  if (content_type === undefined) throw missingField('content_type');
  if (typeof content_type !== 'string' || !SUPPORTED_CONTENT_TYPES.has(content_type)) {
    throw badRequest(`Unsupported content_type: ${String(content_type).slice(0, 100)}`);
  }
  if (size_bytes === undefined) throw missingField('size_bytes');
  if (!Number.isInteger(size_bytes) || (size_bytes as number) < 1) {
    throw badRequest('size_bytes must be a positive integer');
  }
  if ((size_bytes as number) > MAX_UPLOAD_BYTES) {
    throw badRequest(`size_bytes must not exceed ${MAX_UPLOAD_BYTES} (100MB)`);
  }
  const rng = ctx.store.rng;
  const now = Date.now(); // one instant for created_at and expires_at (exactly 15 minutes apart)
  const a: AttachmentRec = {
    uuid: rng.uuid(),
    accountId: ctx.account.id,
    filename,
    contentType: content_type,
    sizeBytes: size_bytes as number,
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    url: '',
    uploadSecret: rng.hex(32),
    receivedBytes: 0,
    sha256: null,
  };
  a.url = downloadUrl(ctx, a);
  ctx.store.attachments.set(a.uuid, a);
  return ok({
    attachment_id: a.uuid,
    upload_url: `${ctx.baseUrl}/uploads/${a.uuid}?signature=${a.uploadSecret}`,
    download_url: a.url,
    http_method: 'PUT',
    expires_at: new Date(now + 15 * 60_000).toISOString(),
    required_headers: { 'Content-Type': content_type },
  });
}

function getAttachment(ctx: Ctx) {
  const id = ctx.params.attachmentId;
  const a = isUuid(id) ? ctx.store.attachment(ctx.account, id) : null;
  if (!a) throw attachmentNotFound();
  return ok(attachmentV3(a, a.url));
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function receiveUpload(ctx: Ctx) {
  const id = (ctx.params.attachmentId ?? '').toLowerCase();
  const a = ctx.store.attachments.get(id);
  if (!a) throw attachmentNotFound();
  if (!sameSecret(ctx.query.get('signature') ?? '', a.uploadSecret)) {
    throw forbidden('The upload signature is invalid or has expired');
  }
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== a.contentType) {
    throw forbidden(`Content-Type must be ${a.contentType} (see required_headers)`);
  }
  const hash = createHash('sha256');
  let count = 0;
  a.status = 'pending';
  try {
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      count += chunk.length;
      if (count <= a.sizeBytes) hash.update(chunk);
    }
  } catch {
    a.status = 'failed';
    a.receivedBytes = count;
    throw badRequest('The upload was aborted');
  }
  a.receivedBytes = count;
  if (count !== a.sizeBytes) {
    a.status = 'failed';
    throw new ApiError(400, 5002, `Expected ${a.sizeBytes} bytes, received ${count}`);
  }
  a.status = 'complete';
  a.sha256 = hash.digest('hex');
  return { status: 200, headers: { ETag: `"${a.sha256.slice(0, 32)}"` } };
}

export const uploadRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/v3/attachments',
    prefix: '/api/partner',
    dialect: 'v3',
    handler: requestUpload,
  },
  {
    method: 'GET',
    template: '/v3/attachments/{attachmentId}',
    prefix: '/api/partner',
    dialect: 'v3',
    handler: getAttachment,
  },
  {
    method: 'PUT',
    template: '/uploads/{attachmentId}',
    prefix: '',
    dialect: 'upload',
    handler: receiveUpload,
  },
];
