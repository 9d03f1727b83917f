/**
 * The v3 dialect: `/api/partner/v3/...`, UUIDs, `Authorization: Bearer`, cursor lists without
 * totals, parts with per-part reactions (no reaction ids), async (202) sends and reactions,
 * and `X-Trace-ID` on every response.
 *
 * Idempotency in v3: the only offer is `message.idempotency_key` in the send body (≤255 chars);
 * the pinned spec leaves its replay semantics unspecified. We always send a key (generated when
 * the caller gives none) and retry a send with the same key. Reactions have no idempotency at
 * all, so a reaction POST is retried only when the connection could not be opened.
 */
import * as c from '../check.js';
import { Adapter, sendKind, type Binding } from '../adapter.js';
import { UnsupportedByDialectError, badInput } from '../errors.js';
import { REACTION_TYPES, mapChat, mapMessage, mapPhoneNumber, mapSentMessage } from './map.js';
import {
  isPartIndex,
  MAX_PART_INDEX,
  type BoundLinq,
  type Chat,
  type DialectCapabilities,
  type EditMessageInput,
  type LinqApi,
  type Message,
  type MessageAddress,
  type ListChatsArgs,
  type ListMessagesArgs,
  type Page,
  type PhoneNumber,
  type ReactInput,
  type ReactResult,
  type ReactionType,
  type RequestOptions,
  type SendMessageInput,
  type SendMessageResult,
} from '../model.js';
import { pageByCursor, type FetchCursorPage } from '../pagination/index.js';
import { path } from '../http/path.js';
import { checkId, checkRef, checkSend, guardSources } from '../send-input.js';
import type { SendOptions } from '../http/transport.js';
import type { components } from '../types/v3.js';
import { uploadAttachment } from './upload.js';

type S = components['schemas'];

export const V3_CAPABILITIES: DialectCapabilities = Object.freeze({
  totalCount: false,
  backwardPagination: false,
  reactionIds: false,
  messageTimeFilters: false,
  messageOrder: false,
  partIndexOnReactions: true,
  customReactions: true,
});

const WIRE_REACTIONS = Object.fromEntries(
  Object.entries(REACTION_TYPES).map(([wire, type]) => [type, wire]),
) as Record<ReactionType, S['ReactionType']>;

function checkPartIndex(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPartIndex(value)) throw badInput(field, `must be an integer from 0 to ${MAX_PART_INDEX}`);
  return value;
}

export class V3Api extends Adapter implements LinqApi, BoundLinq {
  readonly dialect = 'v3';
  readonly capabilities = V3_CAPABILITIES;

  protected bind(binding: Binding): V3Api {
    return new V3Api(this.http, binding);
  }

  listPhoneNumbers(opts?: RequestOptions): Promise<PhoneNumber[]> {
    return this.run('read', opts, async (o) => {
      const res = await this.http.send(
        { method: 'GET', route: path`/phone_numbers`, retry: 'idempotent' },
        o,
      );
      const b = c.obj<S['ListPhoneNumbersResult']>(res.body, 'response');
      return c.arr(b.phone_numbers, 'phone_numbers').map(mapPhoneNumber);
    });
  }

  listChats(args: ListChatsArgs, opts?: RequestOptions): Promise<Page<Chat>> {
    return this.run('read', opts, async (o) => {
      if (typeof args.phoneNumber !== 'string' || args.phoneNumber.trim() === '') {
        throw badInput('phoneNumber', 'is required');
      }
      const fetch: FetchCursorPage<Chat> = async (cursor, limit) => {
        const query = { from: args.phoneNumber, limit, cursor };
        const res = await this.http.send(
          { method: 'GET', route: path`/chats`, query, retry: 'idempotent' },
          o,
        );
        const b = c.obj<S['ListChatsResult']>(res.body, 'response');
        return {
          items: c.arr(b.chats, 'chats').map(mapChat),
          next: c.optStr(b.next_cursor, 'next_cursor'),
        };
      };
      return pageByCursor(fetch, args);
    });
  }

  getChat(chatId: string, opts?: RequestOptions): Promise<Chat> {
    return this.run('read', opts, async (o) => {
      const route = path`/chats/${checkId(chatId, 'chatId')}`;
      const res = await this.http.send({ method: 'GET', route, retry: 'idempotent' }, o);
      return mapChat(res.body);
    });
  }

  listMessages(args: ListMessagesArgs, opts?: RequestOptions): Promise<Page<Message>> {
    return this.readOnce(args, () => this.run('read', opts, (o) => this.pageOfMessages(args, o)));
  }

  private async pageOfMessages(args: ListMessagesArgs, o: SendOptions): Promise<Page<Message>> {
    const chatId = checkId(args.chatId, 'chatId');
    if (args.order === 'ASC') {
      throw new UnsupportedByDialectError('v3 lists messages newest first only');
    }
    if (args.sentAfter !== undefined || args.sentBefore !== undefined) {
      throw new UnsupportedByDialectError('Filtering messages by time needs the v2 dialect');
    }
    const route = path`/chats/${chatId}/messages`;
    const fetch: FetchCursorPage<Message> = async (cursor, limit) => {
      const res = await this.http.send(
        { method: 'GET', route, query: { limit, cursor }, retry: 'idempotent' },
        o,
      );
      const b = c.obj<S['GetMessagesResult']>(res.body, 'response');
      return {
        items: c.arr(b.messages, 'messages').map(mapMessage),
        next: c.optStr(b.next_cursor, 'next_cursor'),
      };
    };
    return pageByCursor(fetch, args);
  }

