/**
 * Handle: one participant of a chat (a phone number or an email address).
 *
 * Handle is deliberately NOT a Node: Linq has no endpoint that reads a handle, and a handle id
 * names one chat membership (in v3 the same phone has a different id in every chat), not a
 * person. `address` identifies the participant; reach the chat through the message or chat the
 * handle was read from.
 *
 * v2 gives less than v3: a v2 message names its sender only by handle id and address, and v2
 * reactions only by address. Such handles are completed from the chat's participant list on
 * demand (one chat read, shared with `Message.chat`); `address` never costs a call.
 */
import type { GatewayContext } from '../../context.js';
import type { Handle } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { ChatRef } from './chat.js';
import { HandleStatusEnum, ServiceEnum } from './enums.js';
import { isOwnAddress } from './own-numbers.js';

export interface HandleSource {
  /** The full handle when the upstream gave one (v3, and v2 chat participant lists). */
  handle: Handle | null;
  address: string;
  /** Where to complete a partial handle from. */
  chatId: string | null;
  handleId: string | null;
}

export const fromHandle = (handle: Handle): HandleSource => ({
  handle,
  address: handle.address,
  chatId: null,
  handleId: handle.id,
});

/** The full handle, reading the chat's participants when only an id/address is known. */
async function complete(src: HandleSource, ctx: GatewayContext): Promise<Handle | null> {
  if (src.handle) return src.handle;
  if (!src.chatId) return null;
  const chat = await ChatRef.getDataloader(ctx).load(src.chatId);
  return (
    chat.handles.find((h) => src.handleId !== null && h.id === src.handleId) ??
    chat.handles.find((h) => h.address === src.address) ??
    null
  );
}

export const HandleRef = builder.objectRef<HandleSource>('Handle');

HandleRef.implement({
  description:
    'A participant of a chat: a phone number or email address on a service. Not a Node: ' +
    'Linq cannot read a handle on its own, and its upstream id only names one chat membership.',
  fields: (t) => ({
    address: t.exposeString('address', {
      description: 'Phone number (E.164) or email address.',
    }),
    service: t.field({
      type: ServiceEnum,
      nullable: true,
      description: 'The service this participant uses in the chat.',
      resolve: async (src, _args, ctx) => (await complete(src, ctx))?.service ?? null,
    }),
    isMe: t.boolean({
      nullable: true,
      description:
        'True when this is one of the account’s own numbers. v3 reports it; on v2 it is ' +
        'computed from the account’s phone numbers (read once per request).',
      resolve: async (src, _args, ctx) => {
        if (src.handle?.isMe != null) return src.handle.isMe;
        // v3 sends is_me only where it is true; v2 never sends it.
        return ctx.dialect === 'v3' ? false : await isOwnAddress(ctx, src.address);
      },
    }),
    status: t.field({
      type: HandleStatusEnum,
      nullable: true,
      description: 'Membership status (v3 only; null on v2).',
      resolve: async (src, _args, ctx) => (await complete(src, ctx))?.status ?? null,
    }),
    joinedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the participant joined the chat.',
      resolve: async (src, _args, ctx) => (await complete(src, ctx))?.joinedAt ?? null,
    }),
    leftAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the participant left (v3 only).',
      resolve: async (src, _args, ctx) => (await complete(src, ctx))?.leftAt ?? null,
    }),
  }),
});
