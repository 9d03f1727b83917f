// Payload parsing: both v3 payload versions, v2 payloads, ignored and malformed events.
import { describe, expect, it } from 'vitest';
import { parseV2, parseV3 } from '../../src/realtime/webhooks/index.js';

const CHAT = '0c961e93-e7bf-4db2-bf7b-ea06826bcab4';
const MSG = '347d62c2-2170-4754-8d30-c76d0c727d96';
const handle = (isMe: boolean) => ({
  id: '8d79532a-f529-4244-a5cf-d443de051434',
  handle: '+12025551234',
  service: 'iMessage',
  joined_at: '2026-01-21T21:59:45Z',
  is_me: isMe,
});
const v3 = (event_type: string, webhook_version: string | undefined, data: unknown) => ({
  api_version: 'v3',
  ...(webhook_version ? { webhook_version } : {}),
  event_type,
  event_id: 'e20feb41-7f67-43f0-89c8-a985cff3b568',
  created_at: '2026-02-05T19:52:18.101Z',
  trace_id: 't',
  partner_id: 'p',
  data,
});
const flat = (direction: 'inbound' | 'outbound') => ({
  chat: { id: CHAT, is_group: false, owner_handle: handle(true) },
  id: MSG,
  direction,
  sender_handle: handle(direction === 'outbound'),
  parts: [{ type: 'text', value: 'hi' }],
  service: 'iMessage',
});
const nested = (isFromMe: boolean, extra: object = {}) => ({
  chat_id: CHAT,
  is_group: false,
  from_handle: handle(isFromMe),
  message: { id: MSG, parts: [{ type: 'text', value: 'hi' }] },
  is_from_me: isFromMe,
  ...extra,
});
const eventOf = (r: ReturnType<typeof parseV3>) => {
  if ('code' in r) throw new Error(`rejected: ${r.code}`);
  return r.event;
};

describe('parseV3', () => {
  it('2026-02-03 message events (flat, direction) map to messageAdded / messageUpdated', () => {
    expect(eventOf(parseV3(v3('message.received', '2026-02-03', flat('inbound'))))).toMatchObject({
      type: 'messageAdded',
      dialect: 'v3',
      chatId: CHAT,
      messageId: MSG,
      direction: 'INBOUND',
      eventId: 'e20feb41-7f67-43f0-89c8-a985cff3b568',
      occurredAt: '2026-02-05T19:52:18.101Z',
    });
    expect(eventOf(parseV3(v3('message.delivered', '2026-02-03', flat('outbound'))))).toMatchObject(
      { type: 'messageUpdated', change: 'DELIVERED', messageId: MSG },
    );
  });

  it('2025-01-01 message events (nested message, is_from_me) map the same way', () => {
    expect(eventOf(parseV3(v3('message.sent', '2025-01-01', nested(true))))).toMatchObject({
      type: 'messageAdded',
      chatId: CHAT,
      messageId: MSG,
      direction: 'OUTBOUND',
    });
    const read = nested(true, { message_id: MSG, read_at: '2026-02-05T19:53:00Z' });
    expect(eventOf(parseV3(v3('message.read', '2025-01-01', read)))).toMatchObject({
      type: 'messageUpdated',
      change: 'READ',
    });
    // Without webhook_version the shape is detected from the data.
    expect(eventOf(parseV3(v3('message.received', undefined, flat('inbound'))))).toMatchObject({
      direction: 'INBOUND',
    });
  });

  it('edited, deleted, failed, reactions and typing', () => {
    const edited = { ...flat('outbound'), edited_at: 'x', part: { index: 0, text: 'new' } };
    expect(eventOf(parseV3(v3('message.edited', '2026-02-03', edited)))).toMatchObject({
      type: 'messageUpdated',
      change: 'EDITED',
    });
    const deleted = { id: MSG, chat: { id: CHAT } };
    expect(eventOf(parseV3(v3('message.deleted', '2026-02-03', deleted)))).toMatchObject({
      type: 'messageDeleted',
      messageId: MSG,
    });
    const failed = { chat_id: CHAT, message_id: MSG, code: 3007, failed_at: 'x' };
    expect(eventOf(parseV3(v3('message.failed', '2026-02-03', failed)))).toMatchObject({
      change: 'FAILED',
    });
    const reaction = {
      chat_id: CHAT,
      message_id: MSG,
      part_index: 1,
      reaction_type: 'custom',
      custom_emoji: '🎉',
      is_from_me: false,
    };
    expect(eventOf(parseV3(v3('reaction.removed', '2025-01-01', reaction)))).toMatchObject({
      type: 'reactionChanged',
      action: 'REMOVED',
      reactionType: 'CUSTOM',
      customEmoji: '🎉',
      partIndex: 1,
      isFromMe: false,
      reactionId: null,
    });
    const typing = parseV3(v3('chat.typing_indicator.stopped', '2026-02-03', { chat_id: CHAT }));
    expect(eventOf(typing)).toMatchObject({ type: 'typing', isTyping: false, chatId: CHAT });
  });

  it('accepts events without a chat event (participants, unknown types) as null', () => {
    const r = parseV3(v3('participant.added', '2026-02-03', { chat_id: CHAT }));
    expect(r).toMatchObject({ eventType: 'participant.added', event: null });
    expect(eventOf(parseV3(v3('brand.new_event', '2027-01-01', {})))).toBeNull();
    // message.failed without ids cannot be routed to a chat.
    expect(eventOf(parseV3(v3('message.failed', '2026-02-03', { code: 1, failed_at: 'x' })))).toBe(
      null,
    );
  });

  it('rejects malformed envelopes and data with stable codes', () => {
    expect(parseV3({ api_version: 'v2' })).toMatchObject({ code: 'UNSUPPORTED_API_VERSION' });
    expect(parseV3({ api_version: 'v3', event_type: 'message.sent' })).toMatchObject({
      code: 'MALFORMED_PAYLOAD',
      status: 400,
    });
    const noChat = { ...flat('inbound'), chat: undefined };
    expect(parseV3(v3('message.received', '2026-02-03', noChat))).toMatchObject({
      code: 'MALFORMED_PAYLOAD',
    });
    expect(parseV3(v3('reaction.added', '2026-02-03', { chat_id: CHAT }))).toMatchObject({
      code: 'MALFORMED_PAYLOAD',
    });
  });
});

