/**
 * UPSTREAM-CALL BUDGETS: the exact Linq requests each named GraphQL operation may make, per
 * dialect. Each number is what a careful hand-written client would need for the same data:
 * one request per list page, one per object not already in hand, nothing twice.
 * budgets.test.ts runs every row against the sandbox and compares the recorded requests.
 */
import type { Dialect } from '../../src/upstream/model.js';

/** Logical upstream operations → sandbox route names. */
export const ROUTES = {
  v2: {
    phoneNumbers: 'GET /api/partner/v2/phone_numbers',
    listChats: 'GET /api/partner/v2/chats',
    getChat: 'GET /api/partner/v2/chats/{chat_id}',
    listMessages: 'GET /api/partner/v2/chats/{chat_id}/chat_messages',
    getMessage: 'GET /api/partner/v2/chats/{chat_id}/chat_messages/{id}',
  },
  v3: {
    phoneNumbers: 'GET /v3/phone_numbers',
    listChats: 'GET /v3/chats',
    getChat: 'GET /v3/chats/{chatId}',
    listMessages: 'GET /v3/chats/{chatId}/messages',
    getMessage: 'GET /v3/messages/{messageId}',
  },
} as const satisfies Record<Dialect, Record<string, string>>;

export type UpstreamOp = keyof (typeof ROUTES)['v2'];
export type Calls = Partial<Record<UpstreamOp, number>>;

export const BUDGETS: Record<string, Record<Dialect, Calls>> = {
  // 1 chat page + 1 message page per chat. v2 also reads the account's numbers once, to tell
  // isFromMe (v2 messages have no direction flag). Senders, chats and reactions cost nothing:
  // the listed chats answer Message.chat, reactions are embedded in messages.
  '10 chats × 10 messages with sender, chat, isFromMe and reactions': {
    v2: { listChats: 1, listMessages: 10, phoneNumbers: 1 },
    v3: { listChats: 1, listMessages: 10 },
  },
  // 10 chats + 30 messages + 10 reactions of those messages + 5 repeated ids: one read per
  // distinct chat and message; reactions come with their messages; repeats are free.
  'nodes over 55 mixed ids (10 chats, 30 messages, 10 reactions, 5 repeats)': {
    v2: { getChat: 10, getMessage: 30 },
    v3: { getChat: 10, getMessage: 30 },
  },
  'a message, then its chat': {
    v2: { getMessage: 1, getChat: 1 },
    v3: { getMessage: 1, getChat: 1 },
  },
  // The chat is loaded once, for message.chat's displayName (Query.chat itself selects only
  // `messages`: the list proves the chat exists); the listed messages answer the Message loader
  // and the loaded chat is in the Chat loader, so the other 49 message.chat and reaction.message
  // below the list are free.
  // (A root-level node(id:) in the SAME request as the list is not: root fields start together,
  // before the list has returned.)
  'node after list: 50 messages, each with chat and reaction.message': {
    v2: { getChat: 1, listMessages: 1 },
    v3: { getChat: 1, listMessages: 1 },
  },
  // `chat(id:) { messages }` with no other chat field: the list call alone (a missing chat's
  // list is NOT_FOUND, like the chat), as a hand-written client would do.
  'one chat page: chat(id:) { id messages(first: 25) }': {
    v2: { listMessages: 1 },
    v3: { listMessages: 1 },
  },
  'one chat page of a chat that does not exist (NOT_FOUND)': {
    v2: { listMessages: 1 },
    v3: { listMessages: 1 },
  },
  // Another chat field than `messages` needs the chat: both calls, started together.
  'a chat with its displayName and one page of messages': {
    v2: { getChat: 1, listMessages: 1 },
    v3: { getChat: 1, listMessages: 1 },
  },
  // v3 replies: targets inside the page are free; the newest 50 messages of the big chat reply
  // to 7 distinct messages outside the page, each read once (the test recomputes the 7).
  // v2 has no replies.
  'a page of 50 messages with replyTo': {
    v2: { listMessages: 1 },
    v3: { listMessages: 1, getMessage: 7 },
  },
  // v2 has only the sender's handle id: its service needs the chat's participants (1 read),
  // isFromMe/isMe need the account's numbers (1 read, shared). v3 embeds all of it.
  'a message with sender details, isFromMe and reaction handles': {
    v2: { getMessage: 1, getChat: 1, phoneNumbers: 1 },
    v3: { getMessage: 1 },
  },
  'the same message three times (node, node, message)': {
    v2: { getMessage: 1 },
    v3: { getMessage: 1 },
  },
  'phone numbers, each with its first 5 chats': {
    v2: { phoneNumbers: 1, listChats: 3 },
    v3: { phoneNumbers: 1, listChats: 3 },
  },
};

export function routeCounts(dialect: Dialect, calls: Calls): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(calls)) out[ROUTES[dialect][op as UpstreamOp]] = n;
  return out;
}
