/** Shared request/response plumbing of the sandbox routes. */
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest, invalidBody } from './errors.js';
import type { AccountRec } from '../records.js';
import type { Store } from '../store.js';
import type { RecordedRequest } from '../types.js';

export interface Reply {
  status: number;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body` (malformed-json fault). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Ctx {
  req: IncomingMessage;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  /** The authenticated account (set for every authenticated route). */
  account: AccountRec;
  store: Store;
  /** e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  traceId: string;
  record: RecordedRequest;
  linkParts: boolean;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface RouteDef {
  method: string;
  /** Spec path template, e.g. /v3/chats/{chatId}. */
  template: string;
  /** Served path prefix before the template ('' or '/api/partner'). */
  prefix: string;
  dialect: 'v2' | 'v3' | 'upload';
  handler: Handler;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

const MAX_JSON = 1024 * 1024;

/** Reads and parses a JSON body; undefined when empty; 400 (1003) when malformed. */
export async function readJson(ctx: Ctx): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON) throw new ApiError(413, 1003, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidBody('Malformed JSON in request body');
  }
  ctx.record.body = body;
  return body;
}

/** A JSON object body (400 when missing or not an object). */
export async function readObject(ctx: Ctx): Promise<Record<string, unknown>> {
  const body = await readJson(ctx);
  if (body === undefined) throw invalidBody('Request body is required');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidBody('Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** An optional integer query parameter within [min, max]; 400 otherwise. */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer`);
  const n = Number(raw);
  if (n < min || n > max) throw badRequest(`${name} must be between ${min} and ${max}`);
  return n;
}

/** Opaque keyset cursors: base64url of "sortKey|id". */
export function encodeCursor(sortKey: string, id: number): string {
  return Buffer.from(`${sortKey}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): { sortKey: string; id: number } | null {
  if (cursor === null || cursor === '') return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^([^|]{1,64})\|(\d{1,15})$/.exec(text);
  if (!match) throw badRequest('Invalid cursor');
  return { sortKey: match[1] as string, id: Number(match[2]) };
}

export const isUuid = (s: string | undefined): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s ?? '');

export const nowIso = () => new Date().toISOString();
