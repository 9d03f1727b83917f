/**
 * The documented error bodies. v2: `{errors:[{status, code, title, detail}]}`.
 * v3: `{error:{status, code, message}, success:false, trace_id}` with the Linq code table.
 */

export type Dialect = 'v2' | 'v3';

/** Thrown by handlers; rendered in the dialect of the route. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** v3 integer code. */
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 1005) => new ApiError(400, code, message);
export const missingField = (field: string) =>
  new ApiError(400, 1001, `Missing required field: ${field}`);
export const invalidBody = (message = 'Invalid request body') => new ApiError(400, 1003, message);
export const invalidContent = (message: string) => new ApiError(400, 1004, message);
export const unauthorized = () =>
  new ApiError(401, 2004, 'Unauthorized - missing or invalid authentication token');
export const forbidden = (message = 'Access denied - insufficient permissions for this resource') =>
  new ApiError(403, 2005, message);
export const chatNotFound = () => new ApiError(404, 2001, 'Chat not found');
export const messageNotFound = () => new ApiError(404, 2002, 'Message not found');
export const attachmentNotFound = () => new ApiError(404, 2003, 'Attachment not found');
export const notFound = (message = 'Resource not found') => new ApiError(404, 2001, message);
/** v2 semantic validation errors use 422. */
export const unprocessable = (message: string) => new ApiError(422, 1003, message);

const V2_CODES: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad Request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not Found'],
  408: ['request_timeout', 'Request Timeout'],
  409: ['conflict', 'Conflict'],
  413: ['payload_too_large', 'Payload Too Large'],
  422: ['unprocessable_entity', 'Unprocessable Entity'],
  429: ['rate_limited', 'Too Many Requests'],
  500: ['internal_server_error', 'Internal Server Error'],
  502: ['bad_gateway', 'Bad Gateway'],
  503: ['service_unavailable', 'Service Unavailable'],
  504: ['gateway_timeout', 'Gateway Timeout'],
};

export function v2ErrorBody(status: number, detail: string): unknown {
  const [code, title] = V2_CODES[status] ?? [`http_${status}`, 'Error'];
  return { errors: [{ status, code, title, detail }] };
}

export function v3ErrorBody(
  status: number,
  code: number,
  message: string,
  traceId: string,
  extra: Record<string, unknown> = {},
): unknown {
  return { error: { status, code, message, ...extra }, success: false, trace_id: traceId };
}

/** The default v3 code for a bare status (used by status faults). */
export function v3CodeFor(status: number): number {
  if (status === 401) return 2004;
  if (status === 403) return 2005;
  if (status === 404) return 2001;
  if (status === 409) return 1006;
  if (status === 422) return 1003;
  if (status === 429) return 1007;
  if (status === 413) return 5001;
  if (status >= 500) return 3006;
  return 1005;
}

export function defaultMessageFor(status: number): string {
  if (status === 408) return 'Request timed out';
  if (status === 429) return 'Rate limit exceeded. Try again in a few seconds.';
  if (status === 500) return 'Internal server error';
  if (status === 502) return 'Bad gateway';
  if (status === 503) return 'Service temporarily unavailable';
  if (status === 504) return 'Gateway timeout';
  return V2_CODES[status]?.[1] ?? `HTTP ${status}`;
}

export function errorBody(
  dialect: Dialect,
  status: number,
  code: number,
  message: string,
  traceId: string,
  extra: Record<string, unknown> = {},
): unknown {
  return dialect === 'v2'
    ? v2ErrorBody(status, message)
    : v3ErrorBody(status, code, message, traceId, extra);
}