  getMessage(ref: MessageAddress, opts?: RequestOptions): Promise<Message> {
    return this.run('read', opts, (o) => this.readMessage(ref, o));
  }

  private async readMessage(ref: MessageAddress, o: SendOptions): Promise<Message> {
    const route = path`/messages/${checkId(checkRef(ref).id, 'id')}`;
    const res = await this.http.send({ method: 'GET', route, retry: 'idempotent' }, o);
    return mapMessage(res.body);
  }

  sendMessage(input: SendMessageInput, opts?: RequestOptions): Promise<SendMessageResult> {
    return this.run(sendKind(input), opts, async (o) => {
      const send = checkSend(input);
      const release = guardSources(send.files);
      let failed = true;
      try {
        const replyTo = input.replyTo
          ? {
              message_id: checkId(input.replyTo.messageId, 'replyTo.messageId'),
              part_index: checkPartIndex(input.replyTo.partIndex, 'replyTo.partIndex'),
            }
          : undefined;
        const parts: S['MessagePart'][] = [];
        if (send.text) parts.push({ type: 'text', value: send.text });
        for (const url of send.urls) parts.push({ type: 'media', url });
        for (const file of send.files) {
          parts.push({ type: 'media', attachment_id: await uploadAttachment(this.http, file, o) });
        }
        const message: S['MessageContent'] = { parts, idempotency_key: send.idempotencyKey };
        if (replyTo) message.reply_to = replyTo;
        if (input.effect) {
          message.effect = {
            type: input.effect.type === 'SCREEN' ? 'screen' : 'bubble',
            name: input.effect.name,
          };
        }
        const json: S['SendMessageToChatRequest'] = { message };
        const route = path`/chats/${send.chatId}/messages`;
        // The body carries the idempotency key, so a retry cannot send twice (see header).
        const res = await this.http.send({ method: 'POST', route, json, retry: 'idempotent' }, o);
        const b = c.obj<S['SendMessageResponse']>(res.body, 'response');
        const chatId = c.optStr(b.chat_id, 'chat_id') ?? send.chatId;
        failed = false;
        return {
          message: mapSentMessage(b.message, chatId),
          replayed: false,
          idempotencyKey: send.idempotencyKey,
        };
      } finally {
        release(failed);
      }
    });
  }

  editMessage(
    ref: MessageAddress,
    input: EditMessageInput,
    opts?: RequestOptions,
  ): Promise<Message> {
    return this.run('write', opts, async (o) => {
      const route = path`/messages/${checkId(checkRef(ref).id, 'id')}`;
      if (
        typeof input?.text !== 'string' ||
        input.text.length === 0 ||
        input.text.length > 10_000
      ) {
        throw badInput('text', 'must be 1 to 10000 characters');
      }
      const json: S['EditMessageRequest'] = {
        text: input.text,
        part_index: checkPartIndex(input.partIndex, 'partIndex') ?? 0,
      };
      const res = await this.http.send({ method: 'PATCH', route, json, retry: 'idempotent' }, o);
      const edited = mapMessage(res.body);
      // v3 messages carry no edit time; the edit's answer is the message as this edit left it,
      // so its updated_at is when it was edited.
      edited.editedAt ??= edited.updatedAt ?? new Date().toISOString();
      return edited;
    });
  }

  deleteMessage(ref: MessageAddress, opts?: RequestOptions): Promise<void> {
    return this.run('write', opts, async (o) => {
      const id = checkId(checkRef(ref).id, 'id');
      // The pinned spec requires `{chat_id}` in the body; learn it when the caller lacks it.
      const chatId = ref.chatId
        ? checkId(ref.chatId, 'chatId')
        : (await this.readMessage(ref, o)).chatId;
      const json: S['DeleteMessageRequest'] = { chat_id: chatId };
      await this.http.send(
        { method: 'DELETE', route: path`/messages/${id}`, json, retry: 'idempotent' },
        o,
      );
    });
  }

  react(ref: MessageAddress, input: ReactInput, opts?: RequestOptions): Promise<ReactResult> {
    return this.run('write', opts, async (o) => {
      const route = path`/messages/${checkId(checkRef(ref).id, 'id')}/reactions`;
      const type = WIRE_REACTIONS[input?.type];
      if (!type) throw badInput('type', 'is not a reaction type');
      if (input.operation !== 'ADD' && input.operation !== 'REMOVE') {
        throw badInput('operation', 'must be ADD or REMOVE');
      }
      if (type === 'custom' && !input.customEmoji) {
        throw badInput('customEmoji', 'is required for CUSTOM reactions');
      }
      const json: S['SendReactionRequest'] = {
        operation: input.operation === 'ADD' ? 'add' : 'remove',
        type,
      };
      if (input.customEmoji) json.custom_emoji = input.customEmoji;
      const partIndex = checkPartIndex(input.partIndex, 'partIndex');
      if (partIndex !== undefined) json.part_index = partIndex;
      const res = await this.http.send({ method: 'POST', route, json, retry: 'connect-only' }, o);
      const body = res.body === null ? {} : c.obj<{ trace_id?: string }>(res.body, 'response');
      return { reaction: null, traceId: res.traceId ?? c.optStr(body.trace_id, 'trace_id') };
    });
  }
}
