// Shared context and helpers of the v2 contract cases (openapi-v2-*.ts).
// The v2 fragments declare (almost) no error responses; linq-api.md §7 lists
// 400/401/403/404/422/429 as seen on v2, so the harness validates those against
// components/schemas/Error.
import { unauthorized as unauthorizedCases } from '../helpers/openapi-cases.js';
import type { ContractCall } from '../helpers/openapi-client.js';

export interface V2Ctx {
  phone: string;
  chatId: number;
  otherChatId: number;
  messageId: number;
  otherMessageId: number;
  /** Sends a text message in chatId and returns its id. */
  sendText: (text: string) => Promise<number>;
  /** Sends a multipart message in chatId (expecting 201) and returns its id. */
  sendForm: (body: Array<[string, string | Blob]>) => Promise<number>;
  /** A validated call that must succeed; returns the parsed body. */
  get: (route: string, call: Omit<ContractCall, 'route'>) => Promise<unknown>;
  /** Adds a reaction to messageId and returns the reaction id. */
  react: () => Promise<number>;
}

export const NO_SUCH = 987_654_321;
export type Form = Array<[string, string | Blob]>;
export const form = (text: string, extra: Form = []): Form => [['message[text]', text], ...extra];

/** 401 without credentials and with an unknown token, for one route. */
export const unauthorized = unauthorizedCases<V2Ctx>;

const P = '/api/partner/v2';

export const V2_ROUTES = {
  NUMBERS: `GET ${P}/phone_numbers`,
  CHATS: `GET ${P}/chats`,
  CHAT: `GET ${P}/chats/{chat_id}`,
  LIST: `GET ${P}/chats/{chat_id}/chat_messages`,
  SEND: `POST ${P}/chats/{chat_id}/chat_messages`,
  GET: `GET ${P}/chats/{chat_id}/chat_messages/{id}`,
  DEL: `DELETE ${P}/chats/{chat_id}/chat_messages/{id}`,
  EDIT: `POST ${P}/chats/{chat_id}/chat_messages/{id}/edit`,
  REACT: `POST ${P}/chat_messages/{chat_message_id}/reactions`,
  REACTION: `GET ${P}/chat_message_reactions/{reaction_id}`,
} as const;
