/**
 * Every read operation in both dialects against the sandbox: the same seeded data must come out
 * as the same domain shapes (modulo documented dialect gaps).
 */
import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  UnauthorizedError,
  type Chat,
  type Message,
} from '../../src/upstream/index.js';
import { useAdapterRig } from './sandbox-clients.js';

const t = useAdapterRig();

const uuidOfChat = (v2Id: string) => t.rig.sandbox.store.getChat(Number(v2Id))?.uuid;
const uuidOfMessage = (v2Id: string) => t.rig.sandbox.store.getMessage(Number(v2Id))?.uuid;

function chatCore(c: Chat) {
  return {
    displayName: c.displayName,
    service: c.service,
    isGroup: c.isGroup,
    addresses: c.handles.map((h) => h.address),
  };
}

const TAPBACKS = new Set(['LOVE', 'LIKE', 'DISLIKE', 'LAUGH', 'EMPHASIZE', 'QUESTION']);
function messageCore(m: Message) {
  return {
    text: m.text,
    attachments: m.attachments.map((a) => [a.id, a.filename, a.mimeType, a.sizeBytes]),
    senderAddress: m.senderAddress,
    sentAt: m.sentAt && Date.parse(m.sentAt),
    read: m.status === 'READ',
    tapbacks: m.reactions
      .filter((r) => TAPBACKS.has(r.type))
      .map((r) => `${r.type}:${r.senderAddress}`)
      .sort(),
  };
}

describe('reads in both dialects', () => {
  it('lists the same phone numbers', async () => {
    const [a, b] = await Promise.all([t.rig.v2.listPhoneNumbers(), t.rig.v3.listPhoneNumbers()]);
    expect(a.map((p) => p.phoneNumber)).toEqual(t.fx.primaryPhones);
    expect(b.map((p) => p.phoneNumber)).toEqual(t.fx.primaryPhones);
    expect(a[0]?.forwardingNumber).toBe('+12025550199');
    expect(b[0]?.forwardingNumber).toBeNull();
  });

  it('lists the same chats with the same names and handles', async () => {
    const [a, b] = await Promise.all([
      t.rig.v2.listChats({ phoneNumber: t.fx.primaryPhone, first: 100 }),
      t.rig.v3.listChats({ phoneNumber: t.fx.primaryPhone, first: 100 }),
    ]);
    expect(a.items.length).toBe(14);
    expect(a.totalCount).toBe(14);
    expect(b.totalCount).toBeNull();
    const byUuid = new Map(b.items.map((c) => [c.id, c]));
    for (const chat of a.items) {
      const twin = byUuid.get(uuidOfChat(chat.id) ?? '');
      expect(twin).toBeDefined();
      expect(chatCore(chat)).toEqual(chatCore(twin!));
      expect(chat.messageCount).toBe(t.rig.sandbox.store.messageCount(chat.id));
      expect(twin!.handles.some((h) => h.isMe === true)).toBe(true);
    }
  });

  it('reads one chat the same way', async () => {
    const [a, b] = await Promise.all([
      t.rig.v2.getChat(String(t.fx.groupChat.v2Id)),
      t.rig.v3.getChat(t.fx.groupChat.uuid),
    ]);
    expect(chatCore(a)).toEqual(chatCore(b));
    expect(a).toMatchObject({ id: String(t.fx.groupChat.v2Id), isGroup: true, isArchived: null });
    expect(b).toMatchObject({ id: t.fx.groupChat.uuid, isGroup: true, isArchived: false });
    expect(a.handles[0]).toMatchObject({ isMe: null, status: null });
    expect(b.handles[0]?.status).toMatch(/ACTIVE|LEFT|REMOVED/);
  });

  it('lists the same messages (v2 newest first = v3 order)', async () => {
    const [a, b] = await Promise.all([
      t.rig.v2.listMessages({ chatId: String(t.fx.bigChat.v2Id), first: 40, order: 'DESC' }),
      t.rig.v3.listMessages({ chatId: t.fx.bigChat.uuid, first: 40 }),
    ]);
    expect(a.items.map((m) => uuidOfMessage(m.id))).toEqual(b.items.map((m) => m.id));
    expect(a.items.map(messageCore)).toEqual(b.items.map(messageCore));
    expect(
      a.items.every((m) => m.isFromMe === null && m.chatId === String(t.fx.bigChat.v2Id)),
    ).toBe(true);
    expect(
      b.items.every((m) => typeof m.isFromMe === 'boolean' && m.chatId === t.fx.bigChat.uuid),
    ).toBe(true);
  });

  it('reads one message the same way, parts and reactions included', async () => {
    const store = t.rig.sandbox.store;
    const rec =
      store
        .getChat(t.fx.bigChat.uuid)!
        .messages.find(
          (m) =>
            m.parts.some((p) => p.type === 'media') && m.parts.some((p) => p.reactions.length > 0),
        ) ?? store.getChat(t.fx.bigChat.uuid)!.messages[0]!;
    const [a, b] = await Promise.all([
      t.rig.v2.getMessage({ id: String(rec.v2Id), chatId: String(t.fx.bigChat.v2Id) }),
      t.rig.v3.getMessage({ id: rec.uuid, chatId: null }),
    ]);
    expect(messageCore(a)).toEqual(messageCore(b));
    expect(a.parts.filter((p) => p.kind === 'media').length).toBe(b.attachments.length);
    for (const part of b.parts) expect(part.index).toBe(b.parts.indexOf(part));
    for (const r of b.reactions) {
      expect(r).toMatchObject({ id: null, messageId: rec.uuid, chatId: t.fx.bigChat.uuid });
      expect(r.partIndex).toBeGreaterThanOrEqual(0);
    }
    for (const r of a.reactions)
      expect(r).toMatchObject({ partIndex: null, messageId: String(rec.v2Id) });
  });

  it('maps 404 and 401 with the v3 trace id', async () => {
    const e3 = await t.rig.v3.getChat(t.fx.otherChat.uuid).catch((e: unknown) => e);
    expect(e3).toBeInstanceOf(NotFoundError);
    expect((e3 as NotFoundError).traceId).toMatch(/^trace_/);
    expect((e3 as NotFoundError).upstreamCode).toBe(2001);
    await expect(t.rig.v2.getChat(String(t.fx.otherChat.v2Id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      t.rig.v2.getChat(String(t.fx.otherChat.v2Id), { token: t.rig.sandbox.tokens.other }),
    ).resolves.toMatchObject({
      id: String(t.fx.otherChat.v2Id),
    });
    await expect(
      t.rig.v3.getChat(t.fx.groupChat.uuid, { token: 'nope-token' }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
