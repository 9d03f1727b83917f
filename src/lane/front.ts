/**
 * The lane's two front ends: the node:http listener the server runs, and a `fetch` for
 * in-process use (the tests drive the gateway through it). Each looks at the request line and
 * headers first; only a request the lane may serve has its body read (a JSON POST to the
 * endpoint, of a known length within the body limit, no CORS answer owed, an answer Yoga would
 * give as one JSON result). Everything else, and whatever the lane hands back after reading
 * the body, is Yoga's.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { Lane, LaneAnswer, LaneRequest } from './lane.js';
import { abortSignalOf } from '../upstream/http/deadline.js';
import type { AbortSource } from '../upstream/model.js';
import { regularMediaType } from './negotiate.js';

export interface FrontOptions {
  endpoint: string;
  /** Largest body the lane reads (the gateway's body limit). */
  maxBodySize: number;
  /** Whether a request from this origin is owed CORS headers (auth/cors.ts corsListed). */
  corsListed(origin: string): boolean;
}

type Header = (name: string) => string | undefined;

/**
 * Whether the lane may read this request's body; `length`: its declared length, checked
 * against the limit (a node request), or null (an in-process one, measured once read).
 */
function readable(
  method: string,
  path: string,
  header: Header,
  o: FrontOptions,
  length: number | null,
): boolean {
  if (method !== 'POST' || path !== o.endpoint) return false;
  const type = header('content-type');
  if (type !== 'application/json' && !isJsonUtf8(type)) return false;
  if (header('content-encoding') || header('transfer-encoding')) return false;
  if (length !== null && !(length > 0 && length <= o.maxBodySize)) return false;
  // One JSON result is what the lane answers (not an SSE or multipart stream).
  if (regularMediaType(header('accept')) === null) return false;
  const origin = header('origin');
  return !origin || !o.corsListed(origin);
}

/** `application/json`, with no parameter but a UTF-8 charset (the lane reads bodies as UTF-8). */
function isJsonUtf8(type: string | undefined): boolean {
  const [media, ...params] = (type ?? '').toLowerCase().split(';');
  if (media?.trim() !== 'application/json') return false;
  return params.every((p) => /^\s*charset\s*=\s*"?utf-8"?\s*$/.test(p));
}

type YogaLike = YogaServerInstance<{}, GatewayContext>;

/** The server's request listener: the lane first, Yoga for the rest. */
export function laneListener(lane: Lane, yoga: YogaLike, o: FrontOptions): RequestListener {
  return (req, res) => {
    const header: Header = (name) => req.headers[name] as string | undefined;
    const length = Number(req.headers['content-length']);
    if (!readable(req.method ?? 'GET', req.url ?? '', header, o, length)) {
      void yoga(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    // A client that goes away mid-body: nothing to answer (and no unhandled 'error' event).
    req.once('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
      const gone = new ClientGone();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      const request: LaneRequest = { header, body, signal: gone };
      lane.serve(request).then(
        (answer) =>
          answer ? send(res, answer) : toYoga(yoga, req, res, body, abortSignalOf(gone)),
        (error: unknown) => res.destroy(error as Error),
      );
    });
  };
}

/**
 * Aborts a served request's upstream calls when its client goes away. Not an AbortController:
 * one per request cost ≈ 3 µs on Node 20, and few requests are ever aborted; a request handed
 * back to Yoga gets a real AbortSignal following this one.
 */
class ClientGone implements AbortSource {
  aborted = false;
  reason: unknown = undefined;
  #listeners: (() => void)[] = [];

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    this.#listeners.push(listener);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new DOMException('This operation was aborted', 'AbortError'); // as AbortController's
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }
}

function send(res: ServerResponse, answer: LaneAnswer): void {
  // Encoded once, as a Buffer: its length and what is written. Writing the string instead
  // (Buffer.byteLength, then the socket encodes it) measured 2–4 % more CPU per request (s1, s2):
  // node joins it to the head and flattens the copy on the heap.
  const body = Buffer.from(answer.body);
  const headers = answer.headers;
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
}

/** A request whose body the lane read and handed back: Yoga answers it from that body. */
async function toYoga(
  yoga: YogaLike,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  signal: AbortSignal,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-length') continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const request = new Request(url, { method: 'POST', headers, body, signal });
  try {
    const response = await yoga.fetch(request);
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    res.writeHead(response.status, out);
    if (!response.body) {
      res.end();
      return;
    }
    // Yoga's body is whatwg-node's stream, not node's web stream: read it chunk by chunk.
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await once(res, 'drain', { signal });
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/** `fetch` through the lane, then Yoga (in-process use: tests). */
export function laneFetch(
  lane: Lane,
  yoga: YogaLike,
  o: FrontOptions,
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = new Request(input, init);
    const header: Header = (name) => request.headers.get(name) ?? undefined;
    if (!readable(request.method, new URL(request.url).pathname, header, o, null)) {
      return await yoga.fetch(request);
    }
    const body = await request.text();
    const answer =
      Buffer.byteLength(body) <= o.maxBodySize
        ? await lane.serve({ header, body, signal: request.signal })
        : null;
    if (!answer) {
      const { method, headers, signal } = request;
      return await yoga.fetch(new Request(request.url, { method, headers, body, signal }));
    }
    const headers = new Headers(answer.headers);
    headers.set('content-length', String(Buffer.byteLength(answer.body)));
    return new Response(answer.body, { status: answer.status, headers });
  };
}
