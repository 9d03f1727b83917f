import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { UUID, v3 } from './sandbox-client.js';
import { useSandbox } from '../helpers/rig.js';

const box = useSandbox();

const presign = (size: number, contentType = 'image/png') =>
  v3(box.sandbox, 'POST', '/attachments', {
    body: { filename: 'pic.png', content_type: contentType, size_bytes: size },
  });

describe('v3 attachment upload', () => {
  it('presign → PUT → complete → send by attachment_id', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const p = await presign(bytes.length);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      attachment_id: expect.stringMatching(UUID),
      http_method: 'PUT',
      required_headers: { 'Content-Type': 'image/png' },
    });
    expect(p.body.upload_url.startsWith(`${box.sandbox.url}/uploads/${p.body.attachment_id}`)).toBe(
      true,
    );
    const pending = await v3(box.sandbox, 'GET', `/attachments/${p.body.attachment_id}`);
    expect(pending.body).toMatchObject({ status: 'pending', size_bytes: bytes.length });

    const put = await request(p.body.upload_url, {
      method: 'PUT',
      headers: p.body.required_headers,
      body: bytes,
    });
    await put.body.dump();
    expect(put.statusCode).toBe(200);
    expect(box.sandbox.controls.count('PUT /uploads/{attachmentId}')).toBe(1);
    const done = await v3(box.sandbox, 'GET', `/attachments/${p.body.attachment_id}`);
    expect(done.body).toMatchObject({ status: 'complete', download_url: p.body.download_url });
    const stored = box.sandbox.store.attachments.get(p.body.attachment_id)!;
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const { bigChat } = box.sandbox.store.fixtures();
    const sent = await v3(box.sandbox, 'POST', `/chats/${bigChat.uuid}/messages`, {
      body: { message: { parts: [{ type: 'media', attachment_id: p.body.attachment_id }] } },
    });
    expect(sent.status).toBe(202);
    expect(sent.body.message.parts[0]).toMatchObject({
      type: 'media',
      id: p.body.attachment_id,
      size_bytes: bytes.length,
      mime_type: 'image/png',
    });
  });

  it('marks a short body failed (400) and refuses to send a pending attachment', async () => {
    const p = await presign(1000);
    const put = await request(p.body.upload_url, {
      method: 'PUT',
      headers: p.body.required_headers,
      body: Buffer.alloc(10),
    });
    await put.body.dump();
    expect(put.statusCode).toBe(400);
    const got = await v3(box.sandbox, 'GET', `/attachments/${p.body.attachment_id}`);
    expect(got.body.status).toBe('failed');
    const { bigChat } = box.sandbox.store.fixtures();
    const sent = await v3(box.sandbox, 'POST', `/chats/${bigChat.uuid}/messages`, {
      body: { message: { parts: [{ type: 'media', attachment_id: p.body.attachment_id }] } },
    });
    expect(sent.status).toBe(400);
  });

  it('marks an aborted upload failed', async () => {
    const p = await presign(1_000_000);
    const controller = new AbortController();
    async function* body() {
      yield Buffer.alloc(1000);
      controller.abort();
      await new Promise(() => undefined);
    }
    await expect(
      request(p.body.upload_url, {
        method: 'PUT',
        headers: p.body.required_headers,
        body: Readable.from(body()),
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    await box.sandbox.controls.waitForRequest('PUT /uploads/{attachmentId}');
    const stored = box.sandbox.store.attachments.get(p.body.attachment_id)!;
    for (let i = 0; i < 200 && stored.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(box.sandbox.store.attachments.get(p.body.attachment_id)!.status).toBe('failed');
  });

  it('rejects a wrong signature or content type (403) and an unknown id (404)', async () => {
    const p = await presign(4);
    const forged = p.body.upload_url.replace(/signature=\w+/, 'signature=forged');
    const a = await request(forged, {
      method: 'PUT',
      headers: p.body.required_headers,
      body: 'abcd',
    });
    await a.body.dump();
    expect(a.statusCode).toBe(403);
    const b = await request(p.body.upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      body: 'abcd',
    });
    await b.body.dump();
    expect(b.statusCode).toBe(403);
    const c = await request(`${box.sandbox.url}/uploads/00000000-0000-4000-8000-000000000000`, {
      method: 'PUT',
      body: 'abcd',
    });
    await c.body.dump();
    expect(c.statusCode).toBe(404);
  });

  it.each([
    [{ content_type: 'image/png', size_bytes: 1 }, 1001],
    [{ filename: 'a.webp', content_type: 'image/webp', size_bytes: 1 }, 1005],
    [{ filename: 'a.png', content_type: 'image/png', size_bytes: 104_857_601 }, 1005],
    [{ filename: 'a.png', content_type: 'image/png', size_bytes: 0 }, 1005],
    [{ filename: '', content_type: 'image/png', size_bytes: 1 }, 1005],
  ])('rejects presign %j', async (body, code) => {
    const r = await v3(box.sandbox, 'POST', '/attachments', { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
  });

  it('hides attachments of the other account', async () => {
    const p = await presign(4);
    const r = await v3(box.sandbox, 'GET', `/attachments/${p.body.attachment_id}`, {
      token: box.sandbox.tokens.other,
    });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe(2003);
  });
});
