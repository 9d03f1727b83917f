/**
 * The list behind Chat.messages, shared by its resolver and by Query.chat's lookahead, which
 * starts the read while the chat itself loads.
 */
import {
  getArgumentValues,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type ValueNode,
} from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { MessageListFilter, PageQuery } from '../../upstream/model.js';
import { toPageQuery, type ConnectionArgs } from '../relay/connection.js';
import { isoString } from './scalars.js';
import { selectedFields } from '../loading/selection.js';

export interface MessagesArgs extends ConnectionArgs {
  order?: MessageListFilter['order'] | null;
  sentAfter?: Date | null;
  sentBefore?: Date | null;
}

/** The list behind Chat.messages(args): its cursor scope and its upstream read. */
export function messagesList(ctx: GatewayContext, chatId: string, args: MessagesArgs) {
  const filter: MessageListFilter = {};
  if (args.order) filter.order = args.order;
  const after = isoString(args.sentAfter);
  const before = isoString(args.sentBefore);
  if (after) filter.sentAfter = after;
  if (before) filter.sentBefore = before;
  return {
    scope: `messages:${chatId}:${JSON.stringify(filter)}`,
    fetch: (query: PageQuery) => ctx.linq.listMessages({ chatId, ...query, ...filter }),
  };
}

/**
 * The arguments of a `messages` field node. Those written without variables are the same for
 * every request of the document: coerced once and kept with the node (documents are parsed
 * once and cached, so the key is long-lived).
 */
const constantArgs = new WeakMap<FieldNode, Readonly<MessagesArgs>>();

function argumentsOf(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  info: GraphQLResolveInfo,
): Readonly<MessagesArgs> {
  const known = constantArgs.get(node);
  if (known) return known;
  const args = getArgumentValues(definition, node, info.variableValues) as MessagesArgs;
  if (!(node.arguments ?? []).some((a) => hasVariable(a.value))) {
    constantArgs.set(node, Object.freeze(args));
  }
  return args;
}

function hasVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(hasVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => hasVariable(f.value));
  return false;
}

/**
 * Starts the reads of `chat { messages(...) }` while the chat itself loads, as a hand-written
 * service would run both calls at once: each `messages` field selected under `chat` (through
 * fragments, with its arguments; @skip/@include honoured) is fetched into the request's page
 * memo, where the field's own resolver finds it. Invalid arguments start nothing: the
 * resolver reports them. A failed prefetch (e.g. the chat does not exist) is left to the
 * resolver to meet again, and is never an unhandled rejection.
 *
 * Returns the reads it started, and whether `messages` (with `id`/`__typename`) is all that is
 * selected under the chat: then those reads alone can tell whether the chat exists.
 */
export function prefetchMessages(
  ctx: GatewayContext,
  chatId: string,
  info: GraphQLResolveInfo,
): { reads: Promise<unknown>[]; onlyMessages: boolean } {
  const reads: Promise<unknown>[] = [];
  const chatType = info.schema.getType('Chat');
  if (!isObjectType(chatType)) return { reads, onlyMessages: false };
  const definition = chatType.getFields()['messages'];
  if (!definition) return { reads, onlyMessages: false };
  let onlyMessages = true;
  for (const node of selectedFields(info, chatType)) {
    const name = node.name.value;
    if (name !== 'messages') {
      if (name !== 'id' && name !== '__typename') onlyMessages = false;
      continue;
    }
    try {
      const args = argumentsOf(definition, node, info);
      const list = messagesList(ctx, chatId, args);
      const read = list.fetch(toPageQuery(ctx, args, list.scope));
      read.catch(() => {});
      reads.push(read);
    } catch {
      // The resolver raises the same error where it belongs.
      onlyMessages = false;
    }
  }
  return { reads, onlyMessages: onlyMessages && reads.length > 0 };
}
