// Real-HTTP contract calls against the sandbox: build the request from a spec route, send it with
// undici, and validate both the request (against the spec) and the response.
import { fetch, FormData } from 'undici';
import {
  declaredStatuses,
  dialectOf,
  validateRequest,
  validateResponse,
  type FormEntries,
  type QueryValue,
  type Strictness,
} from './openapi.js';

export type Auth = 'primary' | 'other' | 'none' | 'bad';

export interface ContractCall {
  route: string;
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent verbatim as application/json instead of `body` (malformed-JSON cases). */
  rawBody?: string;
  auth?: Auth;
  /** See ResponseOptions.validateAs (a documented spec gap). */
  validateAs?: number;
}

export interface ContractResult {
  status: number;
  contentType: string | undefined;
  body: unknown;
  headers: Record<string, string>;
  requestErrors: string[];
  responseErrors: string[];
  declared: boolean;
}

export interface Target {
  url: string;
  tokens: { primary: string; other: string };
}

/** Response strictness per dialect: no invented fields; v2 must also fill every declared field. */
export const STRICT: Record<'v2' | 'v3', Strictness> = {
  v2: { forbidUnknown: true, requireDeclared: true },
  v3: { forbidUnknown: true },
};

export function buildUrl(base: string, call: ContractCall): string {
  const [, template = ''] = call.route.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = call.path?.[name];
    if (v === undefined) throw new Error(`${call.route}: missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
  const prefix = dialectOf(call.route) === 'v3' ? '/api/partner' : '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(call.query ?? {})) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) qs.append(k, String(item));
  }
  const q = qs.toString();
  return `${base}${prefix}${path}${q ? `?${q}` : ''}`;
}

export function authHeaders(target: Target, route: string, auth: Auth): Record<string, string> {
  if (auth === 'none') return {};
  const token = auth === 'bad' ? 'not-a-valid-token' : target.tokens[auth];
  return dialectOf(route) === 'v2'
    ? { 'X-LINQ-INTEGRATION-TOKEN': token }
    : { Authorization: `Bearer ${token}` };
}

function isForm(body: unknown): body is Array<[string, string | Blob]> {
  return Array.isArray(body) && body.every((e) => Array.isArray(e) && typeof e[0] === 'string');
}

/** Sends one request to the sandbox and validates request + response against the spec. */
export async function contractCall(target: Target, call: ContractCall): Promise<ContractResult> {
  const [method = 'GET'] = call.route.split(' ');
  const headers: Record<string, string> = authHeaders(target, call.route, call.auth ?? 'primary');
  let body: string | FormData | undefined;
  if (isForm(call.body)) {
    const form = new FormData();
    for (const [k, v] of call.body) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, v, 'upload.bin');
    }
    body = form;
  } else if (call.rawBody !== undefined || call.body !== undefined) {
    body = call.rawBody ?? JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(buildUrl(target.url, call), { method, headers, body });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? undefined;
  let parsed: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(contentType ?? '')) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  const resHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    resHeaders[k] = v;
  });
  const requestErrors = validateRequest(call.route, {
    path: call.path,
    query: call.query,
    headers,
    body: call.body as FormEntries | undefined,
  });
  const responseErrors = validateResponse(call.route, res.status, contentType, parsed, {
    headers: resHeaders,
    strict: STRICT[dialectOf(call.route)],
    validateAs: call.validateAs,
  });
  return {
    status: res.status,
    contentType,
    body: parsed,
    headers: resHeaders,
    requestErrors,
    responseErrors,
    declared: declaredStatuses(call.route).includes(res.status),
  };
}
