/**
 * Yoga plugin: once an operation's result is built, the request's loaders and page memo let go
 * of what they read, so nothing of it outlives the request.
 *
 * Pothos keeps each DataLoader in a long-lived WeakMap keyed by the context, and V8's
 * young-generation GC treats WeakMap values as live whatever their key: every loaded Chat,
 * Message and Reaction (and, through the loader's batch function, the whole context) used to be
 * copied and promoted by the next scavenges, and freed only by a full GC – the scavenge pauses
 * of the latency tail (bench/results/optimisations.md). Here the loaders' caches are emptied,
 * their entries removed, the context's page memo dropped and the context emptied (nothing reads
 * it once the result is built). Subscriptions (async results) keep theirs: they read again for
 * every event (context.linq.forgetReads).
 */
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { ChatRef } from '../schema/types/chat.js';
import { MessageRef } from '../schema/types/message.js';
import { ReactionRef } from '../schema/types/reaction.js';

type ContextCache = { delete?: (context: object) => void };

const LOADABLE = [ChatRef, MessageRef, ReactionRef];

export function releaseRequest(context: GatewayContext): void {
  clearAllDataLoaders(context);
  for (const ref of LOADABLE) (ref.getDataloader as ContextCache).delete?.(context);
  context.linq.forgetReads();
  // Pothos' own registry of a context's loaders cannot be reached from here, and their batch
  // functions hold the context: emptied, it holds nothing of the request (request, params,
  // caller binding) either.
  // Deleted, not set to undefined: that saves ≈ 1 µs, but then twice as many bytes per s1
  // request were promoted by the scavenges (bench/gc-trace.ts: 0.9 → 1.7 KB; round 7).
  const fields = context as unknown as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(fields)) delete fields[key];
}

export function useRequestRelease(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in Object(result)) return;
          releaseRequest(args.contextValue as unknown as GatewayContext);
        },
      };
    },
  };
}
