/**
 * Every read operation through GraphQL, in both dialects, checked against the adapter's domain
 * objects (what the schema must expose) and the sandbox store (what is really there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRec } from '../../src/sandbox/records.js';
import { decodeNodeId } from '../../src/schema/relay/global-id.js';
import { parseMessageKey } from '../../src/schema/loading/keys.js';
import type { Message } from '../../src/upstream/model.js';
import { graphql } from '../gql/index.js';
import type { ChatMessagesQuery, MessageFieldsFragment } from '../gql/graphql.js';
import { chatGlobalId, upstreamId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { dataOf, execute, type ExecuteResult } from '../helpers/graphql.js';
import { ChatMessages, MessageById } from './documents.js';

const PhoneNumbers = graphql(`
  query PhoneNumbers {
    phoneNumbers {
      number
      forwardingNumber
    }
  }
`);

const ChatsOfNumber = graphql(`
  query ChatsOfNumber($phoneNumber: String!) {
    chats(phoneNumber: $phoneNumber, first: 50) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
      }
      nodes {
        id
        displayName
        service
        isGroup
        isArchived
        messageCount
        createdAt
        handles {
          address
          service
          isMe
          status
          joinedAt
        }
      }
    }
  }
`);

const ReactionById = graphql(`
  query ReactionById($id: ID!) {
    reaction(id: $id) {
      id
      type
      customEmoji
      partIndex
      handle {
        address
      }
      message {
        id
      }
    }
  }
`);

const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

/** The GraphQL message must show exactly what the adapter returned (and the store's truth). */
function expectMapped(gql: MessageFieldsFragment, m: Message, rec: MessageRec) {
  expect(gql.text).toBe(m.text);
  expect(gql.status).toBe(m.status);
  expect(gql.sentAt).toBe(iso(m.sentAt));
  expect(gql.deliveredAt).toBe(iso(m.deliveredAt));
  expect(gql.editedAt).toBe(iso(m.editedAt));
  expect(gql.service).toBe(m.service);
  expect(gql.effect).toEqual(m.effect);
  expect(gql.isFromMe).toBe(rec.isFromMe);
  expect(gql.sender?.address).toBe(rec.from.address);
  expect(gql.sender?.isMe).toBe(rec.from.isMe);
  expect(gql.parts.map((p) => p.__typename)).toEqual(
    m.parts.map((p) => ({ text: 'TextPart', media: 'MediaPart', link: 'LinkPart' })[p.kind]),
  );
  expect(gql.attachments.map((a) => a.filename)).toEqual(m.attachments.map((a) => a.filename));
  expect(gql.reactions.map((r) => [r.type, r.customEmoji, r.partIndex, r.isFromMe])).toEqual(
    m.reactions.map((r) => [r.type, r.customEmoji, r.partIndex, r.isFromMe]),
  );
  for (const r of gql.reactions) expect(r.message.id).toBe(gql.id);
}

