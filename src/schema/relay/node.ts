/**
 * Query.node and Query.nodes, resolved through the per-request loaders of each node type, so
 * ids already loaded (or listed) in this request cost nothing and duplicates are read once.
 * A bad id in `nodes` fails only its own entry (null + an error with its path).
 */
import { brandWithType } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import { builder } from '../builder.js';
import { ChatRef } from '../types/chat.js';
import { userInputError } from '../errors.js';
import { decodeNodeId } from './global-id.js';
import { MessageRef } from '../types/message.js';
import { ReactionRef } from '../types/reaction.js';

export const MAX_NODES = 100;

async function loadNode(ctx: GatewayContext, globalId: string): Promise<object> {
  const { typename, id } = decodeNodeId(ctx.dialect, globalId);
  const ref = typename === 'Chat' ? ChatRef : typename === 'Message' ? MessageRef : ReactionRef;
  const node: object = await ref.getDataloader(ctx).load(id);
  brandWithType(node, ref);
  return node;
}

const NodeInterface = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeInterface,
    nullable: true,
    description: 'Any object by its global id.',
    args: { id: t.arg.id({ required: true, description: 'A global id.' }) },
    resolve: (_root, args, ctx) => loadNode(ctx, String(args.id)),
  }),
  nodes: t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description: `Objects by their global ids (at most ${MAX_NODES}), in the order asked.`,
    args: { ids: t.arg.idList({ required: true, description: 'Global ids.' }) },
    resolve: (_root, args, ctx) => {
      if (args.ids.length > MAX_NODES) {
        const got = args.ids.length;
        throw userInputError('ids', `ids can hold at most ${MAX_NODES} ids; got ${got}`);
      }
      return args.ids.map((id) => loadNode(ctx, String(id)));
    },
  }),
}));
