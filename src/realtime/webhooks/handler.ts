/**
 * WHATWG Request → Response wrapper of `receiveWebhook`, mountable in any fetch-style server
 * (a Yoga plugin route, node:http through an adapter). Answers 204 on success or duplicate,
 * otherwise the rejection's status with `{"error":{"code","message"}}`.
 */
import { isRejection, reject, type Rejection } from './rejection.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  logRejection,
  receiveWebhook,
  type WebhookReceiverDeps,
} from './receive.js';

export function rejectionResponse(rejection: Rejection): Response {
  const body = JSON.stringify({ error: { code: rejection.code, message: rejection.message } });
  return new Response(body, {
    status: rejection.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Reads at most `max` bytes; a larger body (declared or actual) is a rejection. */
export async function readLimited(request: Request, max: number): Promise<Uint8Array | Rejection> {
  const tooLarge = () => reject('BODY_TOO_LARGE', `Body exceeds ${max} bytes`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) return tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: a cancel can wait on other readers of a tee'd body.
      reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export async function handleWebhookRequest(
  request: Request,
  deps: WebhookReceiverDeps,
): Promise<Response> {
  if (request.method !== 'POST') {
    const rejection = reject('METHOD_NOT_ALLOWED', 'Webhooks must be POSTed');
    logRejection(deps, rejection);
    const response = rejectionResponse(rejection);
    response.headers.set('allow', 'POST');
    return response;
  }
  let body: Uint8Array | Rejection;
  try {
    body = await readLimited(request, deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch {
    body = reject('MALFORMED_PAYLOAD', 'The request body could not be read');
  }
  if (isRejection(body)) {
    logRejection(deps, body);
    return rejectionResponse(body);
  }
  const outcome = await receiveWebhook(request.headers, body, deps);
  return isRejection(outcome) ? rejectionResponse(outcome) : new Response(null, { status: 204 });
}
