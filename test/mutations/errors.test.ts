/**
 * Each typed mutation error, produced by a real sandbox condition (or a gateway check) and
 * asserted in the payload: a union member implementing Error, never a top-level error.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SandboxFault } from '../../src/sandbox/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { messageKey } from '../../src/schema/loading/keys.js';
import { dataOf } from '../helpers/graphql.js';
import { messageGlobalId } from '../helpers/ids.js';
import { DeleteMessage, EditMessage, SendMessage } from './documents.js';
import { useMutationRig } from './rig.js';

const ROUTES = {
  v2: {
    send: 'POST /api/partner/v2/chats/{chat_id}/chat_messages',
    edit: 'POST /api/partner/v2/chats/{chat_id}/chat_messages/{id}/edit',
  },
  v3: { send: 'POST /v3/chats/{chatId}/messages', edit: 'PATCH /v3/messages/{messageId}' },
} as const;

describe.each(['v2', 'v3'] as const)('%s mutation errors', (dialect) => {
  const rig = useMutationRig(dialect);

  const send = async (input: { text?: string; idempotencyKey?: string; chatId?: string }) =>
    dataOf(await rig.gql(SendMessage, { input: { chatId: rig.chatId(), ...input } })).sendMessage;

  /** Injects `fault` on every upstream send or edit call of this dialect. */
  const failOn = (op: keyof (typeof ROUTES)[typeof dialect], fault: SandboxFault) =>
    rig.sandbox.controls.injectFault({ route: ROUTES[dialect][op], fault });

  const ownMessageId = async () => {
    const res = await send({ text: 'mine' });
    if (res.__typename !== 'SendMessagePayload') throw new Error(JSON.stringify(res));
    rig.sandbox.controls.resetCounts();
    return res.sentMessage.id;
  };

  const unknownMessageId = () =>
    encodeNodeId(
      dialect,
      'Message',
      messageKey({
        chatId: rig.upstreamChatId(),
        id: dialect === 'v2' ? '999999' : randomUUID(),
      }),
    );

  it('NotFoundError: editing or deleting a message that does not exist', async () => {
    const edit = dataOf(
      await rig.gql(EditMessage, { input: { messageId: unknownMessageId(), text: 'x' } }),
    ).editMessage;
    expect(edit).toMatchObject({ __typename: 'NotFoundError', message: expect.any(String) });
    const del = dataOf(
      await rig.gql(DeleteMessage, { input: { messageId: unknownMessageId() } }),
    ).deleteMessage;
    expect(del.__typename).toBe('NotFoundError');
  });

  it('NotFoundError: sending to a chat of another account', async () => {
    const other = encodeNodeId(
      dialect,
      'Chat',
      dialect === 'v2' ? String(rig.fx.otherChat.v2Id) : rig.fx.otherChat.uuid,
    );
    expect((await send({ chatId: other, text: 'x' })).__typename).toBe('NotFoundError');
  });

  it('ValidationError: bad key, empty text, bad id (per field), nothing sent', async () => {
    rig.sandbox.controls.resetCounts();
    const before = rig.messageCount();
    expect(await send({ text: 'x', idempotencyKey: 'bad key!' })).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'idempotencyKey', message: expect.stringContaining('a-zA-Z0-9') }],
    });
    expect(await send({ text: '' })).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'text', message: expect.any(String) }],
    });
    const edit = dataOf(
      await rig.gql(EditMessage, { input: { messageId: 'not-an-id', text: 'x' } }),
    ).editMessage;
    expect(edit).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'messageId', message: expect.any(String) }],
    });
    expect(rig.sandbox.controls.count(ROUTES[dialect].send)).toBe(0);
    expect(rig.messageCount()).toBe(before);
  });

  it('ForbiddenError: editing a message someone else sent (Linq answers 403)', async () => {
    const chat = rig.sandbox.store.getChat(rig.fx.groupChat.uuid)!;
    const theirs = chat.messages.find((m) => !m.isFromMe && m.parts[0]?.type === 'text')!;
    const res = dataOf(
      await rig.gql(EditMessage, {
        input: { messageId: messageGlobalId(dialect, rig.fx.groupChat, theirs), text: 'mine now' },
      }),
    ).editMessage;
    expect(res).toMatchObject({ __typename: 'ForbiddenError', message: expect.any(String) });
    expect(rig.sandbox.controls.count(ROUTES[dialect].edit)).toBe(1);
  });

  it('RateLimitedError: a 429 whose Retry-After is beyond the retry cap', async () => {
    failOn('send', { type: 'rate-limit', retryAfter: 120 });
    expect(await send({ text: 'too fast' })).toMatchObject({
      __typename: 'RateLimitedError',
      retryAfter: 120,
    });
    expect(rig.sandbox.controls.count(ROUTES[dialect].send)).toBe(1); // no waiting 120 s
  });

  it('ConflictError: Linq answers 409', async () => {
    const id = await ownMessageId();
    failOn('edit', { type: 'status', status: 409 });
    const res = dataOf(
      await rig.gql(EditMessage, { input: { messageId: id, text: 'again' } }),
    ).editMessage;
    expect(res.__typename).toBe('ConflictError');
  });

  it('UpstreamUnavailableError: Linq keeps answering 503', async () => {
    failOn('send', { type: 'status', status: 503 });
    expect(await send({ text: 'nobody home' })).toMatchObject({
      __typename: 'UpstreamUnavailableError',
      message: expect.any(String),
    });
    expect(rig.sandbox.controls.count(ROUTES[dialect].send)).toBe(2); // one retry (maxRetries 1)
  });

  it('keeps other adapter failures top-level with their code, and nothing leaks', async () => {
    const route = ROUTES[dialect].send;
    rig.sandbox.controls.injectFault({ route, fault: { type: 'echo-token' } });
    const res = await rig.gql(SendMessage, { input: { chatId: rig.chatId(), text: 'x' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(res)).not.toContain(rig.sandbox.tokens.primary);
  });
});

describe('capabilities a dialect lacks are validation errors', () => {
  const rig = useMutationRig('v2');

  it('v2: an effect is refused before any call', async () => {
    const res = dataOf(
      await rig.gql(SendMessage, {
        input: { chatId: rig.chatId(), text: 'x', effect: { type: 'SCREEN', name: 'confetti' } },
      }),
    ).sendMessage;
    expect(res).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'input' }] });
    expect(rig.sandbox.controls.count()).toBe(0);
  });
});
