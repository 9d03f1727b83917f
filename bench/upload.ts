/**
 * Scenario 5: one large file through `sendMessage` as a GraphQL multipart request
 * (graphql-multipart-request-spec), streamed from a generator so the client never holds the
 * file. Measures wall time (→ throughput) and the gateway's peak RSS while it streams, with the
 * size declared (`attachmentSizes`: streamed straight through) and without (as stock multipart
 * clients send it: the gateway spools the file to a temporary file first).
 */
import { nextCallerToken } from './load.js';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { rssMb, sampleRss } from './proc.js';

const BOUNDARY = '----linq-bench-7c1f0b2e';
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

function head(name: string, extra = ''): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`);
}

/** The request body parts in spec order: operations, map, then the file bytes. */
export function multipartParts(
  operations: unknown,
  map: Record<string, string[]>,
  file: MultipartFile,
): { prefix: Buffer; suffix: Buffer; length: number } {
  const prefix = Buffer.concat([
    head('operations'),
    Buffer.from(`Content-Type: application/json\r\n\r\n${JSON.stringify(operations)}\r\n`),
    head('map'),
    Buffer.from(`Content-Type: application/json\r\n\r\n${JSON.stringify(map)}\r\n`),
    head(file.field, `; filename="${file.filename}"`),
    Buffer.from(`Content-Type: ${file.contentType}\r\n\r\n`),
  ]);
  const suffix = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return { prefix, suffix, length: prefix.length + file.size + suffix.length };
}

async function* multipartBody(prefix: Buffer, size: number, suffix: Buffer) {
  yield prefix;
  let left = size;
  while (left > 0) {
    const n = Math.min(left, CHUNK.length);
    yield n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n);
    left -= n;
  }
  yield suffix;
}

export interface UploadResult {
  status: number;
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number | null;
  /** RSS just before the upload started. */
  rssBeforeMb: number | null;
  /** The response body (for checking errors). */
  body: string;
}

export async function runUpload(options: {
  url: string;
  pid: number;
  mutation: string;
  chatId: string;
  size: number;
  /** Send `attachmentSizes` (v3: the direct path); without it the gateway spools the file. */
  declareSize?: boolean;
}): Promise<UploadResult> {
  const file = { field: '0', filename: 'bench.mp4', contentType: 'video/mp4', size: options.size };
  const operations = {
    operationName: 'S4',
    query: options.mutation,
    variables: {
      input: {
        chatId: options.chatId,
        attachments: [null],
        ...(options.declareSize === false ? {} : { attachmentSizes: [options.size] }),
      },
    },
  };
  const { prefix, suffix, length } = multipartParts(
    operations,
    { '0': ['variables.input.attachments.0'] },
    file,
  );
  const rssBeforeMb = rssMb(options.pid);
  const rss = sampleRss(options.pid, 20);
  const started = process.hrtime.bigint();
  const res = await request(options.url, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(length),
      'x-graphql-yoga-csrf': 'bench',
      authorization: `Bearer ${nextCallerToken()}`,
    },
    body: Readable.from(multipartBody(prefix, options.size, suffix), { objectMode: false }),
    bodyTimeout: 120_000,
    headersTimeout: 120_000,
  });
  const body = await res.body.text();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    status: res.statusCode,
    seconds,
    mbPerSecond: options.size / 1e6 / seconds,
    peakRssMb: rss.stop(),
    rssBeforeMb,
    body,
  };
}
