/**
 * One meaning for an idempotency key, whatever the dialect: the gateway remembers what each key
 * sent (a fingerprint of the message) for a bounded window.
 *
 * - The same key with a different message fails with ConflictError before any upstream call
 *   (Linq would silently return the first message).
 * - The same key with the same message goes to Linq, which replays the first message; the
 *   payload says `replayed: true` (v2 also says so itself, with 200 instead of 201; v3 answers
 *   202 either way, so only the gateway's memory can tell).
 * - A send that surely did not happen (Linq refused it) forgets its key, so it can be corrected
 *   and sent again; one whose outcome is unknown (timeout, 5xx) keeps it.
 *
 * Keys are scoped by dialect and by a hash of the caller's token (never the token itself).
 * Files are fingerprinted by their count only: their bytes are streamed, never held.
 */
import { createHash } from 'node:crypto';
import {
  ConflictError,
  LinqError,
  type LinqApi,
  type LinqOperations,
  type RequestOptions,
  type SendMessageInput,
  type SendMessageResult,
} from '../upstream/index.js';
import type { SendKeyStore } from './store.js';

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');

export function fingerprint(input: SendMessageInput): string {
  return sha(
    JSON.stringify([
      input.chatId,
      input.text ?? null,
      input.attachmentUrls ?? [],
      input.attachments?.length ?? 0,
      input.replyTo ? [input.replyTo.messageId, input.replyTo.partIndex ?? null] : null,
      input.effect ? [input.effect.type, input.effect.name] : null,
    ]),
  );
}

/** Errors after which Linq surely sent nothing (it refused the request). */
const REFUSED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * `api` with the memory in front of its sends, bound or not: everything else is `api`'s own
 * (inherited through the prototype, or the bound instance's own, so nothing here lists the other
 * operations).
 */
export function withSendKeyMemory(api: LinqApi, store: SendKeyStore): LinqApi {
  const memory = Object.create(api) as LinqApi;
  const send = (input: SendMessageInput, opts?: RequestOptions) => api.sendMessage(input, opts);
  memory.sendMessage = (input, opts) =>
    rememberedSend(api.dialect, send, store, input, opts, undefined);
  memory.withOptions = (binding) => {
    // The request's own instance gets its send shadowed. Not Object.create(bound): an object
    // made a prototype is re-shaped by V8 (a prototype map), per request.
    const bound = api.withOptions(binding);
    const unguarded = bound.sendMessage;
    const boundSend = (input: SendMessageInput, opts?: RequestOptions) =>
      unguarded.call(bound, input, opts);
    bound.sendMessage = (input, opts) =>
      rememberedSend(bound.dialect, boundSend, store, input, opts, binding.token);
    return bound;
  };
  return memory;
}

async function rememberedSend(
  dialect: LinqOperations['dialect'],
  send: (input: SendMessageInput, opts?: RequestOptions) => Promise<SendMessageResult>,
  store: SendKeyStore,
  input: SendMessageInput,
  opts: RequestOptions | undefined,
  boundToken: string | null | undefined,
): Promise<SendMessageResult> {
  const key = input.idempotencyKey;
  // No key: the adapter makes a fresh one; nothing to remember.
  if (typeof key !== 'string' || key === '') return send(input, opts);
  const token = opts?.token ?? boundToken ?? '';
  const scoped = `${sha(`${dialect}:${token}`).slice(0, 16)}:${key}`;
  const print = fingerprint(input);
  const known = await store.remember(scoped, `p:${print}`);
  if (known !== null && known.slice(2) !== print) {
    throw new ConflictError(
      'This idempotencyKey was already used for a different message; use a new key for a ' +
        'new message',
    );
  }
  try {
    const result = await send(input, opts);
    if (known === null) await store.update(scoped, `s:${print}`);
    return { ...result, replayed: result.replayed || known?.startsWith('s:') === true };
  } catch (error) {
    if (known === null && error instanceof LinqError && REFUSED.has(error.code)) {
      await store.forget(scoped, `p:${print}`);
    }
    throw error;
  }
}
