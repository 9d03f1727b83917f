import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { v2 } from './sandbox-client.js';
import { useSandbox } from '../helpers/rig.js';

const box = useSandbox();
let chatId: number;
beforeEach(() => {
  chatId = box.sandbox.store.fixtures().bigChat.v2Id;
});

function form(fields: Record<string, string | string[]>, files: [string, Blob, string][] = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
  for (const [field, blob, name] of files) fd.append(field, blob, name);
  return fd;
}
const send = (fd: FormData) =>
  v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages`, { raw: fd });

describe('v2 send (multipart)', () => {
  it('creates a message with real file parts and URLs (201)', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const r = await send(
      form(
        {
          'message[text]': 'Hi there',
          'message[attachment_urls][]': 'https://example.com/doc.pdf',
        },
        [
          ['message[attachments][]', new Blob([bytes], { type: 'image/png' }), 'big.png'],
          ['message[attachments][]', new Blob(['hello'], { type: 'text/plain' }), 'note.txt'],
        ],
      ),
    );
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      text: 'Hi there',
      delivery_status: 'pending',
      edited_at: null,
    });
    expect(r.body.data.attachments).toEqual([
      expect.objectContaining({ filename: 'big.png', mime_type: 'image/png', file_size: 300_000 }),
      expect.objectContaining({ filename: 'note.txt', mime_type: 'text/plain', file_size: 5 }),
      expect.objectContaining({ filename: 'doc.pdf', mime_type: 'application/pdf' }),
    ]);
    const stored = box.sandbox.store.attachments.get(r.body.data.attachments[0].id)!;
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const rec = box.sandbox.controls.requests().at(-1)!;
    expect(rec.route).toBe('POST /api/partner/v2/chats/{chat_id}/chat_messages');
    expect(rec.body).toMatchObject({ text: 'Hi there', files: [{ size: 300_000 }, { size: 5 }] });
    const read = await v2(
      box.sandbox,
      'GET',
      `/chats/${chatId}/chat_messages?sort=desc&per_page=1`,
    );
    expect(read.body.data[0].id).toBe(r.body.data.id);
  });

  it('returns 200 with the same message when the idempotency key repeats', async () => {
    const fields = { 'message[text]': 'once', 'message[idempotency_key]': 'abc_123-X' };
    const first = await send(form(fields));
    const count = box.sandbox.store.messageCount(chatId);
    const second = await send(form(fields));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.data).toEqual(first.body.data);
    expect(box.sandbox.store.messageCount(chatId)).toBe(count);
  });

  it.each([
    ['missing text', {}],
    ['blank text', { 'message[text]': '  ' }],
    ['bad idempotency key', { 'message[text]': 'x', 'message[idempotency_key]': 'no spaces!' }],
    ['bad attachment url', { 'message[text]': 'x', 'message[attachment_urls][]': 'ftp://x' }],
  ])('rejects %s with 422', async (_name, fields) => {
    const count = box.sandbox.store.messageCount(chatId);
    const r = await send(form(fields));
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ status: 422, code: 'unprocessable_entity' });
    expect(box.sandbox.store.messageCount(chatId)).toBe(count);
  });

  it('answers 400 (and keeps running) for a file part cut short or a client abort', async () => {
    const truncated = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages`, {
      raw:
        '--xyz\r\nContent-Disposition: form-data; name="message[attachments][]"; ' +
        'filename="a.png"\r\nContent-Type: image/png\r\n\r\nabcdef',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(truncated.status).toBe(400);
    const controller = new AbortController();
    async function* slowForm() {
      yield Buffer.from('--xyz\r\nContent-Disposition: form-data; name="message[attachments][]"; ');
      yield Buffer.from('filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc');
      controller.abort();
    }
    const aborted = request(`${box.sandbox.url}/api/partner/v2/chats/${chatId}/chat_messages`, {
      method: 'POST',
      headers: {
        'X-LINQ-INTEGRATION-TOKEN': box.sandbox.tokens.primary,
        'Content-Type': 'multipart/form-data; boundary=xyz',
      },
      body: Readable.from(slowForm()),
      signal: controller.signal,
    });
    await expect(aborted).rejects.toThrow();
    const route = 'POST /api/partner/v2/chats/{chat_id}/chat_messages';
    await box.sandbox.controls.waitForRequest(route, (r) => r.aborted);
    expect((await v2(box.sandbox, 'GET', '/phone_numbers')).status).toBe(200);
  });

  it('rejects fields sent as the wrong kind (a file for text, text for a file) with 422', async () => {
    const fileForText = form({}, [['message[text]', new Blob(['hi']), 'text.txt']]);
    expect((await send(fileForText)).status).toBe(422);
    const textForFile = form({ 'message[text]': 'hi', 'message[attachments][]': 'not a file' });
    expect((await send(textForFile)).status).toBe(422);
  });

  it('rejects a body that is not multipart, or broken multipart, with 400', async () => {
    const text = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages`, {
      raw: 'message[text]=hi',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    const json = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages`, {
      body: { message: { text: 'hi' } },
    });
    expect(json.status).toBe(400);
    const broken = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages`, {
      raw: '--xyz\r\nContent-Disposition: form-data; name="message[text]"\r\n\r\nhi',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(broken.status).toBe(400);
  });
});

describe('v2 edit, delete, react', () => {
  const own = () => box.sandbox.store.getChat(chatId)!.messages.find((m) => m.isFromMe)!;

  it('edits (200 {message, data:{id,text}}) and sets edited_at', async () => {
    const m = own();
    const r = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages/${m.v2Id}/edit`, {
      body: { text: 'better' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ message: expect.any(String), data: { id: m.v2Id, text: 'better' } });
    const read = await v2(box.sandbox, 'GET', `/chats/${chatId}/chat_messages/${m.v2Id}`);
    expect(read.body.data.text).toBe('better');
    expect(read.body.data.edited_at).toEqual(expect.any(String));
    const blank = await v2(box.sandbox, 'POST', `/chats/${chatId}/chat_messages/${m.v2Id}/edit`, {
      body: { text: '' },
    });
    expect(blank.status).toBe(422);
  });

  it('deletes (200 {message}) and the message is gone', async () => {
    const m = own();
    const r = await v2(box.sandbox, 'DELETE', `/chats/${chatId}/chat_messages/${m.v2Id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ message: expect.any(String) });
    expect((await v2(box.sandbox, 'GET', `/chats/${chatId}/chat_messages/${m.v2Id}`)).status).toBe(
      404,
    );
    expect(box.sandbox.store.getMessage(m.v2Id)).toBeNull();
  });

  it('adds (201 Reaction) and removes a reaction; reads show it in between', async () => {
    const m = own();
    const add = await v2(box.sandbox, 'POST', `/chat_messages/${m.v2Id}/reactions`, {
      body: { type: 'laugh', operation: 'add' },
    });
    expect(add.status).toBe(201);
    expect(add.body.data).toMatchObject({
      chat_message_id: m.v2Id,
      reaction: 'laugh',
      is_from_me: true,
    });
    const read = await v2(box.sandbox, 'GET', `/chats/${chatId}/chat_messages/${m.v2Id}`);
    expect(read.body.data.reactions).toContainEqual(add.body.data);
    const got = await v2(box.sandbox, 'GET', `/chat_message_reactions/${add.body.data.id}`);
    expect(got.body.data).toEqual(add.body.data);
    // The same reaction through v3, on part 0.
    const v3read = box.sandbox.store.getMessage(m.v2Id)!.parts[0]!.reactions.map((r) => r.type);
    expect(v3read).toContain('laugh');
    const remove = await v2(box.sandbox, 'POST', `/chat_messages/${m.v2Id}/reactions`, {
      body: { type: 'laugh', operation: 'remove' },
    });
    expect(remove.status).toBe(201);
    expect(
      (await v2(box.sandbox, 'GET', `/chat_message_reactions/${add.body.data.id}`)).status,
    ).toBe(404);
  });

  it.each([
    [{ type: 'wink', operation: 'add' }, 422],
    [{ type: 'love', operation: 'toggle' }, 422],
    [{ type: 'custom', operation: 'add' }, 422],
  ])('rejects reaction %j', async (body, status) => {
    const r = await v2(box.sandbox, 'POST', `/chat_messages/${own().v2Id}/reactions`, { body });
    expect(r.status).toBe(status);
  });
});
