/**
 * Streamed uploads against the sandbox: v2 multipart and v3 presigned PUT arrive intact; source
 * errors and caller aborts cut the upstream request off. (Memory: upload-memory.test.ts.)
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { UploadSource } from '../../src/upstream/index.js';
import { groupChatSides, useAdapterRig } from './sandbox-clients.js';

const t = useAdapterRig();

const V2_SEND = 'POST /api/partner/v2/chats/{chat_id}/chat_messages';
const V3_SEND = 'POST /v3/chats/{chatId}/messages';
const PUT = 'PUT /uploads/{attachmentId}';
const CHUNK = 64 * 1024;

/** One immutable 64 KiB pattern, pushed again and again: the generator allocates nothing. */
const PATTERN = Buffer.from(Array.from({ length: CHUNK }, (_, i) => (i * 31 + 7) & 0xff));

/** A lazily generated stream of `size` bytes; fails with `failAt` bytes sent when given. */
function generated(size: number, opts: { failAt?: number; onBytes?: (n: number) => void } = {}) {
  let sent = 0;
  const hash = createHash('sha256');
  const stream = new Readable({
    read() {
      if (opts.failAt !== undefined && sent >= opts.failAt) {
        this.destroy(new Error('source stream broke'));
        return;
      }
      if (sent >= size) return void this.push(null);
      const n = Math.min(CHUNK, size - sent);
      const chunk = n === CHUNK ? PATTERN : PATTERN.subarray(0, n);
      hash.update(chunk);
      sent += n;
      opts.onBytes?.(sent);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

const { v2, v3 } = groupChatSides(t);
const sides = [
  { ...v2, uploadRoute: V2_SEND },
  { ...v3, uploadRoute: PUT },
];
const messages = () => t.rig.sandbox.store.messageCount(t.fx.groupChat.uuid);

describe.each(sides)('$name uploads', (side) => {
  it('streams several files byte for byte', async () => {
    const a = generated(3 * CHUNK + 17);
    const b = generated(CHUNK - 1);
    const files: UploadSource[] = [
      {
        filename: 'a "quoted".mp4',
        contentType: 'video/mp4',
        size: 3 * CHUNK + 17,
        stream: a.stream,
      },
      { filename: 'b.png', contentType: 'image/png', size: CHUNK - 1, stream: b.stream },
    ];
    const res = await side
      .api()
      .sendMessage({ chatId: side.chatId(), text: 'two files', attachments: files });
    expect(res.message.attachments.map((x) => x.sizeBytes)).toEqual([3 * CHUNK + 17, CHUNK - 1]);
    const stored = res.message.attachments.map((x) => t.rig.sandbox.store.attachments.get(x.id));
    expect(stored.map((x) => x?.sha256)).toEqual([a.digest(), b.digest()]);
    expect(res.message.attachments[0]?.filename).toContain('quoted');
  });

  it('aborts the upstream request when the source stream fails, and sends no message', async () => {
    const before = messages();
    const gen = generated(4 * 1024 * 1024, { failAt: 1024 * 1024 });
    const file = {
      filename: 'x.png',
      contentType: 'image/png',
      size: 4 * 1024 * 1024,
      stream: gen.stream,
    };
    await expect(
      side.api().sendMessage({ chatId: side.chatId(), text: 'never', attachments: [file] }),
    ).rejects.toThrow('source stream broke');
    const upload = await t.rig.sandbox.controls.waitForRequest(side.uploadRoute);
    expect(upload.aborted || upload.status >= 400).toBe(true);
    expect(upload.status).not.toBe(200);
    expect(messages()).toBe(before);
    expect(t.rig.sandbox.controls.count(V3_SEND)).toBe(0);
  });

  it('survives a source that errors before it is read', async () => {
    const before = messages();
    const stream = new Readable({ read() {} });
    const file = { filename: 'x.png', contentType: 'image/png', size: 10, stream };
    const pending = side
      .api()
      .sendMessage({ chatId: side.chatId(), text: 'never', attachments: [file] });
    stream.destroy(new Error('early failure'));
    await expect(pending).rejects.toThrow('early failure');
    expect(messages()).toBe(before);
  });

  it('aborts the upstream upload when the caller aborts', async () => {
    const before = messages();
    const ac = new AbortController();
    const size = 20 * 1024 * 1024;
    const gen = generated(size, {
      onBytes: (n) => n >= 2 * 1024 * 1024 && ac.abort(new Error('caller gone')),
    });
    const file = { filename: 'x.png', contentType: 'image/png', size, stream: gen.stream };
    await expect(
      side
        .api()
        .sendMessage(
          { chatId: side.chatId(), text: 'never', attachments: [file] },
          { signal: ac.signal },
        ),
    ).rejects.toThrow('caller gone');
    const upload = await t.rig.sandbox.controls.waitForRequest(side.uploadRoute);
    expect(upload.aborted || upload.status === 400).toBe(true);
    expect(messages()).toBe(before);
  });
});
