/**
 * What the other side of a chat does, simulated: an inbound message, typing, a read or
 * delivery receipt. Each changes the store like the real event would and emits its webhook.
 */
import { createMessage, textPart } from '../compose.js';
import { nowIso } from '../http/http.js';
import type { ChatRec, HandleRec, MessageRec } from '../records.js';
import type { Store } from '../store.js';
import type { SandboxEvent } from './types.js';

export interface SimulateInboundInput {
  /** v2 integer id or v3 UUID. */
  chatId: string | number;
  /** A participant's address; default the first other active participant. */
  from?: string;
  text: string;
}

export interface SimulateTypingInput {
  chatId: string | number;
  from?: string;
  /** Default true (started); false emits "stopped". */
  typing?: boolean;
}

export class SimulationError extends Error {}

function chatOf(store: Store, id: string | number): ChatRec {
  const chat = store.getChat(id);
  if (!chat) throw new SimulationError(`no chat ${String(id)}`);
  return chat;
}

function participant(chat: ChatRec, from: string | undefined): HandleRec {
  const others = chat.handles.filter((h) => !h.isMe && h.status === 'active');
  const handle = from === undefined ? others[0] : others.find((h) => h.address === from);
  if (!handle) throw new SimulationError(`no active participant ${from ?? ''} in the chat`);
  return handle;
}

export function simulateInbound(store: Store, input: SimulateInboundInput): MessageRec {
  if (typeof input.text !== 'string' || input.text.trim() === '') {
    throw new SimulationError('text is required');
  }
  const chat = chatOf(store, input.chatId);
  const from = participant(chat, input.from);
  const message = createMessage(store, chat, { parts: [textPart(input.text)] });
  message.from = from;
  message.isFromMe = false;
  message.status = 'delivered';
  message.deliveredAt = message.sentAt;
  store.emit({ kind: 'message.received', message });
  return message;
}

export function simulateTyping(store: Store, input: SimulateTypingInput): void {
  const chat = chatOf(store, input.chatId);
  const handle = participant(chat, input.from);
  const kind = input.typing === false ? 'typing.stopped' : 'typing.started';
  store.emit({ kind, chat, handle, at: nowIso() });
}

/** The recipient's receipt for one of our messages: delivered, or read (implies delivered). */
export function simulateReceipt(
  store: Store,
  messageId: string | number,
  receipt: 'delivered' | 'read',
): MessageRec {
  const message = store.getMessage(messageId);
  if (!message) throw new SimulationError(`no message ${String(messageId)}`);
  const now = nowIso();
  message.deliveredAt ??= now;
  message.status = 'delivered';
  if (receipt === 'read') message.readAt ??= now;
  message.updatedAt = now;
  store.emit({ kind: receipt === 'read' ? 'message.read' : 'message.delivered', message });
  return message;
}

/**
 * Marks every sent message delivered `ms` after it was sent (→ message.delivered), as a
 * recipient's phone would. Off unless `webhooks.deliverAfterMs` is set.
 */
export function autoDelivery(getStore: () => Store, ms: number | undefined) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    handle(event: SandboxEvent): void {
      if (ms === undefined || event.kind !== 'message.sent') return;
      const id = event.message.uuid;
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          simulateReceipt(getStore(), id, 'delivered');
        } catch {
          // deleted (or reset) meanwhile
        }
      }, ms);
      timers.add(timer);
    },
    close(): void {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
