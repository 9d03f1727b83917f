/** Typed rejections of incoming webhooks: a stable code, the HTTP status to answer, a message. */

export type RejectionCode =
  | 'BODY_TOO_LARGE'
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'TIMESTAMP_MISSING'
  | 'TIMESTAMP_INVALID'
  | 'TIMESTAMP_STALE'
  | 'TIMESTAMP_FUTURE'
  | 'MALFORMED_JSON'
  | 'MALFORMED_PAYLOAD'
  | 'UNSUPPORTED_API_VERSION'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_CONFIGURED'
  | 'PUBLISH_FAILED';

export interface Rejection {
  ok: false;
  code: RejectionCode;
  /** 4xx to answer with (503 only for NOT_CONFIGURED and PUBLISH_FAILED). */
  status: number;
  /** Safe to log and to return: never contains a secret, a signature or the body. */
  message: string;
}

const STATUS: Record<RejectionCode, number> = {
  BODY_TOO_LARGE: 413,
  SIGNATURE_MISSING: 401,
  SIGNATURE_INVALID: 401,
  TIMESTAMP_MISSING: 401,
  TIMESTAMP_INVALID: 401,
  // A replayed or badly delayed delivery is an authentication failure, not a timeout.
  TIMESTAMP_STALE: 401,
  TIMESTAMP_FUTURE: 401,
  MALFORMED_JSON: 400,
  MALFORMED_PAYLOAD: 400,
  UNSUPPORTED_API_VERSION: 400,
  METHOD_NOT_ALLOWED: 405,
  NOT_CONFIGURED: 503,
  // Our side failed after verification: 503 makes Linq retry (5xx is retried, 4xx is not).
  PUBLISH_FAILED: 503,
};

export function reject(code: RejectionCode, message: string): Rejection {
  return { ok: false, code, status: STATUS[code], message };
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
