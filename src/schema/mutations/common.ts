/**
 * Shared pieces of the mutations: Relay's clientMutationId, turning input ids into upstream
 * refs (a bad id is a ValidationError naming the input field), and the error boundary that
 * leaves typed errors to the errors plugin.
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../context.js';
import { MUTATION_ERROR_TYPES, fieldError, toMutationError } from '../mutation-errors.js';
import { decodeNodeId, type NodeTypeName } from '../relay/global-id.js';
import { parseMessageKey } from '../loading/keys.js';
import { isPartIndex, MAX_PART_INDEX } from '../../upstream/model.js';

export interface MutationPayload {
  clientMutationId: string | null;
}

/** Options of every mutation field: its result is `<Name>Result = <Name>Payload | errors`. */
export function resultOptions(name: string) {
  return {
    types: MUTATION_ERROR_TYPES,
    directResult: true as const,
    union: {
      name: `${name}Result`,
      description: `The ${name}Payload, or why it failed (every other member is an Error).`,
    },
  };
}

export const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload (Relay).';

/** Runs a mutation; failures become typed errors where they can (mutation-errors.ts). */
export async function mutate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toMutationError(error);
  }
}

function decode(ctx: GatewayContext, globalId: string, type: NodeTypeName, field: string) {
  try {
    return decodeNodeId(ctx.dialect, globalId, type).id;
  } catch (error) {
    if (error instanceof GraphQLError) throw fieldError(field, error.message);
    throw error;
  }
}

export const chatIdOf = (ctx: GatewayContext, globalId: string, field: string): string =>
  decode(ctx, globalId, 'Chat', field);

export interface MessageTarget {
  chatId: string;
  id: string;
  /** The Message loader key. */
  key: string;
}

export function messageOf(ctx: GatewayContext, globalId: string, field: string): MessageTarget {
  const key = decode(ctx, globalId, 'Message', field);
  const ref = parseMessageKey(ctx.dialect, key);
  if (!ref) throw fieldError(field, 'is not a message id');
  return { ...ref, key };
}

export function partIndexOf(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!isPartIndex(value)) {
    throw fieldError(field, `must be a part index between 0 and ${MAX_PART_INDEX}`);
  }
  return value;
}
