// Shared context and helpers of the v3 contract cases (openapi-v3-*.ts).
import { unauthorized as unauthorizedCases } from '../helpers/openapi-cases.js';
import type { ContractCall } from '../helpers/openapi-client.js';

export interface V3Ctx {
  from: string;
  otherFrom: string;
  chatId: string;
  otherChatId: string;
  messageId: string;
  otherMessageId: string;
  /** A message in chatId with is_from_me false. */
  inboundMessageId: string;
  sendText: (text: string) => Promise<string>;
  presign: () => Promise<string>;
  /** A validated call that must succeed; returns the parsed body. */
  get: (route: string, call: Omit<ContractCall, 'route'>) => Promise<unknown>;
}

export type Listed = { id: string; sent_at?: string | null; created_at?: string };
export const ids = (items: Listed[]) => items.map((i) => i.id);
export const times = (items: Listed[]) => items.map((i) => i.sent_at ?? i.created_at ?? '');

/** Follows next_cursor to the end; every page is validated; returns all ids. */
export async function walk(
  c: V3Ctx,
  route: string,
  call: Omit<ContractCall, 'route'>,
  key: string,
): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const body = (await c.get(route, { ...call, query: { ...call.query, cursor } })) as Record<
      string,
      Listed[]
    > & { next_cursor?: string | null };
    all.push(...ids(body[key] ?? []));
    if (body.next_cursor == null) return all;
    cursor = body.next_cursor;
  }
  throw new Error(`${route}: next_cursor never became null`);
}

export const NO_SUCH = '00000000-0000-4000-8000-000000000000';
export const text = (value: string) => ({ message: { parts: [{ type: 'text', value }] } });
/** A send call into chatId carrying this message (parts and any other message fields). */
export const inChat = (c: V3Ctx, message: Record<string, unknown>) => ({
  path: { chatId: c.chatId },
  body: { message },
});

/** 401 without credentials and with an unknown token, for one route. */
export const unauthorized = unauthorizedCases<V3Ctx>;

export const V3_ROUTES = {
  CHATS: 'GET /v3/chats',
  CHAT: 'GET /v3/chats/{chatId}',
  LIST: 'GET /v3/chats/{chatId}/messages',
  SEND: 'POST /v3/chats/{chatId}/messages',
  GET: 'GET /v3/messages/{messageId}',
  EDIT: 'PATCH /v3/messages/{messageId}',
  DEL: 'DELETE /v3/messages/{messageId}',
  REACT: 'POST /v3/messages/{messageId}/reactions',
  THREAD: 'GET /v3/messages/{messageId}/thread',
  PRESIGN: 'POST /v3/attachments',
  ATTACHMENT: 'GET /v3/attachments/{attachmentId}',
  NUMBERS: 'GET /v3/phone_numbers',
  NUMBERS_OLD: 'GET /v3/phonenumbers',
} as const;