describe('parseV2', () => {
  const v2 = (event_type: string, data: unknown) => ({
    api_version: 'v2',
    created_at: '2025-05-21T15:30:00-06:00',
    data,
    event_id: 'wh_evt_1',
    event_type,
  });

  it('message, read, reaction and typing events (ids as strings or numbers)', () => {
    const received = { id: '27799380', chat_id: 324324, text: 'Hello', is_read: false };
    expect(parseV2(v2('message.received', received))).toMatchObject({
      event: {
        type: 'messageAdded',
        dialect: 'v2',
        chatId: '324324',
        messageId: '27799380',
        direction: 'INBOUND',
      },
    });
    expect(parseV2(v2('message.read', { id: 12345, chat_id: '67890' }))).toMatchObject({
      event: { type: 'messageUpdated', change: 'READ', messageId: '12345' },
    });
    const reaction = { id: '12346', chat_message_id: '67891', chat_id: '11111', reaction: 'like' };
    expect(parseV2(v2('reaction.received', reaction))).toMatchObject({
      event: {
        type: 'reactionChanged',
        action: 'ADDED',
        reactionType: 'LIKE',
        reactionId: '12346',
        isFromMe: false,
        partIndex: null,
      },
    });
    expect(parseV2(v2('typing_indicator.received', { chat_id: '11111' }))).toMatchObject({
      event: { type: 'typing', isTyping: true, chatId: '11111' },
    });
  });

  it('ignores calls and contacts; rejects malformed data', () => {
    expect(parseV2(v2('call.completed', { id: '1' }))).toMatchObject({ event: null });
    expect(parseV2(v2('contact.deleted', { id: 123 }))).toMatchObject({ event: null });
    expect(parseV2(v2('message.sent', { id: '1' }))).toMatchObject({ code: 'MALFORMED_PAYLOAD' });
    expect(parseV2({ ...v2('message.sent', {}), api_version: 'v3' })).toMatchObject({
      code: 'UNSUPPORTED_API_VERSION',
    });
  });
});
