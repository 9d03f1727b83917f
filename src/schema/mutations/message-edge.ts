/**
 * The `MessageEdge` type, which Chat.messages defines (message-connection.ts), as something a
 * mutation payload can return. Pothos resolves a type by its name at build time, so the name
 * is enough; the cast gives it the edge's shape. The cursor is lazy (a getter), so the list
 * call behind it is made only when a client selects it.
 */
import type { ObjectRef } from '@pothos/core';
import type { Message } from '../../upstream/model.js';
import type { builder } from '../builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export interface MessageEdgeShape {
  node: Message;
  readonly cursor: Promise<string>;
}

export const MessageEdgeRef = 'MessageEdge' as unknown as ObjectRef<Types, MessageEdgeShape>;

/** A class, not a literal with a getter (see PageInfo in relay/connection.ts). */
class LazyEdge implements MessageEdgeShape {
  #value: Promise<string> | null = null;
  constructor(
    readonly node: Message,
    readonly make: () => Promise<string>,
  ) {}

  get cursor(): Promise<string> {
    return (this.#value ??= this.make());
  }
}

export function lazyEdge(node: Message, cursor: () => Promise<string>): MessageEdgeShape {
  return new LazyEdge(node, cursor);
}
