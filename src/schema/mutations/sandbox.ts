/**
 * Sandbox-only mutations: make the other side of a chat act, so a subscription can be tried from
 * GraphiQL alone. They exist only in the schema of a gateway running on the embedded sandbox
 * (createGatewayYoga's `sandbox` option); with a real Linq the schema (and schema.graphql) has
 * no trace of them.
 *
 * The schema is extended with graphql-js (resolvers of the existing types are kept), not
 * through the Pothos builder, which builds the one public schema.
 */
import {
  extendSchema,
  GraphQLError,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { SandboxControls } from '../../sandbox/index.js';
import { decodeNodeId } from '../relay/global-id.js';

const EXTENSION = parse(`
"""What sandboxSimulateInbound made happen (sandbox only)."""
type SandboxSimulateInboundPayload {
  """The message the chat's participant sent."""
  message: Message!
}

extend type Mutation {
  """
  Sandbox only (absent with a real Linq): a participant of the chat sends a message, as if from
  their phone. Subscribers of the chat get messageAdded.
  """
  sandboxSimulateInbound(
    """A Chat id."""
    chatId: ID!
    """The text; default: a greeting."""
    text: String
    """The participant's address; default: the first other active participant."""
    from: String
  ): SandboxSimulateInboundPayload!

  """
  Sandbox only (absent with a real Linq): a participant of the chat starts (or stops) typing.
  Subscribers of the chat get typing. Returns true.
  """
  sandboxSimulateTyping(
    """A Chat id."""
    chatId: ID!
    """false: stopped typing."""
    isTyping: Boolean = true
    """The participant's address; default: the first other active participant."""
    from: String
  ): Boolean!
}
`);

export const SANDBOX_MUTATIONS = ['sandboxSimulateInbound', 'sandboxSimulateTyping'] as const;

interface SimulateArgs {
  chatId: unknown;
  text?: string | null;
  from?: string | null;
  isTyping?: boolean | null;
}

const badInput = (error: unknown) =>
  new GraphQLError(error instanceof Error ? error.message : 'The sandbox refused the simulation', {
    extensions: { code: 'BAD_USER_INPUT' },
  });

/** The chat the caller names, read with the caller's token (another account's chat: NOT_FOUND). */
async function readableChat(ctx: GatewayContext, chatId: unknown): Promise<string> {
  const { id } = decodeNodeId(ctx.dialect, chatId, 'Chat');
  const chat = await ctx.linq.getChat(id);
  return chat.id;
}

const upstreamChatId = (ctx: GatewayContext, id: string): string | number =>
  ctx.dialect === 'v2' ? Number(id) : id;

export function withSandboxMutations(
  schema: GraphQLSchema,
  controls: SandboxControls,
): GraphQLSchema {
  const extended = extendSchema(schema, EXTENSION);
  const fields = extended.getMutationType()!.getFields();

  const inbound: GraphQLFieldResolver<unknown, GatewayContext, SimulateArgs> = async (
    _root,
    args,
    ctx,
  ) => {
    const chatId = await readableChat(ctx, args.chatId);
    let sent: { v2Id: number; uuid: string };
    try {
      sent = controls.simulateInbound({
        chatId: upstreamChatId(ctx, chatId),
        text: args.text ?? 'Hello from the sandbox 👋',
        ...(args.from ? { from: args.from } : {}),
      });
    } catch (error) {
      throw badInput(error);
    }
    const id = ctx.dialect === 'v2' ? String(sent.v2Id) : sent.uuid;
    return { message: await ctx.linq.getMessage({ chatId, id }) };
  };

  const typing: GraphQLFieldResolver<unknown, GatewayContext, SimulateArgs> = async (
    _root,
    args,
    ctx,
  ) => {
    const chatId = await readableChat(ctx, args.chatId);
    try {
      controls.simulateTyping({
        chatId: upstreamChatId(ctx, chatId),
        typing: args.isTyping !== false,
        ...(args.from ? { from: args.from } : {}),
      });
    } catch (error) {
      throw badInput(error);
    }
    return true;
  };

  fields.sandboxSimulateInbound!.resolve = inbound;
  fields.sandboxSimulateTyping!.resolve = typing;
  return extended;
}
