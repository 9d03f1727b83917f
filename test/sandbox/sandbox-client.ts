/** Tiny HTTP helpers for the sandbox's own tests (real sockets, global fetch). */
import type { Sandbox } from '../../src/sandbox/index.js';

/** JSON bodies are untyped in these tests (`any`): each assertion names the fields it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent verbatim (e.g. malformed JSON). */
  raw?: string | FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(
  sandbox: Sandbox,
  dialect: 'v2' | 'v3',
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const token = opts.token === undefined ? sandbox.tokens.primary : opts.token;
  const headers: Record<string, string> = { ...opts.headers };
  if (token !== null) {
    if (dialect === 'v2') headers['X-LINQ-INTEGRATION-TOKEN'] = token;
    else headers.Authorization = `Bearer ${token}`;
  }
  let body: string | FormData | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  const prefix = dialect === 'v2' ? '/api/partner/v2' : '/api/partner/v3';
  const res = await fetch(`${sandbox.url}${prefix}${path}`, {
    method,
    headers,
    body,
    signal: opts.signal,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const v2 = (s: Sandbox, method: string, path: string, opts?: CallOptions) =>
  call(s, 'v2', method, path, opts);
export const v3 = (s: Sandbox, method: string, path: string, opts?: CallOptions) =>
  call(s, 'v3', method, path, opts);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
