/**
 * Apollo Federation v2 entities of this subgraph.
 *
 * Chat, Message and Reaction are entities keyed on their Relay global `id`: the router sends
 * `_entities(representations: [{ __typename, id }])` and each reference is resolved through the
 * same per-request DataLoaders as `node(id:)`, so one `_entities` call for N references costs at
 * most one upstream read per distinct object (and nothing for objects this request already
 * loaded). A bad id fails only its own entry with INVALID_ID, as it does in `nodes`.
 *
 * Handle is keyed on `address` (phone number in E.164 or email address), not on an id: Linq has
 * no read for a handle, and its upstream id names one chat membership (v3 gives the same person
 * a different id in every chat), which is nothing another subgraph could know or join on. The
 * address is the participant's identity across chats – what a CRM or contacts subgraph keys its
 * people by. A Handle resolved from a bare reference knows its address (and `isMe`); the
 * membership fields (service, status, joinedAt, leftAt) need a chat and are null there.
 */
import { builder } from '../schema/builder.js';
import { ChatRef } from '../schema/types/chat.js';
import { decodeNodeId, type NodeTypeName } from '../schema/relay/global-id.js';
import { HandleRef, type HandleSource } from '../schema/types/handle.js';
import { MessageRef } from '../schema/types/message.js';
import { ReactionRef } from '../schema/types/reaction.js';
import type { GatewayContext } from '../context.js';

const idKey = builder.selection<{ id: string }>('id');

/**
 * The loader key of a global id of `typename` (INVALID_ID when it is not one). Async on purpose:
 * @apollo/subgraph maps the representations synchronously, so a synchronous throw would fail
 * the whole `_entities` list instead of one entry.
 */
const keyOf = async (ctx: GatewayContext, typename: NodeTypeName, id: string) =>
  decodeNodeId(ctx.dialect, id, typename).id;

builder.asEntity(ChatRef, {
  key: idKey,
  resolveReference: async ({ id }, ctx) =>
    ChatRef.getDataloader(ctx).load(await keyOf(ctx, 'Chat', id)),
});

builder.asEntity(MessageRef, {
  key: idKey,
  resolveReference: async ({ id }, ctx) =>
    MessageRef.getDataloader(ctx).load(await keyOf(ctx, 'Message', id)),
});

builder.asEntity(ReactionRef, {
  key: idKey,
  resolveReference: async ({ id }, ctx) =>
    ReactionRef.getDataloader(ctx).load(await keyOf(ctx, 'Reaction', id)),
});

builder.asEntity(HandleRef, {
  key: builder.selection<{ address: string }>('address'),
  resolveReference: ({ address }): HandleSource => ({
    handle: null,
    address,
    chatId: null,
    handleId: null,
  }),
});
