import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { UUID, v2, v3 } from './sandbox-client.js';

let sandbox: Sandbox;
const firstOf = (chatId: string) => sandbox.store.getChat(chatId)!.messages[0]!.v2Id;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('seed', () => {
  it('is deterministic and has the promised shape', async () => {
    const again = await startSandbox({ port: 0 });
    try {
      expect(again.store.fixtures()).toEqual(sandbox.store.fixtures());
      const f = sandbox.store.fixtures();
      expect(f.primaryPhones.length).toBeGreaterThanOrEqual(3);
      expect(f.bigChat.messageCount).toBeGreaterThanOrEqual(120);
      expect(
        sandbox.store.chatsOf(sandbox.store.accounts[0]!, f.primaryPhone).length,
      ).toBeGreaterThanOrEqual(12);
      expect(sandbox.store.totalMessages()).toBeGreaterThan(300);
      const reactions = sandbox.store.chats.flatMap((c) =>
        c.messages.flatMap((m) => m.parts.flatMap((p) => p.reactions)),
      );
      const types = new Set(reactions.map((r) => r.type));
      expect(types).toContain('custom');
      expect(types).toContain('sticker');
      const messages = sandbox.store.chats.flatMap((c) => c.messages);
      expect(messages.some((m) => m.replyTo)).toBe(true);
      expect(messages.some((m) => m.effect)).toBe(true);
      expect(messages.some((m) => m.parts.some((p) => p.type === 'media'))).toBe(true);
      expect(messages.some((m) => m.parts.some((p) => p.type === 'link'))).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('v3 reads', () => {
  it('lists phone numbers, chats, a chat, messages and a message', async () => {
    const f = sandbox.store.fixtures();
    const phones = await v3(sandbox, 'GET', '/phone_numbers');
    expect(phones.status).toBe(200);
    expect(phones.headers.get('x-trace-id')).toBeTruthy();
    expect(phones.body.phone_numbers.map((p: { phone_number: string }) => p.phone_number)).toEqual(
      f.primaryPhones,
    );

    const chats = await v3(sandbox, 'GET', `/chats?from=${encodeURIComponent(f.primaryPhone)}`);
    expect(chats.status).toBe(200);
    expect(chats.body.chats).toHaveLength(14);
    expect(chats.body.next_cursor).toBeNull();
    const first = chats.body.chats[0];
    expect(first.id).toMatch(UUID);
    expect(
      first.handles.some(
        (h: { is_me: boolean; handle: string }) => h.is_me && h.handle === f.primaryPhone,
      ),
    ).toBe(true);

    const chat = await v3(sandbox, 'GET', `/chats/${f.bigChat.uuid}`);
    expect(chat.body).toMatchObject({ id: f.bigChat.uuid, is_group: false });

    const msgs = await v3(sandbox, 'GET', `/chats/${f.bigChat.uuid}/messages`);
    expect(msgs.body.messages).toHaveLength(50);
    const sent = msgs.body.messages.map((m: { sent_at: string }) => m.sent_at);
    expect([...sent].sort().reverse()).toEqual(sent); // newest first
    const one = await v3(sandbox, 'GET', `/messages/${msgs.body.messages[0].id}`);
    expect(one.body).toEqual(msgs.body.messages[0]);
  });

  it('returns a thread: the originator and its replies', async () => {
    const reply = sandbox.store.chats.flatMap((c) => c.messages).find((m) => m.replyTo)!;
    const r = await v3(sandbox, 'GET', `/messages/${reply.uuid}/thread`);
    expect(r.status).toBe(200);
    const ids = r.body.messages.map((m: { id: string }) => m.id);
    expect(ids).toContain(reply.uuid);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });

  it('validates from and limit, and answers 401 and 404 in the v3 error shape', async () => {
    const f = sandbox.store.fixtures();
    const missing = await v3(sandbox, 'GET', '/chats');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { status: 400, code: 1001 }, success: false });
    expect(missing.body.trace_id).toBe(missing.headers.get('x-trace-id'));
    const bad = await v3(sandbox, 'GET', '/chats?from=call-me');
    expect(bad.body.error.code).toBe(1002);
    const limit = await v3(sandbox, 'GET', `/chats/${f.bigChat.uuid}/messages?limit=101`);
    expect(limit.status).toBe(400);
    const zero = await v3(
      sandbox,
      'GET',
      `/chats?from=${encodeURIComponent(f.primaryPhone)}&limit=0`,
    );
    expect(zero.status).toBe(400);
    const noAuth = await v3(sandbox, 'GET', '/phone_numbers', { token: null });
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.error.code).toBe(2004);
    const wrong = await v3(sandbox, 'GET', '/phone_numbers', { token: 'nope' });
    expect(wrong.status).toBe(401);
    const unknown = await v3(sandbox, 'GET', '/chats/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe(2001);
    const notUuid = await v3(sandbox, 'GET', '/messages/12345');
    expect(notUuid.status).toBe(404);
  });
});

describe('v2 reads', () => {
  it('lists phone numbers, chats (both phone formats), a chat and messages', async () => {
    const f = sandbox.store.fixtures();
    const phones = await v2(sandbox, 'GET', '/phone_numbers');
    expect(phones.body.phone_numbers[0]).toMatchObject({ phone_number: f.primaryPhone });
    expect(Number.isInteger(phones.body.phone_numbers[0].id)).toBe(true);

    const e164 = await v2(
      sandbox,
      'GET',
      `/chats?phone_number=${encodeURIComponent(f.primaryPhone)}`,
    );
    const tenDigits = await v2(sandbox, 'GET', `/chats?phone_number=${f.primaryPhone.slice(2)}`);
    expect(e164.status).toBe(200);
    expect(tenDigits.body).toEqual(e164.body);
    expect(e164.body.meta).toEqual({ page: 1, total_pages: 1, total_count: 14, per_page: 25 });

    const chat = await v2(sandbox, 'GET', `/chats/${f.bigChat.v2Id}`);
    expect(chat.body.data).toMatchObject({ id: f.bigChat.v2Id, message_count: 150, group: false });

    const list = await v2(sandbox, 'GET', `/chats/${f.bigChat.v2Id}/chat_messages`);
    expect(list.body.data).toHaveLength(25);
    expect(list.body.meta).toEqual({ page: 1, total_pages: 6, total_count: 150, per_page: 25 });
    const sent = list.body.data.map((m: { sent_at: string }) => m.sent_at);
    expect([...sent].sort()).toEqual(sent); // ascending by default
    const desc = await v2(
      sandbox,
      'GET',
      `/chats/${f.bigChat.v2Id}/chat_messages?sort=desc&per_page=1`,
    );
    expect(desc.body.data[0].sent_at >= sent[sent.length - 1]).toBe(true);

    const id = list.body.data[3].id;
    const one = await v2(sandbox, 'GET', `/chats/${f.bigChat.v2Id}/chat_messages/${id}`);
    expect(one.body.data).toEqual(list.body.data[3]);
  });

  it('filters messages by before/after', async () => {
    const f = sandbox.store.fixtures();
    const all = sandbox.store.getChat(f.bigChat.uuid)!.messages;
    const pivot = all[60]!.sentAt;
    const after = await v2(
      sandbox,
      'GET',
      `/chats/${f.bigChat.v2Id}/chat_messages?per_page=100&after=${encodeURIComponent(pivot)}`,
    );
    expect(after.body.meta.total_count).toBe(all.filter((m) => m.sentAt > pivot).length);
    const before = await v2(
      sandbox,
      'GET',
      `/chats/${f.bigChat.v2Id}/chat_messages?before=${encodeURIComponent(pivot)}`,
    );
    expect(before.body.meta.total_count).toBe(60);
    const bad = await v2(sandbox, 'GET', `/chats/${f.bigChat.v2Id}/chat_messages?before=yesterday`);
    expect(bad.status).toBe(400);
  });

  it('shows reactions with ids that GET chat_message_reactions resolves', async () => {
    const message = sandbox.store.chats
      .filter((c) => c.accountId === 'primary')
      .flatMap((c) => c.messages)
      .find((m) => m.parts.some((p) => p.reactions.some((r) => r.type === 'love')))!;
    const r = await v2(sandbox, 'GET', `/chats/${message.chat.v2Id}/chat_messages/${message.v2Id}`);
    const reaction = r.body.data.reactions.find((x: { reaction: string }) => x.reaction === 'love');
    expect(reaction.chat_message_id).toBe(message.v2Id);
    const got = await v2(sandbox, 'GET', `/chat_message_reactions/${reaction.id}`);
    expect(got.body.data).toEqual(reaction);
  });

  it('validates per_page and phone_number, and answers 401/404 in the v2 error shape', async () => {
    const f = sandbox.store.fixtures();
    const big = await v2(sandbox, 'GET', `/chats/${f.bigChat.v2Id}/chat_messages?per_page=101`);
    expect(big.status).toBe(400);
    expect(big.body.errors[0]).toMatchObject({ status: 400, code: 'bad_request' });
    expect((await v2(sandbox, 'GET', '/chats')).status).toBe(400);
    expect((await v2(sandbox, 'GET', '/chats?phone_number=hello')).status).toBe(400);
    const noAuth = await v2(sandbox, 'GET', '/phone_numbers', { token: null });
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.errors[0]).toMatchObject({ status: 401, code: 'unauthorized' });
    const bearer = await v2(sandbox, 'GET', '/phone_numbers', {
      token: null,
      headers: { Authorization: 'Bearer sandbox-token' },
    });
    expect(bearer.status).toBe(401);
    expect((await v2(sandbox, 'GET', '/chats/999999')).status).toBe(404);
    const wrongChat = await v2(
      sandbox,
      'GET',
      `/chats/${f.groupChat.v2Id}/chat_messages/${firstOf(f.bigChat.uuid)}`,
    );
    expect(wrongChat.status).toBe(404);
  });
});

describe('accounts are isolated', () => {
  it('answers 404 for the other account’s ids in both dialects', async () => {
    const f = sandbox.store.fixtures();
    const otherMsg = sandbox.store.getMessage(f.otherMessage.uuid)!;
    const v3Calls = [
      `/chats/${f.otherChat.uuid}`,
      `/chats/${f.otherChat.uuid}/messages`,
      `/messages/${f.otherMessage.uuid}`,
      `/messages/${f.otherMessage.uuid}/thread`,
    ];
    for (const path of v3Calls) expect((await v3(sandbox, 'GET', path)).status, path).toBe(404);
    const v2Calls = [
      `/chats/${f.otherChat.v2Id}`,
      `/chats/${f.otherChat.v2Id}/chat_messages`,
      `/chats/${f.otherChat.v2Id}/chat_messages/${otherMsg.v2Id}`,
    ];
    for (const path of v2Calls) expect((await v2(sandbox, 'GET', path)).status, path).toBe(404);
    const edit = await v3(sandbox, 'PATCH', `/messages/${f.otherMessage.uuid}`, {
      body: { text: 'hijack' },
    });
    expect(edit.status).toBe(404);
    const react = await v2(sandbox, 'POST', `/chat_messages/${otherMsg.v2Id}/reactions`, {
      body: { type: 'love', operation: 'add' },
    });
    expect(react.status).toBe(404);
    // The owner sees it; the primary account's number lists nothing for the other account.
    const own = await v3(sandbox, 'GET', `/chats/${f.otherChat.uuid}`, { token: f.otherToken });
    expect(own.status).toBe(200);
    const list = await v3(sandbox, 'GET', `/chats?from=${encodeURIComponent(f.otherPhone)}`);
    expect(list.body.chats).toEqual([]);
  });
});
