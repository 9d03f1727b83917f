/**
 * The v2 (legacy) dialect: `/api/partner/v2/...`, integer ids, `X-LINQ-INTEGRATION-TOKEN`,
 * page-based lists with totals, multipart sends with `message[idempotency_key]`.
 */
import * as c from '../check.js';
import { UnsupportedByDialectError, badInput } from '../errors.js';
import { REACTION_TYPES, mapChat, mapMessage, mapPhoneNumber, mapReaction } from './map.js';
import { Adapter, sendKind, type Binding } from '../adapter.js';
import type {
  BoundLinq,
  Chat,
  DialectCapabilities,
  EditMessageInput,
  LinqApi,
  Message,
  MessageAddress,
  ListChatsArgs,
  ListMessagesArgs,
  Page,
  PhoneNumber,
  ReactInput,
  ReactResult,
  ReactionType,
  RequestOptions,
  SendMessageInput,
  SendMessageResult,
} from '../model.js';
import { multipartBody, type FormField } from '../http/multipart.js';
import { pageByOffset, type FetchOffsetPage } from '../pagination/index.js';
import { path } from '../http/path.js';
import { checkRef, checkSend, checkV2Id, guardSources } from '../send-input.js';
import type { SendOptions } from '../http/transport.js';
import type { components, paths } from '../types/v2.js';

type S = components['schemas'];
type JsonBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
type ReactBody = JsonBody<'/api/partner/v2/chat_messages/{chat_message_id}/reactions'>;
type EditBody = JsonBody<'/api/partner/v2/chats/{chat_id}/chat_messages/{id}/edit'>;
type DataOf<T> = { data?: T };
type ListOf<T> = { data?: T[]; meta?: S['Pagination'] };

export const V2_CAPABILITIES: DialectCapabilities = Object.freeze({
  totalCount: true,
  backwardPagination: true,
  reactionIds: true,
  messageTimeFilters: true,
  messageOrder: true,
  partIndexOnReactions: false,
  customReactions: false,
});

const TAPBACKS = Object.fromEntries(
  Object.entries(REACTION_TYPES).map(([wire, type]) => [type, wire]),
) as Partial<Record<ReactionType, keyof typeof REACTION_TYPES>>;

function listBody<T>(body: unknown, map: (raw: unknown) => T) {
  const b = c.obj<ListOf<unknown>>(body, 'response');
  const meta = b.meta === undefined ? null : c.obj<S['Pagination']>(b.meta, 'meta');
  return {
    items: c.arr(b.data, 'data').map(map),
    total: meta ? c.optNum(meta.total_count, 'meta.total_count') : null,
  };
}

const data = (body: unknown): unknown => c.obj<DataOf<unknown>>(body, 'response').data;

function messageRef(ref: MessageAddress): { id: string; chatId: string } {
  checkRef(ref);
  if (ref.chatId === null || ref.chatId === undefined) {
    throw badInput('chatId', 'the v2 API needs the chat id to address a message');
  }
  return { id: checkV2Id(ref.id, 'id'), chatId: checkV2Id(ref.chatId, 'chatId') };
}

export class V2Api extends Adapter implements LinqApi, BoundLinq {
  readonly dialect = 'v2';
  readonly capabilities = V2_CAPABILITIES;

  protected bind(binding: Binding): V2Api {
    return new V2Api(this.http, binding);
  }

  listPhoneNumbers(opts?: RequestOptions): Promise<PhoneNumber[]> {
    return this.run('read', opts, async (o) => {
      const res = await this.http.send(
        { method: 'GET', route: path`/phone_numbers`, retry: 'idempotent' },
        o,
      );
      const b = c.obj<{ phone_numbers?: S['PhoneNumber'][] }>(res.body, 'response');
      return c.arr(b.phone_numbers, 'phone_numbers').map(mapPhoneNumber);
    });
  }

  listChats(args: ListChatsArgs, opts?: RequestOptions): Promise<Page<Chat>> {
    return this.run('read', opts, async (o) => {
      if (typeof args.phoneNumber !== 'string' || args.phoneNumber.trim() === '') {
        throw badInput('phoneNumber', 'is required');
      }
      const fetch: FetchOffsetPage<Chat> = async (page, perPage) => {
        const query = { phone_number: args.phoneNumber, page, per_page: perPage };
        const res = await this.http.send(
          { method: 'GET', route: path`/chats`, query, retry: 'idempotent' },
          o,
        );
        return listBody(res.body, mapChat);
      };
      return pageByOffset(fetch, args);
    });
  }

  getChat(chatId: string, opts?: RequestOptions): Promise<Chat> {
    return this.run('read', opts, async (o) => {
      const route = path`/chats/${checkV2Id(chatId, 'chatId')}`;
      const res = await this.http.send({ method: 'GET', route, retry: 'idempotent' }, o);
      return mapChat(data(res.body));
    });
  }

  listMessages(args: ListMessagesArgs, opts?: RequestOptions): Promise<Page<Message>> {
    return this.readOnce(args, () => this.run('read', opts, (o) => this.pageOfMessages(args, o)));
  }

