/**
 * sendMessage with files over real HTTP (GraphQL multipart requests), in both dialects:
 * files arrive byte for byte, several large files do not stall, and every limit, a cut
 * connection, a malformed body and a missing CSRF header end with a clear error and no message.
 */
import { watch } from 'node:fs';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeNodeId } from '../../src/schema/relay/global-id.js';
import { parseMessageKey } from '../../src/schema/loading/keys.js';
import { SPOOL_PREFIX } from '../../src/upstream/http/spool.js';
import { dataOf } from '../helpers/graphql.js';
import { usePrivateSpoolDir } from '../helpers/spool-dir.js';
import { MessageNode, SendMessage } from './documents.js';
import { bytes, multipartBody, postMultipart, type FilePart, useMutationRig } from './rig.js';

const MiB = 1024 * 1024;
const LIMITS = { maxFileSize: 8 * MiB, maxFiles: 3, maxTotalSize: 20 * MiB };
const UPLOAD_ROUTE = {
  v2: 'POST /api/partner/v2/chats/{chat_id}/chat_messages',
  v3: 'PUT /uploads/{attachmentId}',
} as const;

// Spool files go to the OS temporary directory: a private one for this file's gateways.
const { dir: SPOOL_DIR, leftovers: spoolLeftovers } = usePrivateSpoolDir('uploads-test-');

/** Runs `work`, counting the spool directories created meanwhile. */
async function watchSpool(work: () => Promise<void>): Promise<number> {
  const seen = new Set<string>();
  const watcher = watch(SPOOL_DIR, (_event, name) => {
    if (name?.startsWith(SPOOL_PREFIX)) seen.add(name);
  });
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 50)); // late watch events
  } finally {
    watcher.close();
  }
  return seen.size;
}

