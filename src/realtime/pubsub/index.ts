/** Public API of the real-time bus (see chat-event-bus.ts). */
export { createChatEventBus } from './chat-event-bus.js';
export type { ChatEventBus, ChatEventBusOptions } from './chat-event-bus.js';
export { CHAT_ROUTING_KEY, chatRoutingId, chatTopic } from './topics.js';
export type { ChatPubSubTopics } from './topics.js';