  private async pageOfMessages(args: ListMessagesArgs, o: SendOptions): Promise<Page<Message>> {
    const chatId = checkV2Id(args.chatId, 'chatId');
    if (args.order !== undefined && args.order !== 'ASC' && args.order !== 'DESC') {
      throw badInput('order', 'must be ASC or DESC');
    }
    for (const field of ['sentAfter', 'sentBefore'] as const) {
      const v = args[field];
      if (v !== undefined && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) {
        throw badInput(field, 'must be an ISO 8601 date-time');
      }
    }
    const route = path`/chats/${chatId}/chat_messages`;
    const fetch: FetchOffsetPage<Message> = async (page, perPage) => {
      const query = {
        page,
        per_page: perPage,
        sort: args.order?.toLowerCase(),
        after: args.sentAfter,
        before: args.sentBefore,
      };
      const res = await this.http.send({ method: 'GET', route, query, retry: 'idempotent' }, o);
      return listBody(res.body, (m) => mapMessage(m, chatId));
    };
    return pageByOffset(fetch, args);
  }

  getMessage(ref: MessageAddress, opts?: RequestOptions): Promise<Message> {
    return this.run('read', opts, async (o) => this.readMessage(messageRef(ref), o));
  }

  private async readMessage(ref: { id: string; chatId: string }, o: SendOptions): Promise<Message> {
    const route = path`/chats/${ref.chatId}/chat_messages/${ref.id}`;
    const res = await this.http.send({ method: 'GET', route, retry: 'idempotent' }, o);
    return mapMessage(data(res.body), ref.chatId);
  }

  sendMessage(input: SendMessageInput, opts?: RequestOptions): Promise<SendMessageResult> {
    return this.run(sendKind(input), opts, async (o) => {
      const send = checkSend(input);
      const chatId = checkV2Id(send.chatId, 'chatId');
      const release = guardSources(send.files);
      let failed = true;
      try {
        if (input.replyTo) throw new UnsupportedByDialectError('Replies need the v3 dialect');
        if (input.effect)
          throw new UnsupportedByDialectError('Message effects need the v3 dialect');
        if (!send.text?.trim()) throw badInput('text', 'the v2 API requires message text');
        const fields: FormField[] = [
          { name: 'message[text]', value: send.text ?? '' },
          { name: 'message[idempotency_key]', value: send.idempotencyKey },
          ...send.urls.map((value) => ({ name: 'message[attachment_urls][]', value })),
          ...send.files.map((file) => ({ name: 'message[attachments][]', file })),
        ];
        const body = multipartBody(fields);
        // With the key, a replay returns the first message (200): safe to retry unless the
        // body is a stream, which cannot be replayed.
        const retry = body.streaming ? 'none' : 'idempotent';
        const route = path`/chats/${chatId}/chat_messages`;
        const res = await this.http.send({ method: 'POST', route, body, retry }, o);
        const message = mapMessage(data(res.body), chatId);
        failed = false;
        return { message, replayed: res.status === 200, idempotencyKey: send.idempotencyKey };
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
      const { id, chatId } = messageRef(ref);
      if (typeof input?.text !== 'string' || input.text.length === 0) {
        throw badInput('text', 'is required');
      }
      if (input.partIndex)
        throw new UnsupportedByDialectError('Editing a part needs the v3 dialect');
      const route = path`/chats/${chatId}/chat_messages/${id}/edit`;
      // Setting the same text twice has the same effect: retried like a PATCH.
      await this.http.send(
        {
          method: 'POST',
          route,
          json: { text: input.text } satisfies EditBody,
          retry: 'idempotent',
        },
        o,
      );
      // The edit response is `{message, data:{id,text}}`; read the whole message back.
      return this.readMessage({ id, chatId }, o);
    });
  }

  deleteMessage(ref: MessageAddress, opts?: RequestOptions): Promise<void> {
    return this.run('write', opts, async (o) => {
      const { id, chatId } = messageRef(ref);
      const route = path`/chats/${chatId}/chat_messages/${id}`;
      await this.http.send({ method: 'DELETE', route, retry: 'idempotent' }, o);
    });
  }

  react(ref: MessageAddress, input: ReactInput, opts?: RequestOptions): Promise<ReactResult> {
    return this.run('write', opts, async (o) => {
      checkRef(ref);
      const id = checkV2Id(ref.id, 'id');
      const wire = TAPBACKS[input?.type];
      if (!wire || input.customEmoji) {
        throw new UnsupportedByDialectError('Custom and sticker reactions need the v3 dialect');
      }
      if (input.partIndex)
        throw new UnsupportedByDialectError('Part reactions need the v3 dialect');
      if (input.operation !== 'ADD' && input.operation !== 'REMOVE') {
        throw badInput('operation', 'must be ADD or REMOVE');
      }
      const json: ReactBody = {
        type: wire,
        operation: input.operation === 'ADD' ? 'add' : 'remove',
      };
      const route = path`/chat_messages/${id}/reactions`;
      // No idempotency for reactions: only a refused connection is retried.
      const res = await this.http.send({ method: 'POST', route, json, retry: 'connect-only' }, o);
      const raw = data(res.body);
      const chatId = ref.chatId ? String(ref.chatId) : null;
      return {
        reaction: raw === undefined || raw === null ? null : mapReaction(raw, chatId, id),
        traceId: res.traceId,
      };
    });
  }
}
