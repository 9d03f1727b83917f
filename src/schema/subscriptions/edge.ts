/**
 * The cursor of a message that just arrived (messageAdded) or was just sent (sendMessage's
 * messageEdge), valid in its chat's unfiltered `messages` connection (the same list:
 * messages-list.ts). Like every cursor it names the message itself, so paging after it is right
 * however many messages arrived since. One list call at the newest end (v3 lists newest first,
 * v2 oldest first), made only when a client selects `cursor`, finds where the message is; when
 * more than CURSOR_WINDOW messages arrived after it, the cursor names it with the window's edge
 * as a hint, and paging from it seeks it from there.
 */
import type { GatewayContext } from '../../context.js';
import type { Message } from '../../upstream/model.js';
import { positionNear } from '../../upstream/pagination/index.js';
import { encodeCursor, resolveUpstreamConnection } from '../relay/connection.js';
import { notFoundError } from '../errors.js';
import { messagesList } from '../types/messages-list.js';

export const CURSOR_WINDOW = 20;

export async function arrivalCursor(ctx: GatewayContext, message: Message): Promise<string> {
  const list = messagesList(ctx, message.chatId, {});
  const args = ctx.dialect === 'v3' ? { first: CURSOR_WINDOW } : { last: CURSOR_WINDOW };
  const page = await resolveUpstreamConnection(ctx, args, list);
  const edges = page.edges;
  const edge = edges.find((e) => e.node.id === message.id);
  if (edge) return edge.cursor;
  // Older than the window: v3's window ends with its oldest message, v2's starts with it.
  const near = ctx.dialect === 'v3' ? edges.at(-1) : edges[0];
  if (!near) throw notFoundError('The message is no longer in its chat');
  return encodeCursor(list.scope, positionNear(near.position, message.id));
}
