/** Seeded messages of one chat: parts, attachments, replies, effects and reactions. */
import {
  BUBBLE_EFFECTS,
  CUSTOM_EMOJI,
  FILES,
  LINKS,
  SCREEN_EFFECTS,
  SENTENCES,
  TAPBACKS,
} from './data.js';
import type {
  AttachmentRec,
  ChatRec,
  HandleRec,
  MessageRec,
  PartRec,
  ReactionRec,
} from '../records.js';
import type { Store } from '../store.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function seedMessages(store: Store, chat: ChatRec, count: number, startMs: number): void {
  const rng = store.rng;
  let t = startMs;
  const me = chat.handles[0] as HandleRec;
  const others = chat.handles.slice(1);
  for (let i = 0; i < count; i++) {
    t += rng.int(1, 240) * 60_000 + rng.int(0, 59_999);
    const fromMe = rng.chance(0.45);
    const from = fromMe ? me : rng.pick(others);
    const parts = seedParts(store, chat, t);
    const last = i === count - 1;
    const message: MessageRec = {
      v2Id: store.nextMessageV2(),
      uuid: rng.uuid(),
      chat,
      from,
      isFromMe: fromMe,
      parts,
      sentAt: iso(t),
      deliveredAt: fromMe && last && rng.chance(0.5) ? null : iso(t + rng.int(500, 5000)),
      readAt: last && !fromMe ? null : iso(t + rng.int(60_000, 600_000)),
      editedAt: fromMe && rng.chance(0.05) ? iso(t + 90_000) : null,
      createdAt: iso(t),
      updatedAt: iso(t),
      status: 'delivered',
      service: chat.service,
      replyTo: null,
      effect: null,
      preferredService: null,
      idempotencyKey: null,
    };
    if (message.deliveredAt === null) message.status = 'sent';
    if (message.editedAt) message.updatedAt = message.editedAt;
    const earlier = chat.messages;
    if (earlier.length > 2 && rng.chance(0.1)) {
      const target = rng.pick(earlier);
      message.replyTo = { messageId: target.uuid, partIndex: rng.int(0, target.parts.length - 1) };
    }
    if (chat.service === 'iMessage' && rng.chance(0.06)) {
      const screen = rng.chance(0.5);
      message.effect = screen
        ? { type: 'screen', name: rng.pick(SCREEN_EFFECTS) }
        : { type: 'bubble', name: rng.pick(BUBBLE_EFFECTS) };
    }
    if (rng.chance(0.3)) seedReactions(store, message, t);
    store.addMessage(message);
  }
  chat.updatedAt = chat.messages[chat.messages.length - 1]?.sentAt ?? chat.createdAt;
}

function seedParts(store: Store, chat: ChatRec, t: number): PartRec[] {
  const rng = store.rng;
  const roll = rng.next();
  const text = (): PartRec => {
    const value = rng.pick(SENTENCES);
    const decorate = chat.service === 'iMessage' && rng.chance(0.08) && value.length > 6;
    return {
      type: 'text',
      value,
      decorations: decorate ? [{ range: [0, Math.min(5, value.length)], style: 'bold' }] : [],
      reactions: [],
    };
  };
  const media = (): PartRec => ({
    type: 'media',
    attachment: seedAttachment(store, chat, t),
    reactions: [],
  });
  if (roll < 0.7) return [text()];
  if (roll < 0.82) return [text(), media()];
  if (roll < 0.88) return [media()];
  if (roll < 0.93) return [media(), text(), media()];
  return [{ type: 'link', value: rng.pick(LINKS), reactions: [] }];
}

function seedAttachment(store: Store, chat: ChatRec, t: number): AttachmentRec {
  const rng = store.rng;
  const file = rng.pick(FILES);
  const uuid = rng.uuid();
  const attachment: AttachmentRec = {
    uuid,
    accountId: chat.accountId,
    filename: file.filename,
    contentType: file.mime,
    sizeBytes: rng.int(file.min, file.max),
    status: 'complete',
    createdAt: iso(t),
    url: `https://cdn.linqapp.com/attachments/${uuid}/${file.filename}?signature=sandbox`,
    uploadSecret: rng.hex(32),
    receivedBytes: 0,
    sha256: null,
  };
  store.attachments.set(uuid, attachment);
  return attachment;
}

function seedReactions(store: Store, message: MessageRec, t: number): void {
  const rng = store.rng;
  const n = rng.int(1, Math.min(3, message.chat.handles.length));
  const handles = [...message.chat.handles].sort(() => rng.next() - 0.5).slice(0, n);
  for (const handle of handles) {
    const partIndex = rng.int(0, message.parts.length - 1);
    const roll = rng.next();
    const type = roll < 0.8 ? rng.pick(TAPBACKS) : roll < 0.92 ? 'custom' : 'sticker';
    const reaction: ReactionRec = {
      v2Id: store.nextReactionV2(),
      message,
      partIndex,
      type,
      customEmoji: type === 'custom' ? rng.pick(CUSTOM_EMOJI) : null,
      sticker:
        type === 'sticker'
          ? {
              url: `https://cdn.linqapp.com/stickers/${rng.uuid()}/sticker.png?signature=sandbox`,
              mimeType: 'image/png',
              width: 420,
              height: 420,
              fileName: 'sticker.png',
            }
          : null,
      handle,
      createdAt: iso(t + rng.int(60_000, 3_600_000)),
    };
    message.parts[partIndex]?.reactions.push(reaction);
  }
}
