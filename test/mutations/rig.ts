/**
 * The mutation tests' rig: the sandbox, the real adapter and the gateway behind a real
 * node:http server on 127.0.0.1 port 0. JSON requests go through the typed `execute` helper
 * over fetch; uploads through `postMultipart`, which writes a GraphQL multipart request by hand
 * (so tests control the order, the bytes and when the socket is cut).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { UploadLimits } from '../../src/plugins/use-uploads.js';
import { startSandbox, type Sandbox, type StoreFixtures } from '../../src/sandbox/index.js';
import { createLinqClient } from '../../src/upstream/index.js';
import type { Dialect, LinqApi } from '../../src/upstream/model.js';
import { createGatewayYoga } from '../../src/yoga.js';
import { openAccess } from '../../src/auth/index.js';
import { chatGlobalId, upstreamId } from '../helpers/ids.js';
import { execute, type ExecuteResult } from '../helpers/graphql.js';

export interface MutationRig {
  dialect: Dialect;
  sandbox: Sandbox;
  api: LinqApi;
  fx: StoreFixtures;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  gql<TData, TVars extends Record<string, unknown>>(
    doc: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): Promise<ExecuteResult<TData>>;
  chatId(): string;
  /** Upstream chat id of the group chat in this dialect. */
  upstreamChatId(): string;
  messageCount(): number;
  close(): Promise<void>;
}

export async function startMutationRig(
  dialect: Dialect,
  uploads: Partial<UploadLimits> = {},
): Promise<MutationRig> {
  const sandbox = await startSandbox({ port: 0 });
  const api = createLinqClient({
    baseUrl: sandbox.url,
    dialect,
    token: sandbox.tokens.primary,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    maxRetries: 1,
  });
  const yoga = createGatewayYoga({ auth: openAccess(),
    api,
    graphiql: false,
    uploads,
  });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  const http = { fetch: (_input: string, init?: RequestInit) => fetch(url, init) };
  const fx = sandbox.store.fixtures();
  return {
    dialect,
    sandbox,
    api,
    fx,
    url,
    gql: (doc, variables) => execute(http, doc, variables),
    chatId: () => chatGlobalId(dialect, fx.groupChat),
    upstreamChatId: () => upstreamId(dialect, fx.groupChat),
    messageCount: () => sandbox.store.messageCount(fx.groupChat.uuid),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await sandbox.close();
    },
  };
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
