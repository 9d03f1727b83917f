/** Creating messages and reactions in the store (shared by both dialects). */
import { basename, guessMime } from './http/content-types.js';
import { nowIso } from './http/http.js';
import type {
  AttachmentRec,
  ChatRec,
  MessageRec,
  PartRec,
  ReactionKind,
  ReactionRec,
  ServiceName,
} from './records.js';
import { myHandle, type Store } from './store.js';

export interface NewMessage {
  parts: PartRec[];
  replyTo?: MessageRec['replyTo'];
  effect?: MessageRec['effect'];
  idempotencyKey?: string | null;
  /** v3 `preferred_service`: SMS and RCS are honoured as the sending service. */
  preferredService?: ServiceName | null;
}

export function createMessage(store: Store, chat: ChatRec, input: NewMessage): MessageRec {
  const now = nowIso();
  const message: MessageRec = {
    v2Id: store.nextMessageV2(),
    uuid: store.rng.uuid(),
    chat,
    from: myHandle(chat),
    isFromMe: true,
    parts: input.parts,
    sentAt: now,
    deliveredAt: null,
    readAt: null,
    editedAt: null,
    createdAt: now,
    updatedAt: now,
    status: 'queued',
    service:
      input.preferredService === 'SMS' || input.preferredService === 'RCS'
        ? input.preferredService
        : chat.service,
    preferredService: input.preferredService ?? null,
    replyTo: input.replyTo ?? null,
    effect: input.effect ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  };
  store.addMessage(message);
  chat.updatedAt = now;
  return message;
}

/** An attachment record for media given by URL (v3 `url` parts, v2 `attachment_urls`). */
export function urlAttachment(store: Store, chat: ChatRec, url: string): AttachmentRec {
  const filename = basename(url);
  const attachment: AttachmentRec = {
    uuid: store.rng.uuid(),
    accountId: chat.accountId,
    filename,
    contentType: guessMime(filename),
    sizeBytes: 0,
    status: 'complete',
    createdAt: nowIso(),
    url,
    uploadSecret: store.rng.hex(32),
    receivedBytes: 0,
    sha256: null,
  };
  store.attachments.set(attachment.uuid, attachment);
  return attachment;
}

export function textPart(value: string): PartRec {
  return { type: 'text', value, decorations: [], reactions: [] };
}

export interface ReactionSpec {
  partIndex: number;
  type: ReactionKind;
  customEmoji: string | null;
}

const same = (r: ReactionRec, spec: ReactionSpec, handle: ReactionRec['handle']) =>
  r.handle === handle &&
  r.type === spec.type &&
  (spec.type !== 'custom' || r.customEmoji === spec.customEmoji);

/** Adds the account's own reaction; an identical existing one is returned instead. */
export function addReaction(store: Store, message: MessageRec, spec: ReactionSpec): ReactionRec {
  const part = message.parts[spec.partIndex];
  if (!part) throw new Error('part index out of range');
  const handle = myHandle(message.chat);
  const existing = part.reactions.find((r) => same(r, spec, handle));
  if (existing) return existing;
  const reaction: ReactionRec = {
    v2Id: store.nextReactionV2(),
    message,
    partIndex: spec.partIndex,
    type: spec.type,
    customEmoji: spec.type === 'custom' ? spec.customEmoji : null,
    sticker: null,
    handle,
    createdAt: nowIso(),
  };
  part.reactions.push(reaction);
  store.indexReaction(reaction);
  return reaction;
}

/** Removes the account's own matching reaction; returns it, or null when there was none. */
export function removeReaction(
  store: Store,
  message: MessageRec,
  spec: ReactionSpec,
): ReactionRec | null {
  const part = message.parts[spec.partIndex];
  if (!part) return null;
  const handle = myHandle(message.chat);
  const index = part.reactions.findIndex((r) => same(r, spec, handle));
  if (index < 0) return null;
  const [removed] = part.reactions.splice(index, 1);
  if (removed) store.unindexReaction(removed);
  return removed ?? null;
}
