/**
 * Writes in both dialects against the sandbox: send (idempotent retries), edit, delete, react
 * (never retried on failure), and the same domain shapes from both dialects.
 */
import { describe, expect, it } from 'vitest';
import {
  UnsupportedByDialectError,
  UpstreamUnavailableError,
  ValidationError,
} from '../../src/upstream/index.js';
import { groupChatSides, useAdapterRig } from './sandbox-clients.js';

const t = useAdapterRig();

const V2_SEND = 'POST /api/partner/v2/chats/{chat_id}/chat_messages';
const V3_SEND = 'POST /v3/chats/{chatId}/messages';
const V2_REACT = 'POST /api/partner/v2/chat_messages/{chat_message_id}/reactions';
const V3_REACT = 'POST /v3/messages/{messageId}/reactions';

const { v2, v3 } = groupChatSides(t);
const sides = [
  { ...v2, send: V2_SEND, react: V2_REACT },
  { ...v3, send: V3_SEND, react: V3_REACT },
];
const messages = () => t.rig.sandbox.store.messageCount(t.fx.groupChat.uuid);

describe.each(sides)('$name writes', (side) => {
  it('sends a message and gets it back as the domain shape', async () => {
    const before = messages();
    const res = await side
      .api()
      .sendMessage({ chatId: side.chatId(), text: 'Hello from the adapter' });
    expect(messages()).toBe(before + 1);
    expect(res.replayed).toBe(false);
    expect(res.idempotencyKey).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(res.message).toMatchObject({ chatId: side.chatId(), text: 'Hello from the adapter' });
    expect(res.message.parts).toEqual([
      { kind: 'text', index: 0, value: 'Hello from the adapter', decorations: [] },
    ]);
    const again = await side.api().getMessage({ id: res.message.id, chatId: side.chatId() });
    expect(again.text).toBe('Hello from the adapter');
  });

  it('retries a send that failed after the upstream stored it, without a duplicate', async () => {
    t.rig.sandbox.controls.injectFault({
      route: side.send,
      times: 1,
      phase: 'after',
      fault: { type: 'status', status: 502 },
    });
    const before = messages();
    const res = await side.api().sendMessage({ chatId: side.chatId(), text: 'exactly once' });
    expect(t.rig.sandbox.controls.count(side.send)).toBe(2);
    expect(messages()).toBe(before + 1);
    expect(res.message.text).toBe('exactly once');
    if (side.name === 'v2') expect(res.replayed).toBe(true);
  });

  it('reports a replay of a caller-given idempotency key', async () => {
    const first = await side
      .api()
      .sendMessage({ chatId: side.chatId(), text: 'once', idempotencyKey: `k-${side.name}-1` });
    const second = await side
      .api()
      .sendMessage({ chatId: side.chatId(), text: 'once', idempotencyKey: `k-${side.name}-1` });
    expect(second.message.id).toBe(first.message.id);
    expect(second.replayed).toBe(side.name === 'v2');
    await expect(
      side.api().sendMessage({ chatId: side.chatId(), text: 'x', idempotencyKey: 'bad key!' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('does not retry a reaction on 5xx or reset', async () => {
    const target = t.rig.sandbox.store.getChat(t.fx.groupChat.uuid)!.messages[0]!;
    const ref = {
      id: side.name === 'v2' ? String(target.v2Id) : target.uuid,
      chatId: side.chatId(),
    };
    for (const fault of [{ type: 'status', status: 503 }, { type: 'reset' }] as const) {
      t.rig.sandbox.controls.reset();
      t.rig.sandbox.controls.injectFault({ route: side.react, fault });
      await expect(
        side.api().react(ref, { operation: 'ADD', type: 'LIKE' }),
      ).rejects.toBeInstanceOf(UpstreamUnavailableError);
      expect(t.rig.sandbox.controls.count(side.react)).toBe(1);
    }
  });

  it('does not retry a send whose body is a stream', async () => {
    const { Readable } = await import('node:stream');
    t.rig.sandbox.controls.injectFault({
      route: side.name === 'v2' ? side.send : 'PUT /uploads/{attachmentId}',
      fault: { type: 'status', status: 503 },
    });
    const stream = Readable.from([Buffer.alloc(1000, 1)]);
    const file = { filename: 'a.png', contentType: 'image/png', size: 1000, stream };
    await expect(
      side.api().sendMessage({ chatId: side.chatId(), text: 'file', attachments: [file] }),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(
      t.rig.sandbox.controls.count(side.name === 'v2' ? side.send : 'PUT /uploads/{attachmentId}'),
    ).toBe(1);
    expect(
      t.rig.sandbox.controls.count(V3_SEND) +
        (side.name === 'v2' ? 0 : t.rig.sandbox.controls.count(V2_SEND)),
    ).toBe(0);
  });
});

describe('edit, delete and react in both dialects', () => {
  it('edits and deletes our own message', async () => {
    for (const side of sides) {
      const sent = await side.api().sendMessage({ chatId: side.chatId(), text: 'typo' });
      const edited = await side
        .api()
        .editMessage({ id: sent.message.id, chatId: side.chatId() }, { text: 'fixed' });
      expect(edited).toMatchObject({ id: sent.message.id, text: 'fixed' });
      const before = messages();
      await side
        .api()
        .deleteMessage({ id: sent.message.id, chatId: side.name === 'v2' ? side.chatId() : null });
      expect(messages()).toBe(before - 1);
    }
    await expect(t.rig.v2.getMessage({ id: '1', chatId: null })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('reacts: v2 returns the reaction, v3 a trace id and a findable reaction', async () => {
    const target = t.rig.sandbox.store.getChat(t.fx.groupChat.uuid)!.messages[0]!;
    const a = await t.rig.v2.react(
      { id: String(target.v2Id), chatId: String(t.fx.groupChat.v2Id) },
      { operation: 'ADD', type: 'LAUGH' },
    );
    expect(a.reaction).toMatchObject({
      type: 'LAUGH',
      messageId: String(target.v2Id),
      chatId: String(t.fx.groupChat.v2Id),
    });
    expect(a.reaction?.id).toMatch(/^\d+$/);
    const b = await t.rig.v3.react(
      { id: target.uuid, chatId: null },
      { operation: 'ADD', type: 'CUSTOM', customEmoji: '🚀', partIndex: 0 },
    );
    expect(b).toMatchObject({ reaction: null, traceId: expect.stringMatching(/^trace_/) });
    const me = (await t.rig.v3.getChat(t.fx.groupChat.uuid)).handles.find((h) => h.isMe)!;
    const found = (await t.rig.v3.getMessage({ id: target.uuid, chatId: null })).reactions.find(
      (r) => r.partIndex === 0 && r.handle?.id === me.id && r.customEmoji === '🚀',
    );
    expect(found).toMatchObject({ customEmoji: '🚀', isFromMe: true, partIndex: 0 });
    await expect(
      t.rig.v2.react(
        { id: String(target.v2Id), chatId: null },
        { operation: 'ADD', type: 'CUSTOM', customEmoji: '🚀' },
      ),
    ).rejects.toBeInstanceOf(UnsupportedByDialectError);
  });

  it('refuses v2-only and v3-only inputs with a clear error before calling upstream', async () => {
    t.rig.sandbox.controls.resetCounts();
    await expect(
      t.rig.v2.sendMessage({
        chatId: String(t.fx.groupChat.v2Id),
        text: 'x',
        effect: { type: 'SCREEN', name: 'confetti' },
      }),
    ).rejects.toBeInstanceOf(UnsupportedByDialectError);
    await expect(
      t.rig.v2.sendMessage({
        chatId: String(t.fx.groupChat.v2Id),
        text: 'x',
        replyTo: { messageId: '1', partIndex: null },
      }),
    ).rejects.toBeInstanceOf(UnsupportedByDialectError);
    expect(t.rig.sandbox.controls.count()).toBe(0);
  });

  it('v3 sends a file of unknown size: spooled, measured, presigned, uploaded', async () => {
    t.rig.sandbox.controls.resetCounts();
    const stream = (await import('node:stream')).Readable.from([Buffer.from('hi')]);
    const sent = await t.rig.v3.sendMessage({
      chatId: t.fx.groupChat.uuid,
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', stream }],
    });
    expect(sent.message.attachments).toMatchObject([{ filename: 'a.txt', sizeBytes: 2 }]);
    expect(t.rig.sandbox.controls.count('POST /v3/attachments')).toBe(1);
    expect(t.rig.sandbox.controls.count('PUT /uploads/{attachmentId}')).toBe(1);
  });
});
