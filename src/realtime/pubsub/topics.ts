/** Pub/sub topic naming: one topic per upstream chat, `chat:<dialect>:<chatId>`. */
import type { ChatEvent, Dialect } from '../webhooks/events.js';

/** The routing key of graphql-yoga's createPubSub; the id part is `<dialect>:<chatId>`. */
export const CHAT_ROUTING_KEY = 'chat';

export const chatRoutingId = (dialect: Dialect, chatId: string): string => `${dialect}:${chatId}`;

/** The full topic (also the Redis channel name). */
export const chatTopic = (dialect: Dialect, chatId: string): string =>
  `${CHAT_ROUTING_KEY}:${chatRoutingId(dialect, chatId)}`;

/** graphql-yoga createPubSub's topic map: publish('chat', '<dialect>:<chatId>', event). */
export type ChatPubSubTopics = {
  [CHAT_ROUTING_KEY]: [routingId: string, event: ChatEvent];
};
