/**
 * The cursor of a message that just arrived, valid in its chat's unfiltered `messages`
 * connection (same scope as chat-messages.ts): one list call at the newest end (v3 lists newest
 * first, v2 oldest first), made only when a client selects `cursor`. When more than
 * CURSOR_WINDOW messages arrived after it, the cursor is that of the oldest message of that
 * window (a neighbour: paging from it may repeat or skip a few messages).
 */
import type { GatewayContext } from '../../context.js';
import type { Message } from '../../upstream/model.js';
import { resolveUpstreamConnection } from '../connection.js';
import { notFoundError } from '../errors.js';

export const CURSOR_WINDOW = 20;

export async function arrivalCursor(ctx: GatewayContext, message: Message): Promise<string> {
  const scope = `messages:${message.chatId}:${JSON.stringify({})}`;
  const args = ctx.dialect === 'v3' ? { first: CURSOR_WINDOW } : { last: CURSOR_WINDOW };
  const page = await resolveUpstreamConnection(ctx, args, {
    scope,
    fetch: (query) => ctx.linq.listMessages({ chatId: message.chatId, ...query }),
  });
  const edges = page.edges;
  const edge =
    edges.find((e) => e.node.id === message.id) ??
    (ctx.dialect === 'v3' ? edges.at(-1) : edges[0]);
  if (!edge) throw notFoundError('The message is no longer in its chat');
  return edge.cursor;
}