describe.each(['v2', 'v3'] as const)('%s uploads', (dialect) => {
  const rig = useMutationRig(dialect, LIMITS);

  /** A multipart sendMessage with `files`; sizes are declared unless `sizes` is null. */
  function upload(files: FilePart[], sizes: number[] | null, text = 'with files') {
    const input = {
      chatId: rig.chatId(),
      text,
      attachments: files.map(() => null),
      ...(sizes ? { attachmentSizes: sizes } : {}),
    };
    const operations = { query: print(SendMessage), variables: { input } };
    const map = Object.fromEntries(
      files.map((f, i) => [f.field, [`variables.input.attachments.${i}`]]),
    );
    return multipartBody(operations, map, files);
  }

  const result = (res: Awaited<ReturnType<typeof postMultipart>>) =>
    (res.body?.data?.sendMessage ?? res.body) as Record<string, unknown>;

  const storedAttachments = (messageId: string) => {
    const key = decodeNodeId(dialect, messageId, 'Message').id;
    const ref = parseMessageKey(dialect, key)!;
    const rec = rig.sandbox.store.getMessage(ref.id)!;
    return rec.parts.flatMap((p) => (p.type === 'media' ? [p.attachment] : []));
  };

  it('sends several files in one request, byte for byte', async () => {
    const a = bytes(200_000, 1);
    const b = bytes(70_001, 2);
    const files = [
      { field: '0', filename: 'a.png', type: 'image/png', body: a.stream() },
      { field: '1', filename: 'b.jpg', type: 'image/jpeg', body: b.stream() },
    ];
    const before = rig.messageCount();
    const res = await postMultipart(rig.url, upload(files, [200_000, 70_001]));
    const sent = result(res);
    expect(sent).toMatchObject({
      __typename: 'SendMessagePayload',
      sentMessage: {
        attachments: [
          { filename: 'a.png', mimeType: 'image/png', sizeBytes: 200_000 },
          { filename: 'b.jpg', mimeType: 'image/jpeg', sizeBytes: 70_001 },
        ],
      },
    });
    expect(rig.messageCount()).toBe(before + 1);
    const id = (sent.sentMessage as { id: string }).id;
    expect(storedAttachments(id).map((x) => x.sha256)).toEqual([a.sha256, b.sha256]);
    const read = dataOf(await rig.gql(MessageNode, { id })).node;
    expect(read && 'attachments' in read ? read.attachments : []).toHaveLength(2);
  });

  // Stock multipart clients (apollo-upload-client, urql, Relay) send no attachmentSizes: on v3
  // each file is spooled to a bounded temporary file, measured, then uploaded.
  it('sends files without attachmentSizes, byte for byte, leaving no temporary file', async () => {
    const a = bytes(3 * MiB + 17, 3);
    const b = bytes(1, 4);
    const files = [
      { field: '0', filename: 'a.png', type: 'image/png', body: a.stream() },
      { field: '1', filename: 'b.jpg', type: 'image/jpeg', body: b.stream() },
    ];
    const before = rig.messageCount();
    const created = await watchSpool(async () => {
      const sent = result(await postMultipart(rig.url, upload(files, null)));
      expect(sent).toMatchObject({
        __typename: 'SendMessagePayload',
        sentMessage: {
          attachments: [
            { filename: 'a.png', sizeBytes: 3 * MiB + 17 },
            { filename: 'b.jpg', sizeBytes: 1 },
          ],
        },
      });
      const id = (sent.sentMessage as { id: string }).id;
      expect(storedAttachments(id).map((x) => x.sha256)).toEqual([a.sha256, b.sha256]);
    });
    expect(rig.messageCount()).toBe(before + 1);
    // v3 spooled each file; v2 streams into its multipart send and needs no size.
    expect(created).toBe(dialect === 'v3' ? 2 : 0);
    expect(spoolLeftovers()).toEqual([]);
  });

  it('keeps declared sizes on the direct streaming path (no temporary file)', async () => {
    const a = bytes(2 * MiB, 5);
    const files = [{ field: '0', filename: 'a.png', type: 'image/png', body: a.stream() }];
    const created = await watchSpool(async () => {
      const sent = result(await postMultipart(rig.url, upload(files, [2 * MiB])));
      expect(sent.__typename).toBe('SendMessagePayload');
    });
    expect(created).toBe(0);
  });

  it('leaves no temporary file in any outcome (limit, upstream error, disconnect)', async () => {
    const before = rig.messageCount();
    const over = bytes(LIMITS.maxFileSize + 100_000);
    const tooBig = [{ field: '0', filename: 'big.png', type: 'image/png', body: over.stream() }];
    expect(result(await postMultipart(rig.url, upload(tooBig, null))).__typename).toBe(
      'ValidationError',
    );
    expect(spoolLeftovers()).toEqual([]);

    const refused = dialect === 'v3' ? 'POST /v3/attachments' : UPLOAD_ROUTE.v2;
    rig.sandbox.controls.injectFault({ route: refused, fault: { type: 'status', status: 500 } });
    const ok = bytes(MiB);
    const files = [{ field: '0', filename: 'a.png', type: 'image/png', body: ok.stream() }];
    expect(result(await postMultipart(rig.url, upload(files, null))).__typename).toBe(
      'UpstreamUnavailableError',
    );
    rig.sandbox.controls.clearFaults();
    expect(spoolLeftovers()).toEqual([]);

    const body = bytes(6 * MiB).stream();
    const cut = [{ field: '0', filename: 'cut.png', type: 'image/png', body }];
    await expect(
      postMultipart(rig.url, upload(cut, null), { cutAfter: 2 * MiB }),
    ).rejects.toThrow();
    await expect.poll(spoolLeftovers, { timeout: 5_000 }).toEqual([]);
    expect(rig.messageCount()).toBe(before);
  });

  it('streams three large files in order without stalling (each read as it arrives)', async () => {
    const size = 6 * MiB;
    const parts = [1, 2, 3].map((seed) => bytes(size, seed));
    const files = parts.map((p, i) => ({
      field: `f${i}`,
      filename: `big-${i}.png`,
      type: 'image/png',
      body: p.stream(),
    }));
    const res = await postMultipart(rig.url, upload(files, [size, size, size]));
    const sent = result(res);
    expect(sent.__typename).toBe('SendMessagePayload');
    const id = (sent.sentMessage as { id: string }).id;
    expect(storedAttachments(id).map((x) => x.sha256)).toEqual(parts.map((p) => p.sha256));
  });

  it('refuses a file over maxFileSize: nothing is sent', async () => {
    const before = rig.messageCount();
    const big = bytes(LIMITS.maxFileSize + 100_000);
    const files = [{ field: '0', filename: 'big.png', type: 'image/png', body: big.stream() }];
    // v3 needs declared sizes (and refuses one over the limit before any call); v2 learns the
    // size only while streaming, when busboy's limit cuts the upstream request off.
    const sizes = dialect === 'v3' ? [LIMITS.maxFileSize + 100_000] : null;
    const sent = result(await postMultipart(rig.url, upload(files, sizes)));
    expect(sent).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'attachments.0', message: expect.stringContaining('at most') }],
    });
    expect(rig.messageCount()).toBe(before);
    if (dialect === 'v2') {
      const upstream = await rig.sandbox.controls.waitForRequest(UPLOAD_ROUTE.v2);
      expect(upstream.aborted || upstream.status >= 400).toBe(true);
    } else {
      expect(rig.sandbox.controls.count()).toBe(0);
    }
  });

  it('refuses files over maxTotalSize together while streaming: nothing is sent', async () => {
    const before = rig.messageCount();
    const size = 7 * MiB; // each under maxFileSize, three over maxTotalSize
    const files = [0, 1, 2].map((i) => ({
      field: `${i}`,
      filename: `f${i}.png`,
      type: 'image/png',
      body: bytes(size, i).stream(),
    }));
    // Declared sizes that understate the truth still cannot get past the running total.
    const sizes = dialect === 'v3' ? [size, size, 1] : null;
    const sent = result(await postMultipart(rig.url, upload(files, sizes)));
    expect(sent.__typename).toBe('ValidationError');
    expect(rig.messageCount()).toBe(before);
    // v2: the one streamed send was cut off; v3: the message itself was never posted.
    if (dialect === 'v2') expect(rig.sandbox.controls.count(UPLOAD_ROUTE.v2)).toBe(1);
    else expect(rig.sandbox.controls.count('POST /v3/chats/{chatId}/messages')).toBe(0);
  });

  it('refuses a file whose bytes do not match its declared size', async () => {
    const before = rig.messageCount();
    const body = bytes(50_000).stream();
    const files = [{ field: '0', filename: 'a.png', type: 'image/png', body }];
    const sent = result(await postMultipart(rig.url, upload(files, [40_000])));
    expect(sent.__typename).toBe('ValidationError');
    expect(rig.messageCount()).toBe(before);
  });

  it('aborts the upstream upload when the client disconnects mid-upload', async () => {
    const before = rig.messageCount();
    const size = 6 * MiB;
    const body = bytes(size).stream();
    const files = [{ field: '0', filename: 'cut.png', type: 'image/png', body }];
    await expect(
      postMultipart(rig.url, upload(files, [size]), { cutAfter: 2 * MiB }),
    ).rejects.toThrow();
    const upstream = await rig.sandbox.controls.waitForRequest(UPLOAD_ROUTE[dialect]);
    expect(upstream.aborted || upstream.status >= 400).toBe(true);
    expect(rig.messageCount()).toBe(before);
    // The server lives and serves the next request.
    const ok = await rig.gql(SendMessage, { input: { chatId: rig.chatId(), text: 'alive' } });
    expect(dataOf(ok).sendMessage.__typename).toBe('SendMessagePayload');
  });

  it('answers 413 for more files than maxFiles, before any upstream call', async () => {
    const files = [0, 1, 2, 3].map((i) => ({
      field: `${i}`,
      filename: `f${i}.png`,
      type: 'image/png',
      body: Buffer.from('x'),
    }));
    const res = await postMultipart(rig.url, upload(files, [1, 1, 1, 1]));
    expect(res.status).toBe(413);
    expect(res.body?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(rig.sandbox.controls.count()).toBe(0);
  });

  it('answers 400 with a clear message for a malformed multipart body', async () => {
    const body = upload([], null);
    const broken = await postMultipart(rig.url, body, {
      rawBody: Buffer.from(
        `--${body.boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
          `{not json\r\n--${body.boundary}--\r\n`,
      ),
    });
    expect(broken.status).toBe(400);
    expect(broken.body?.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Malformed multipart request'),
      extensions: { code: 'BAD_REQUEST' },
    });
    const garbage = await postMultipart(rig.url, body, { rawBody: Buffer.from('garbage') });
    expect(garbage.status).toBe(400);
    expect(garbage.body?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(rig.sandbox.controls.count()).toBe(0);
  });

  it('answers a map naming a missing file, or a truncated body, with a request error', async () => {
    const before = rig.messageCount();
    const file = { field: '0', filename: 'a.txt', type: 'text/plain', body: Buffer.from('hello') };
    const whole = upload([file], [5]);
    // The map names file "0"; the body ends without it.
    const missing = upload([], null);
    const withMap = Buffer.concat([
      Buffer.from(
        `--${missing.boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
          `${JSON.stringify({ query: print(SendMessage), variables: { input: { chatId: rig.chatId(), text: 'x', attachments: [null], attachmentSizes: [5] } } })}\r\n` +
          `--${missing.boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n` +
          `${JSON.stringify({ 0: ['variables.input.attachments.0'] })}\r\n--${missing.boundary}--\r\n`,
      ),
    ]);
    const noFile = await postMultipart(rig.url, missing, { rawBody: withMap });
    // Cut inside the file part: no closing boundary.
    const full = Buffer.concat(
      await Promise.all(
        whole.chunks.map(async (c) => (Buffer.isBuffer(c) ? c : Buffer.concat(await c.toArray()))),
      ),
    );
    const cut = full.subarray(0, full.indexOf('hello') + 2);
    const truncated = await postMultipart(rig.url, whole, { rawBody: cut });
    for (const res of [noFile, truncated]) {
      expect(res.status).toBe(400);
      expect(res.body?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(res.body?.data?.sendMessage ?? null).toBeNull();
    }
    expect(rig.messageCount()).toBe(before);
  });

  it('accepts a file of exactly maxFileSize', async () => {
    const exact = bytes(LIMITS.maxFileSize);
    const files = [{ field: '0', filename: 'exact.png', type: 'image/png', body: exact.stream() }];
    const sent = result(await postMultipart(rig.url, upload(files, [LIMITS.maxFileSize])));
    expect(sent.__typename).toBe('SendMessagePayload');
  });

  it('answers 403 to a multipart request without the CSRF header', async () => {
    const files = [{ field: '0', filename: 'a.png', type: 'image/png', body: Buffer.from('x') }];
    const res = await postMultipart(rig.url, upload(files, [1]), { csrf: false });
    expect(res.status).toBe(403);
    expect(rig.sandbox.controls.count()).toBe(0);
  });
});

describe('body limits of requests that are not uploads', () => {
  const rig = useMutationRig('v3'); // default limits: uploads up to 200 MiB

  it('keeps the 25 MB cap on JSON bodies although uploads may be larger', async () => {
    const text = 'x'.repeat(26_000_000);
    const query = print(SendMessage);
    const body = JSON.stringify({ query, variables: { input: { chatId: rig.chatId(), text } } });
    const res = await fetch(rig.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(json.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(rig.sandbox.controls.count()).toBe(0);
  });
});
