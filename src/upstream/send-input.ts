/**
 * Checks shared by both dialects for writes: send input, idempotency keys, upload sources.
 */
import { randomUUID } from 'node:crypto';
import { badInput } from './errors.js';
import { checkUpload } from './http/multipart.js';
import type { DeferredUpload, MessageAddress, SendMessageInput, UploadSource } from './model.js';

export interface CheckedSend {
  chatId: string;
  text: string | null;
  urls: string[];
  /** Deferred files are checked when they are resolved (multipart.ts `resolveUpload`). */
  files: (UploadSource | DeferredUpload)[];
  idempotencyKey: string;
}

const KEY = /^[a-zA-Z0-9_-]{1,255}$/;

export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw badInput(field, 'must be a non-empty id');
  }
  return value;
}

/** v2 ids are integers in base 10. */
export function checkV2Id(value: unknown, field: string): string {
  const id = checkId(value, field);
  if (!/^\d{1,18}$/.test(id)) throw badInput(field, 'is not a valid id for the v2 API');
  return id;
}

export function checkRef(ref: MessageAddress): MessageAddress {
  if (typeof ref !== 'object' || ref === null)
    throw badInput('id', 'a message reference is required');
  return ref;
}

export function checkSend(input: SendMessageInput): CheckedSend {
  const chatId = checkId(input.chatId, 'chatId');
  const text = input.text ?? null;
  if (text !== null && (typeof text !== 'string' || text.length > 10_000)) {
    throw badInput('text', 'must be a string of at most 10000 characters');
  }
  const urls = input.attachmentUrls ?? [];
  for (const url of urls) {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
      throw badInput('attachmentUrls', 'each entry must be an http(s) URL');
    }
  }
  const files = input.attachments ?? [];
  files.forEach((f) => typeof f === 'function' || checkUpload(f));
  if (!text && urls.length === 0 && files.length === 0) {
    throw badInput('text', 'a message needs text or at least one attachment');
  }
  const key = input.idempotencyKey ?? randomUUID();
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw badInput('idempotencyKey', 'must match ^[a-zA-Z0-9_-]+$ (at most 255 characters)');
  }
  return { chatId, text, urls, files, idempotencyKey: key };
}

/**
 * Attaches an 'error' listener to every source (a source error must never crash the process)
 * and returns a cleanup that destroys sources left unread when the send failed, so the
 * incoming upload is not left hanging. Deferred files belong to the caller until resolved.
 */
export function guardSources(all: (UploadSource | DeferredUpload)[]): (failed: boolean) => void {
  const noop = () => {};
  const files = all.filter((f): f is UploadSource => typeof f !== 'function');
  for (const f of files) f.stream.on('error', noop);
  return (failed) => {
    if (!failed) return;
    for (const f of files) {
      const s = f.stream as NodeJS.ReadableStream & {
        destroy?: () => void;
        readableEnded?: boolean;
      };
      if (!s.readableEnded) s.destroy?.();
    }
  };
}
