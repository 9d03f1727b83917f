/**
 * The mutation tests' helpers: the rig (test/helpers/rig.ts) serving the gateway on a real
 * node:http server, with typed `gql` over fetch and the group chat's ids; uploads go through
 * `postMultipart`, which writes a GraphQL multipart request by hand (so tests control the
 * order, the bytes and when the socket is cut).
 */
import { createHash, randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { UploadLimits } from '../../src/plugins/use-uploads.js';
import type { StoreFixtures } from '../../src/sandbox/index.js';
import type { Dialect } from '../../src/upstream/model.js';
import { forwardTo } from '../helpers/forward.js';
import { execute, type ExecuteResult } from '../helpers/graphql.js';
import { chatGlobalId, upstreamId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';

export interface MutationRig extends Rig {
  fx: StoreFixtures;
  gql<TData, TVars extends Record<string, unknown>>(
    doc: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): Promise<ExecuteResult<TData>>;
  /** Global id of the group chat in this dialect. */
  chatId(): string;
  /** Upstream chat id of the group chat in this dialect. */
  upstreamChatId(): string;
  messageCount(): number;
}

export async function startMutationRig(
  dialect: Dialect,
  uploads: Partial<UploadLimits> = {},
): Promise<MutationRig> {
  const rig = await startRig({ dialect, listen: true, gateway: { uploads } });
  const fx = rig.fixtures;
  return Object.assign(rig, {
    fx,
    gql: <TData, TVars extends Record<string, unknown>>(
      doc: TypedDocumentNode<TData, TVars>,
      variables: TVars,
    ) => execute({ url: rig.url }, doc, variables),
    chatId: () => chatGlobalId(dialect, fx.groupChat),
    upstreamChatId: () => upstreamId(dialect, fx.groupChat),
    messageCount: () => rig.sandbox.store.messageCount(fx.groupChat.uuid),
  });
}

/**
 * A mutation rig for the enclosing describe block (or file): started before its tests, its
 * sandbox reset (store, recorder, faults) before each test, closed after. The returned object
 * forwards to the running rig, so read it inside tests or hooks only.
 */
export function useMutationRig(dialect: Dialect, uploads: Partial<UploadLimits> = {}): MutationRig {
  let rig: MutationRig | undefined;
  beforeAll(async () => {
    rig = await startMutationRig(dialect, uploads);
  });
  beforeEach(() => rig?.sandbox.controls.reset());
  afterAll(() => rig?.close());
  return forwardTo(() => rig, 'the mutation rig');
}

export interface FilePart {
  /** The multipart field name used in `map`. */
  field: string;
  filename: string;
  type: string;
  body: Buffer | Readable;
}

export interface MultipartOptions {
  /** Send the CSRF header (default true). */
  csrf?: boolean;
  /** Replace the generated body entirely (malformed requests). */
  rawBody?: Buffer;
  /** Destroy the socket after this many body bytes were written. */
  cutAfter?: number;
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  } | null;
  text: string;
}

/** A GraphQL multipart request: operations, map, then the files in order. */
export function multipartBody(
  operations: unknown,
  map: Record<string, string[]>,
  files: FilePart[],
): { boundary: string; chunks: (Buffer | Readable)[] } {
  const boundary = `----rig${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  const chunks: (Buffer | Readable)[] = [
    field('operations', JSON.stringify(operations)),
    field('map', JSON.stringify(map)),
  ];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; ` +
          `filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, chunks };
}

export function postMultipart(
  url: string,
  body: { boundary: string; chunks: (Buffer | Readable)[] },
  options: MultipartOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {
    'content-type': `multipart/form-data; boundary=${body.boundary}`,
    accept: 'application/graphql-response+json, application/json',
  };
  if (options.csrf ?? true) headers['x-graphql-yoga-csrf'] = '1';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: HttpResult['body'] = null;
        try {
          parsed = JSON.parse(text) as HttpResult['body'];
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    void (async () => {
      let written = 0;
      const write = async (chunk: Buffer) => {
        if (options.cutAfter !== undefined && written + chunk.length > options.cutAfter) {
          req.write(chunk.subarray(0, Math.max(0, options.cutAfter - written)));
          await new Promise((r) => setTimeout(r, 50));
          req.destroy();
          reject(new Error('cut'));
          throw new Error('cut');
        }
        written += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      };
      try {
        if (options.rawBody) await write(options.rawBody);
        else {
          for (const chunk of body.chunks) {
            if (Buffer.isBuffer(chunk)) await write(chunk);
            else for await (const c of chunk) await write(c as Buffer);
          }
        }
        req.end();
      } catch {
        // cut on purpose, or the server answered early and closed
      }
    })();
  });
}

/** `size` deterministic bytes, generated lazily in 64 KiB chunks. */
export function bytes(size: number, seed = 7): { stream: () => Readable; sha256: string } {
  const chunk = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 31 + seed) & 0xff));
  const hash = createHash('sha256');
  for (let sent = 0; sent < size; sent += chunk.length) {
    hash.update(chunk.subarray(0, Math.min(chunk.length, size - sent)));
  }
  const stream = () =>
    Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += chunk.length) {
          yield chunk.subarray(0, Math.min(chunk.length, size - sent));
        }
      })(),
    );
  return { stream, sha256: hash.digest('hex') };
}
