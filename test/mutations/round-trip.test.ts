/**
 * Every mutation over real HTTP against the sandbox, in both dialects: what it returns, and
 * what a later read (node(id:)) and the sandbox store show.
 */
import { describe, expect, it } from 'vitest';
import { dataOf } from '../helpers/graphql.js';
import {
  AddReaction,
  DeleteMessage,
  EditMessage,
  MessageNode,
  MessagesAfter,
  RemoveReaction,
  SendMessage,
} from './documents.js';
import { useMutationRig } from './rig.js';

describe.each(['v2', 'v3'] as const)('%s mutations round-trip', (dialect) => {
  const rig = useMutationRig(dialect);

  async function send(text: string) {
    const res = dataOf(
      await rig.gql(SendMessage, { input: { chatId: rig.chatId(), text, clientMutationId: 'c1' } }),
    ).sendMessage;
    if (res.__typename !== 'SendMessagePayload') throw new Error(JSON.stringify(res));
    return res;
  }

  it('sends a message and reads it back through node(id:)', async () => {
    const before = rig.messageCount();
    const sent = await send('hello through GraphQL');
    expect(sent).toMatchObject({
      clientMutationId: 'c1',
      replayed: false,
      sentMessage: { text: 'hello through GraphQL', isFromMe: true, chat: { id: rig.chatId() } },
    });
    expect(sent.idempotencyKey).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(sent.messageEdge.node.id).toBe(sent.sentMessage.id);
    expect(rig.messageCount()).toBe(before + 1);

    const read = dataOf(await rig.gql(MessageNode, { id: sent.sentMessage.id })).node;
    expect(read).toMatchObject({ __typename: 'Message', text: 'hello through GraphQL' });
  });

  it('gives an edge whose cursor pages on from the new message in Chat.messages', async () => {
    const sent = await send('edge me');
    const page = dataOf(
      await rig.gql(MessagesAfter, { chatId: rig.chatId(), after: sent.messageEdge.cursor }),
    ).node;
    const ids = page && 'messages' in page ? page.messages?.edges.map((e) => e.node.id) : null;
    expect(ids).toBeDefined();
    // The cursor names the new message's place: paging on never returns the message itself.
    expect(ids).not.toContain(sent.sentMessage.id);
  });

  it('edits our message: the new text is returned and stored', async () => {
    const sent = await send('typo');
    const res = dataOf(
      await rig.gql(EditMessage, { input: { messageId: sent.sentMessage.id, text: 'fixed' } }),
    ).editMessage;
    expect(res).toMatchObject({
      __typename: 'EditMessagePayload',
      updatedMessage: { id: sent.sentMessage.id, text: 'fixed' },
    });
    // One meaning on both dialects: the edit's time (v3 reports it only as updated_at).
    const editedAt = res.__typename === 'EditMessagePayload' ? res.updatedMessage.editedAt : null;
    expect(Date.parse(String(editedAt))).toBeGreaterThan(Date.now() - 60_000);
    const read = dataOf(await rig.gql(MessageNode, { id: sent.sentMessage.id })).node;
    expect(read).toMatchObject({ text: 'fixed' });
  });

  it('deletes our message: the payload names it and it is gone', async () => {
    const sent = await send('short-lived');
    const before = rig.messageCount();
    const res = dataOf(
      await rig.gql(DeleteMessage, {
        input: { messageId: sent.sentMessage.id, clientMutationId: 'del' },
      }),
    ).deleteMessage;
    expect(res).toEqual({
      __typename: 'DeleteMessagePayload',
      clientMutationId: 'del',
      deletedMessageId: sent.sentMessage.id,
      chat: { id: rig.chatId() },
    });
    expect(rig.messageCount()).toBe(before - 1);
    const read = await rig.gql(MessageNode, { id: sent.sentMessage.id });
    expect(read.data?.node).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('adds and removes a reaction: it appears on the message, then disappears', async () => {
    const sent = await send('react to me');
    const id = sent.sentMessage.id;
    const added = dataOf(
      await rig.gql(AddReaction, { input: { messageId: id, type: 'LOVE', clientMutationId: 'r' } }),
    ).addReaction;
    if (added.__typename !== 'AddReactionPayload') throw new Error(JSON.stringify(added));
    expect(added.clientMutationId).toBe('r');
    expect(added.reaction).toMatchObject({ type: 'LOVE', isFromMe: true });
    expect(added.updatedMessage.reactions).toContainEqual(
      expect.objectContaining({ type: 'LOVE', isFromMe: true }),
    );
    const withIt = dataOf(await rig.gql(MessageNode, { id })).node;
    expect(withIt && 'reactions' in withIt ? withIt.reactions : []).toHaveLength(1);

    const removed = dataOf(
      await rig.gql(RemoveReaction, { input: { messageId: id, type: 'LOVE' } }),
    ).removeReaction;
    expect(removed).toMatchObject({
      __typename: 'RemoveReactionPayload',
      updatedMessage: { id, reactions: [] },
    });
    const without = dataOf(await rig.gql(MessageNode, { id })).node;
    expect(without && 'reactions' in without ? without.reactions : null).toEqual([]);
  });
});

describe('v3-only reaction details', () => {
  const rig = useMutationRig('v3');

  it('adds a custom emoji on a part and finds the reaction v3 does not return', async () => {
    const sent = dataOf(
      await rig.gql(SendMessage, { input: { chatId: rig.chatId(), text: 'emoji' } }),
    ).sendMessage;
    if (sent.__typename !== 'SendMessagePayload') throw new Error(JSON.stringify(sent));
    const added = dataOf(
      await rig.gql(AddReaction, {
        input: {
          messageId: sent.sentMessage.id,
          type: 'CUSTOM',
          customEmoji: '🚀',
          partIndex: 0,
        },
      }),
    ).addReaction;
    expect(added).toMatchObject({
      __typename: 'AddReactionPayload',
      reaction: { type: 'CUSTOM', customEmoji: '🚀', isFromMe: true },
    });
  });
});
