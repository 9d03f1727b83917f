/** Validation of the v3 `MessageContent` request body into store parts. */
import { attachmentNotFound, badRequest, invalidContent, missingField } from '../http/errors.js';
import { isUuid, type Ctx } from '../http/http.js';
import { urlAttachment, type NewMessage } from '../compose.js';
import type { ChatRec, DecorationRec, PartRec, ServiceName } from '../records.js';

const STYLES = new Set(['bold', 'italic', 'strikethrough', 'underline']);
const ANIMATIONS = new Set([
  'big',
  'small',
  'shake',
  'nod',
  'explode',
  'ripple',
  'bloom',
  'jitter',
]);
const SERVICES = new Set(['iMessage', 'SMS', 'RCS']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseMessageContent(ctx: Ctx, chat: ChatRec, raw: unknown): NewMessage {
  if (raw === undefined) throw missingField('message');
  if (!isObject(raw)) throw invalidContent('message must be an object');
  const { parts, effect, reply_to, idempotency_key, preferred_service } = raw;
  if (parts === undefined) throw missingField('message.parts');
  if (!Array.isArray(parts) || parts.length < 1 || parts.length > 100) {
    throw invalidContent('message.parts must contain between 1 and 100 parts');
  }
  const out: PartRec[] = parts.map((p, i) => parsePart(ctx, chat, p, i));
  for (let i = 1; i < out.length; i++) {
    if (out[i]?.type === 'text' && out[i - 1]?.type === 'text') {
      throw invalidContent('Consecutive text parts are not allowed');
    }
  }
  const urlMedia = parts.filter((p) => isObject(p) && p.type === 'media' && p.url !== undefined);
  if (urlMedia.length > 40) throw invalidContent('At most 40 media parts may use a url');
  if (out.some((p) => p.type === 'link') && out.length > 1) {
    throw invalidContent('A link part must be the only part of a message');
  }
  if (idempotency_key !== undefined) {
    if (typeof idempotency_key !== 'string' || idempotency_key.length < 1) {
      throw badRequest('message.idempotency_key must be a non-empty string');
    }
    if (idempotency_key.length > 255) throw badRequest('message.idempotency_key is too long');
  }
  if (preferred_service !== undefined && !SERVICES.has(String(preferred_service))) {
    throw badRequest('message.preferred_service must be one of iMessage, SMS, RCS');
  }
  return {
    parts: out,
    effect: parseEffect(effect),
    replyTo: parseReplyTo(ctx, chat, reply_to),
    idempotencyKey: idempotency_key ?? null,
    preferredService: (preferred_service as ServiceName | undefined) ?? null,
  };
}

function parsePart(ctx: Ctx, chat: ChatRec, p: unknown, i: number): PartRec {
  if (!isObject(p)) throw invalidContent(`parts[${i}] must be an object`);
  if (p.type === 'text') {
    if (typeof p.value !== 'string') throw missingField(`parts[${i}].value`);
    if (p.value.length < 1 || p.value.length > 10_000) {
      throw invalidContent(`parts[${i}].value must be 1 to 10000 characters`);
    }
    return {
      type: 'text',
      value: p.value,
      decorations: parseDecorations(p.text_decorations, p.value.length, i),
      reactions: [],
    };
  }
  if (p.type === 'media') {
    const hasUrl = p.url !== undefined;
    const hasId = p.attachment_id !== undefined;
    if (hasUrl === hasId) {
      throw invalidContent(`parts[${i}] needs either url or attachment_id, not both`);
    }
    if (hasUrl) {
      if (typeof p.url !== 'string' || !/^https:\/\/[^\s/]+\S*$/.test(p.url)) {
        throw invalidContent(`parts[${i}].url must be an https URL`);
      }
      return { type: 'media', attachment: urlAttachment(ctx.store, chat, p.url), reactions: [] };
    }
    const id = typeof p.attachment_id === 'string' ? p.attachment_id : '';
    const attachment = isUuid(id) ? ctx.store.attachment(ctx.account, id) : null;
    if (!attachment) throw attachmentNotFound();
    if (attachment.status !== 'complete') {
      throw invalidContent(`parts[${i}]: attachment ${id} has not finished uploading`);
    }
    return { type: 'media', attachment, reactions: [] };
  }
  if (p.type === 'link' && ctx.linkParts) {
    if (typeof p.value !== 'string' || !/^https?:\/\/\S+$/.test(p.value)) {
      throw invalidContent(`parts[${i}].value must be a URL`);
    }
    return { type: 'link', value: p.value, reactions: [] };
  }
  throw invalidContent(`parts[${i}].type must be 'text' or 'media'`);
}

function parseDecorations(raw: unknown, length: number, i: number): DecorationRec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidContent(`parts[${i}].text_decorations must be an array`);
  return raw.map((d: unknown) => {
    const range = isObject(d) ? d.range : undefined;
    const [start, end] = Array.isArray(range) ? range : [];
    const valid =
      isObject(d) &&
      Array.isArray(range) &&
      range.length === 2 &&
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      (start as number) >= 0 &&
      (start as number) < (end as number) &&
      (end as number) <= length &&
      (d.style === undefined) !== (d.animation === undefined) &&
      (d.style === undefined || STYLES.has(String(d.style))) &&
      (d.animation === undefined || ANIMATIONS.has(String(d.animation)));
    if (!valid) throw invalidContent(`parts[${i}].text_decorations has an invalid decoration`);
    const dec = d;
    return {
      range: [start as number, end as number],
      ...(dec.style ? { style: dec.style as DecorationRec['style'] } : {}),
      ...(dec.animation ? { animation: dec.animation as DecorationRec['animation'] } : {}),
    };
  });
}

const SCREEN = new Set([
  'confetti',
  'fireworks',
  'lasers',
  'sparkles',
  'celebration',
  'hearts',
  'love',
  'balloons',
  'happy_birthday',
  'echo',
  'spotlight',
]);
const BUBBLE = new Set(['slam', 'loud', 'gentle', 'invisible']);

function parseEffect(raw: unknown): NewMessage['effect'] {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) throw invalidContent('message.effect must be an object');
  const implied = raw.screen_effect ? 'screen' : raw.bubble_effect ? 'bubble' : undefined;
  const type = raw.type ?? implied;
  const name = raw.name ?? raw.screen_effect ?? raw.bubble_effect;
  const known = type === 'screen' ? SCREEN : type === 'bubble' ? BUBBLE : null;
  if (!known || typeof name !== 'string' || !known.has(name)) {
    throw invalidContent('message.effect must name a known screen or bubble effect');
  }
  return { type: type as 'screen' | 'bubble', name };
}

function parseReplyTo(ctx: Ctx, chat: ChatRec, raw: unknown): NewMessage['replyTo'] {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw) || typeof raw.message_id !== 'string') {
    throw missingField('reply_to.message_id');
  }
  const target = isUuid(raw.message_id) ? ctx.store.messageV3(ctx.account, raw.message_id) : null;
  if (!target || target.chat !== chat) throw badRequest('reply_to.message_id is not in this chat');
  const partIndex = raw.part_index ?? 0;
  if (!Number.isInteger(partIndex) || (partIndex as number) < 0) {
    throw badRequest('reply_to.part_index must be a non-negative integer');
  }
  if ((partIndex as number) >= target.parts.length) {
    throw badRequest('reply_to.part_index is out of range');
  }
  return { messageId: target.uuid, partIndex: partIndex as number };
}
