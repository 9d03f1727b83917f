/**
 * What every chat subscription shares:
 *
 * - At start, the chat id (a global id) is decoded and the chat is read with the subscriber's
 *   own token through its loaders: a chat it cannot read fails the subscription with the read's
 *   error (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED) before anything is delivered.
 * - Per event, the request's loaders are replaced (`freshLoaders`), so objects are read again
 *   with the subscriber's token: an edit is seen, a message deleted meanwhile is NOT_FOUND and
 *   the event is skipped. Any other failure is delivered as that event's error (the
 *   subscription goes on).
 */
import { initContextCache } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { unauthenticated } from '../../auth/errors.js';
import type { GatewayContext } from '../../context.js';
import { NotFoundError } from '../../upstream/errors.js';
import { chatEventStream, SKIP } from '../../realtime/event-stream.js';
import type { ChatEventOf, ChatEventType } from '../../realtime/webhooks/index.js';
import { ChatRef } from '../types/chat.js';
import { decodeNodeId } from '../relay/global-id.js';

/** An event whose objects could not be read; `resolve` rethrows it. */
export class FailedEvent {
  constructor(readonly error: unknown) {}
}

export type Delivery<P> = P | FailedEvent;

/** The payload of a delivery, or its error (then that one event carries the error). */
export function payloadOf<P>(delivery: Delivery<P>): P {
  if (delivery instanceof FailedEvent) throw delivery.error;
  return delivery;
}

/**
 * Forgets every object this context read (the Pothos loaders all hang off the context's cache
 * key: a new one from `initContextCache` starts them afresh; and the binding's memos), and gives
 * the event a fresh upstream budget: each event is its own unit of work.
 */
export function freshLoaders(ctx: GatewayContext): void {
  Object.assign(ctx, initContextCache());
  ctx.linq.forgetReads();
  ctx.upstreamBudget.reset();
}

const isNotFound = (error: unknown) =>
  error instanceof NotFoundError ||
  (error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND');

export const CHAT_ID_ARG = {
  required: true,
  description: 'The Chat (its id, as in `chat(id:)`).',
} as const;

/**
 * Checks the subscriber can read the chat, then streams its events of `types` through `build`
 * (called with fresh loaders). `build` may return SKIP; a NOT_FOUND from it skips the event too.
 */
export async function subscribeToChat<T extends ChatEventType, P>(
  ctx: GatewayContext,
  chatGlobalId: string,
  types: readonly T[],
  build: (event: ChatEventOf<T>, chatId: string) => Promise<P | typeof SKIP>,
): Promise<AsyncIterable<Delivery<P>>> {
  const { bus } = ctx;
  if (!bus) {
    throw createGraphQLError('Subscriptions are not enabled on this server', {
      extensions: { code: 'SUBSCRIPTIONS_DISABLED' },
    });
  }
  const chatId = decodeNodeId(ctx.dialect, chatGlobalId, 'Chat').id;
  await ChatRef.getDataloader(ctx).load(chatId);
  return chatEventStream({
    bus,
    dialect: ctx.dialect,
    chatId,
    types,
    map: async (event): Promise<Delivery<P> | typeof SKIP> => {
      // The scope is held by the context's binding for every read below; a credential that
      // expired since the subscription started ends it.
      const { expiresAt } = ctx.caller;
      if (expiresAt !== null && Date.now() >= expiresAt) {
        throw unauthenticated('The token has expired', 'EXPIRED');
      }
      freshLoaders(ctx);
      try {
        if (!ctx.tracing) return await build(event, chatId);
        return await ctx.tracing.subscriptionEvent(event, (traceparent) => {
          ctx.setTraceparent(traceparent);
          return build(event, chatId);
        });
      } catch (error) {
        if (isNotFound(error)) {
          ctx.logger?.debug(
            { requestId: ctx.requestId, eventId: event.eventId },
            'subscription event skipped: not found',
          );
          return SKIP;
        }
        return new FailedEvent(error);
      }
    },
  });
}

export { SKIP };
