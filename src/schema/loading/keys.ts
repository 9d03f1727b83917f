/**
 * Loader keys of the node types; they are also the `key` inside global ids (global-id.ts).
 *
 * - Chat:     the upstream chat id.
 * - Message:  JSON [chatId, messageId]. v2 cannot fetch a message without its chat; v3 ignores
 *             the chat id but we check the fetched message belongs to it.
 * - Reaction: v2 JSON [chatId, messageId, reactionId];
 *             v3 JSON [chatId, messageId, partIndex, handleId, type, customEmoji]: v3 reactions
 *             have no id, so the key is the stable tuple that finds it on its message.
 */
import {
  isPartIndex,
  type Dialect,
  type Reaction,
  type ReactionType,
} from '../../upstream/model.js';

const V2_ID = /^[1-9]\d{0,17}$/;
/** v3 ids are UUIDs; accept any plain token so a format change upstream does not break us. */
const V3_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

const REACTION_TYPES: readonly ReactionType[] = [
  'LOVE',
  'LIKE',
  'DISLIKE',
  'LAUGH',
  'EMPHASIZE',
  'QUESTION',
  'CUSTOM',
  'STICKER',
];

export const isUpstreamId = (dialect: Dialect, value: unknown): value is string =>
  typeof value === 'string' && (dialect === 'v2' ? V2_ID : V3_ID).test(value);

export interface MessageKey {
  chatId: string;
  id: string;
}

export type ReactionKey =
  | { dialect: 'v2'; chatId: string; messageId: string; id: string }
  | {
      dialect: 'v3';
      chatId: string;
      messageId: string;
      partIndex: number;
      handleId: string;
      type: ReactionType;
      customEmoji: string | null;
    };

/** True when JSON.stringify(text) is `text` in quotes: printable ASCII, no `"` or backslash. */
function plainJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * JSON [chatId, id]. Built by hand when neither id needs escaping (upstream ids never do): a
 * third of JSON.stringify's cost, and it runs for every listed message's global id (and again
 * when a page of listed messages is indexed for a load: loading/listed.ts).
 */
export const messageKey = (m: MessageKey): string =>
  plainJson(m.chatId) && plainJson(m.id)
    ? '["' + m.chatId + '","' + m.id + '"]'
    : JSON.stringify([m.chatId, m.id]);

/** The key of a reaction read through its message (so chatId and messageId are known). */
export function reactionKey(dialect: Dialect, r: Reaction, chatId: string): string {
  if (dialect === 'v2') return JSON.stringify([chatId, r.messageId, r.id ?? '']);
  return JSON.stringify([
    chatId,
    r.messageId,
    r.partIndex ?? 0,
    r.handle?.id ?? '',
    r.type,
    r.customEmoji,
  ]);
}

function jsonArray(key: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function parseMessageKey(dialect: Dialect, key: string): MessageKey | null {
  const a = jsonArray(key);
  if (!a || a.length !== 2 || !isUpstreamId(dialect, a[0]) || !isUpstreamId(dialect, a[1])) {
    return null;
  }
  return { chatId: a[0], id: a[1] };
}

export function parseReactionKey(dialect: Dialect, key: string): ReactionKey | null {
  const a = jsonArray(key);
  if (!a || !isUpstreamId(dialect, a[0]) || !isUpstreamId(dialect, a[1])) return null;
  const [chatId, messageId] = [a[0], a[1]];
  if (dialect === 'v2') {
    return a.length === 3 && isUpstreamId('v2', a[2])
      ? { dialect, chatId, messageId, id: a[2] }
      : null;
  }
  const [, , partIndex, handleId, type, customEmoji] = a;
  const ok =
    a.length === 6 &&
    isPartIndex(partIndex) &&
    isUpstreamId('v3', handleId) &&
    REACTION_TYPES.includes(type as ReactionType) &&
    (customEmoji === null || (typeof customEmoji === 'string' && customEmoji.length <= 64));
  if (!ok) return null;
  return {
    dialect,
    chatId,
    messageId,
    partIndex,
    handleId,
    type: type as ReactionType,
    customEmoji,
  };
}

/** True when `key` is a well-formed key of `typename` in `dialect`. */
export function checkKey(dialect: Dialect, typename: string, key: string): boolean {
  switch (typename) {
    case 'Chat':
      return isUpstreamId(dialect, key);
    case 'Message':
      return parseMessageKey(dialect, key) !== null;
    case 'Reaction':
      return parseReactionKey(dialect, key) !== null;
    default:
      return false;
  }
}
