/** Runs every row of the budget table (budgets.ts) and compares the recorded Linq requests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { dataOf, execute } from '../helpers/graphql.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import {
  ChatNameAndPage,
  ChatPage,
  ListThenNodes,
  ListWithReplies,
  MessageThenChat,
  NodesMixed,
  NumbersWithChats,
  SameMessage,
  SenderDetails,
  TenByTen,
} from './budget-documents.js';
import { BUDGETS, routeCounts } from './budgets.js';

describe.each(['v2', 'v3'] as const)('upstream-call budgets (%s)', (dialect) => {
  let rig: Rig;
  let bigChatId: string;
  let listed: { id: string; reactions: { id: string }[]; replyTo: { id: string } | null }[] = [];
  let chatIds: string[];
  beforeAll(async () => {
    rig = await startRig({ dialect });
    bigChatId = chatGlobalId(dialect, rig.fixtures.bigChat);
    const page = dataOf(await execute(rig.yoga, ListWithReplies, { id: bigChatId }));
    listed = page.chat!.messages!.nodes;
    const phoneNumber = rig.fixtures.primaryPhone;
    const ten = dataOf(await execute(rig.yoga, TenByTen, { phoneNumber }));
    chatIds = ten.chats!.nodes.map((c) => c.id);
  });
  afterAll(() => rig.close());

  /** Runs `op` with fresh counters and returns the requests it made, by route. */
  async function measure(op: () => Promise<unknown>) {
    rig.resetCounts();
    await op();
    return rig.calls();
  }
  const budget = (name: string) => routeCounts(dialect, BUDGETS[name]![dialect]);
  const check = async (name: string, op: () => Promise<unknown>) =>
    expect(await measure(op)).toEqual(budget(name));

  it('10 chats × 10 messages with sender, chat, isFromMe and reactions', async () => {
    await check('10 chats × 10 messages with sender, chat, isFromMe and reactions', async () => {
      const phoneNumber = rig.fixtures.primaryPhone;
      const data = dataOf(await execute(rig.yoga, TenByTen, { phoneNumber }));
      const messages = data.chats!.nodes.flatMap((c) => c.messages!.nodes);
      expect(messages.length).toBeGreaterThan(50);
      expect(messages.every((m) => m.isFromMe !== null && m.sender !== null)).toBe(true);
    });
  });

  it('nodes over 55 mixed ids (10 chats, 30 messages, 10 reactions, 5 repeats)', async () => {
    const withReactions = listed.filter((m) => m.reactions.length > 0);
    const messages = [...withReactions, ...listed.filter((m) => m.reactions.length === 0)]
      .slice(0, 30)
      .map((m) => m.id);
    const reactions = withReactions.flatMap((m) => m.reactions.map((r) => r.id)).slice(0, 10);
    expect(reactions).toHaveLength(10);
    const repeats = [...messages.slice(0, 3), ...chatIds.slice(0, 2)];
    const ids = [...chatIds, ...messages, ...reactions, ...repeats];
    expect(ids).toHaveLength(55);
    const name = 'nodes over 55 mixed ids (10 chats, 30 messages, 10 reactions, 5 repeats)';
    await check(name, async () => {
      const nodes = dataOf(await execute(rig.yoga, NodesMixed, { ids })).nodes;
      expect(nodes.map((n) => n?.id)).toEqual(ids);
    });
  });

  it('a message, then its chat', async () => {
    await check('a message, then its chat', async () => {
      const data = dataOf(await execute(rig.yoga, MessageThenChat, { id: listed[0]!.id }));
      expect(data.message?.chat.displayName).toBeTruthy();
    });
  });

  it('node after list: 50 messages, each with chat and reaction.message', async () => {
    await check('node after list: 50 messages, each with chat and reaction.message', async () => {
      const data = dataOf(await execute(rig.yoga, ListThenNodes, { id: bigChatId }));
      expect(data.chat?.messages?.nodes).toHaveLength(50);
      // message.chat is the chat read in full, not the id-only chat Query.chat resolved.
      const names = new Set(data.chat!.messages!.nodes.map((m) => m.chat.displayName));
      expect([...names]).toEqual([expect.any(String)]);
    });
  });

  it('one chat page: chat(id:) { id messages(first: 25) }', async () => {
    await check('one chat page: chat(id:) { id messages(first: 25) }', async () => {
      const data = dataOf(await execute(rig.yoga, ChatPage, { id: bigChatId }));
      expect(data.chat?.id).toBe(bigChatId);
      expect(data.chat?.messages?.nodes).toHaveLength(25);
      expect(data.chat?.messages?.nodes.every((m) => m.sender !== undefined)).toBe(true);
    });
  });

  it('one chat page of a chat that does not exist (NOT_FOUND)', async () => {
    const key = dialect === 'v2' ? '987654' : '00000000-0000-4000-8000-000000000000';
    const missing = encodeNodeId(dialect, 'Chat', key);
    await check('one chat page of a chat that does not exist (NOT_FOUND)', async () => {
      const result = await execute(rig.yoga, ChatPage, { id: missing });
      expect(result.data?.chat).toBeNull();
      expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']])).toEqual([
        ['chat', 'NOT_FOUND'],
      ]);
    });
  });

  it('a chat with its displayName and one page of messages', async () => {
    await check('a chat with its displayName and one page of messages', async () => {
      const data = dataOf(await execute(rig.yoga, ChatNameAndPage, { id: bigChatId }));
      expect(data.chat?.displayName).toEqual(expect.any(String));
      expect(data.chat?.messages?.nodes).toHaveLength(25);
    });
  });

  it('a page of 50 messages with replyTo (targets outside the page read once each)', async () => {
    const inPage = new Set(listed.map((m) => m.id));
    const outside = new Set(listed.flatMap((m) => (m.replyTo ? [m.replyTo.id] : [])));
    for (const id of inPage) outside.delete(id);
    // The table's number is the careful client's: one read per distinct target not in hand.
    const table = BUDGETS['a page of 50 messages with replyTo']![dialect];
    expect(table.getMessage ?? 0).toBe(outside.size);
    await check('a page of 50 messages with replyTo', () =>
      execute(rig.yoga, ListWithReplies, { id: bigChatId }),
    );
  });

  it('a message with sender details, isFromMe and reaction handles', async () => {
    const id = listed.find((m) => m.reactions.length > 0)!.id;
    await check('a message with sender details, isFromMe and reaction handles', async () => {
      const data = dataOf(await execute(rig.yoga, SenderDetails, { id }));
      expect(data.message?.sender?.service).toBeTruthy();
      expect(typeof data.message?.isFromMe).toBe('boolean');
    });
  });

  it('the same message three times (node, node, message)', async () => {
    await check('the same message three times (node, node, message)', () =>
      execute(rig.yoga, SameMessage, { id: listed[1]!.id }),
    );
  });

  it('phone numbers, each with its first 5 chats', async () => {
    await check('phone numbers, each with its first 5 chats', () =>
      execute(rig.yoga, NumbersWithChats),
    );
  });
});