describe.each(['v2', 'v3'] as const)('reads (%s)', (dialect) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ dialect });
  });
  afterAll(() => rig.close());

  const recOf = (globalId: string): MessageRec => {
    const key = parseMessageKey(dialect, decodeNodeId(dialect, globalId, 'Message').id);
    const rec = key && rig.sandbox.store.getMessage(key.id);
    if (!rec) throw new Error(`no sandbox message for ${globalId}`);
    return rec;
  };

  it('phoneNumbers: the account numbers (forwarding numbers on v2 only)', async () => {
    const data = dataOf(await execute(rig.yoga, PhoneNumbers));
    expect(data.phoneNumbers?.map((p) => p.number)).toEqual(rig.fixtures.primaryPhones);
    expect(data.phoneNumbers?.[0]?.forwardingNumber).toBe(dialect === 'v2' ? '+12025550199' : null);
  });

  it('chats(phoneNumber:): every chat of the number with its participants', async () => {
    const { primaryPhone } = rig.fixtures;
    const result = await execute(rig.yoga, ChatsOfNumber, { phoneNumber: primaryPhone });
    const chats = dataOf(result).chats;
    const account = rig.sandbox.store.accounts.find((a) => a.id === 'primary');
    const expected = rig.sandbox.store.chatsOf(account!, primaryPhone);
    expect(chats?.totalCount).toBe(dialect === 'v2' ? expected.length : null);
    expect(chats?.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
    expect(chats?.nodes.map((c) => c.id).sort()).toEqual(
      expected.map((c) => chatGlobalId(dialect, c)).sort(),
    );
    for (const node of chats?.nodes ?? []) {
      const rec = expected.find((c) => chatGlobalId(dialect, c) === node.id)!;
      expect(node.isGroup).toBe(rec.isGroup);
      expect(node.messageCount).toBe(dialect === 'v2' ? rec.messages.length : null);
      expect(node.isArchived).toBe(dialect === 'v2' ? null : rec.isArchived);
      expect(node.createdAt).toBe(dialect === 'v2' ? null : rec.createdAt);
      const handles = node.handles.map((h) => [h.address, h.isMe]);
      const recHandles = rec.handles.map((h) => [h.address, h.isMe]);
      // v2 lists participants without the own number; isMe is computed there.
      expect(recHandles).toEqual(expect.arrayContaining(handles));
      expect(handles.length).toBeGreaterThan(0);
    }
  });

  it('chat.messages: the list operation, mapped like the adapter maps it', async () => {
    const chat = rig.fixtures.bigChat;
    const result = await execute(rig.yoga, ChatMessages, {
      id: chatGlobalId(dialect, chat),
      first: 30,
    });
    const messages = dataOf(result).chat?.messages;
    expect(messages?.totalCount).toBe(dialect === 'v2' ? chat.messageCount : null);
    const page = await rig.api.listMessages({ chatId: upstreamId(dialect, chat), first: 30 });
    expect(messages?.edges).toHaveLength(30);
    messages?.edges.forEach((edge, i) => {
      expectMapped(edge.node, page.items[i]!, recOf(edge.node.id));
    });
    // v2 lists oldest first, v3 newest first (each API's own order).
    const recs = rig.sandbox.store.getChat(chat.uuid)!.messages;
    const first = dialect === 'v2' ? recs[0] : recs.at(-1);
    expect(recOf(messages!.edges[0]!.node.id)).toBe(first);
  });

  it('message(id:): the get operation, including reactions and their handles', async () => {
    const chat = rig.sandbox.store.getChat(rig.fixtures.bigChat.uuid)!;
    const list = dataOf(
      await execute(rig.yoga, ChatMessages, {
        id: chatGlobalId(dialect, chat),
        first: 100,
      }),
    );
    // The listed message with the most reactions.
    const listed = [...(list.chat?.messages?.edges ?? [])].sort(
      (a, b) => b.node.reactions.length - a.node.reactions.length,
    )[0];
    expect(listed?.node.reactions.length).toBeGreaterThan(1);
    const id = listed?.node.id ?? '';
    const rec = recOf(id);
    const got = dataOf(await execute(rig.yoga, MessageById, { id })).message!;
    const domain = await rig.api.getMessage({
      id: upstreamId(dialect, rec),
      chatId: upstreamId(dialect, chat),
    });
    expectMapped(got, domain, rec);
    expect(got.chat.id).toBe(chatGlobalId(dialect, chat));
    expect(got).toEqual(listed?.node);
    for (const r of got.reactions) {
      const reaction = dataOf(await execute(rig.yoga, ReactionById, { id: r.id })).reaction;
      expect(reaction).toMatchObject({ id: r.id, type: r.type, message: { id } });
      expect(reaction?.handle?.address).toBe(r.handle?.address);
    }
  });

  it('v3-only content (replies, effects, custom reactions): there on v3, null on v2', async () => {
    const chat = rig.sandbox.store.getChat(rig.fixtures.bigChat.uuid)!;
    const seen = { reply: false, effect: false, custom: false };
    let after: string | null = null;
    for (let i = 0; i < 2; i++) {
      const result: ExecuteResult<ChatMessagesQuery> = await execute(rig.yoga, ChatMessages, {
        id: chatGlobalId(dialect, chat),
        first: 100,
        after,
      });
      const page = dataOf(result).chat!.messages!;
      for (const { node } of page.edges) {
        const rec = recOf(node.id);
        if (node.replyTo) expect(recOf(node.replyTo.id).uuid).toBe(rec.replyTo?.messageId);
        seen.reply ||= node.replyTo !== null;
        seen.effect ||= node.effect !== null;
        seen.custom ||= node.reactions.some((r) => r.type === 'CUSTOM' || r.type === 'STICKER');
      }
      after = page.pageInfo.endCursor ?? null;
      if (!page.pageInfo.hasNextPage) break;
    }
    const v3 = dialect === 'v3';
    expect(seen).toEqual({ reply: v3, effect: v3, custom: v3 });
  });
});
