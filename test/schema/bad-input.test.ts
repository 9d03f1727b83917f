/**
 * Bad input gets a clear error with a stable extensions.code, never a 500, and the server keeps
 * serving afterwards.
 */
import { describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { graphql } from '../gql/index.js';
import { chatGlobalId, messageGlobalId } from '../helpers/ids.js';
import { useBigChatRig } from '../helpers/rig.js';
import { dataOf, errorSummary, execute, onlyError } from '../helpers/graphql.js';
import { MessageById } from './documents.js';

const Page = graphql(`
  query BadPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    chat(id: $id) {
      id
      messages(first: $first, after: $after, last: $last, before: $before) {
        edges {
          cursor
        }
      }
    }
  }
`);

const ChatById = graphql(`
  query ChatById($id: ID!) {
    chat(id: $id) {
      id
      displayName
    }
  }
`);

const NodesById = graphql(`
  query NodesById($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`);

describe.each(['v2', 'v3'] as const)('bad input (%s)', (dialect) => {
  const t = useBigChatRig(dialect);

  const pageError = async (vars: Record<string, unknown>) => {
    const result = await execute(t.rig.yoga, Page, { id: t.chatId, ...vars });
    expect(result.status).toBe(200);
    expect(result.data?.chat?.id).toBe(t.chatId); // the sibling data survives
    expect(result.data?.chat?.messages).toBeNull();
    return onlyError(result);
  };

  it.each([
    [{ first: -1 }, /first must be between 1 and 100/],
    [{ first: 0 }, /between 1 and 100/],
    [{ first: 1000 }, /maximum page size is 100\); got 1000/],
    [{ first: 5, last: 5 }, /either first or last, not both/],
    [{ first: 5, after: 'bm90LWEtY3Vyc29y' }, /after is not a valid cursor/],
    [{ first: 5, after: '%%%' }, /after is not a valid cursor/],
  ])('%j → BAD_USER_INPUT', async (vars, message) => {
    const error = await pageError(vars);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('last: 1000 → BAD_USER_INPUT on v2, UNSUPPORTED_BY_DIALECT on v3', async () => {
    const error = await pageError({ last: 1000 });
    const expected = dialect === 'v2' ? 'BAD_USER_INPUT' : 'UNSUPPORTED_BY_DIALECT';
    expect(error.extensions?.code).toBe(expected);
  });

  it('a cursor of another chat is refused', async () => {
    const other = chatGlobalId(dialect, t.rig.fixtures.groupChat);
    const cursor = dataOf(await execute(t.rig.yoga, Page, { id: other, first: 2 })).chat!.messages!
      .edges[0]!.cursor;
    const error = await pageError({ first: 2, after: cursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/different list/);
  });

  it.each([
    ['garbage', 'not-an-id!', 'MALFORMED'],
    ['empty', '', 'MALFORMED'],
    ['a default Relay id', Buffer.from('Chat:1001').toString('base64'), 'MALFORMED'],
    ['a forged payload', 'lq1:DIALECT:Chat:../../x', 'MALFORMED'],
  ])('%s id → INVALID_ID', async (_name, raw, reason) => {
    const id = raw.startsWith('lq1:')
      ? Buffer.from(raw.replace('DIALECT', dialect)).toString('base64url')
      : raw;
    const result = await execute(t.rig.yoga, ChatById, { id });
    expect(result.status).toBe(200);
    expect(onlyError(result).extensions).toEqual({ code: 'INVALID_ID', reason });
    expect(result.data).toEqual({ chat: null });
  });

  it('an id of another type → INVALID_ID/WRONG_TYPE', async () => {
    const { bigChat } = t.rig.fixtures;
    const store = t.rig.sandbox.store.getChat(bigChat.uuid)!;
    const messageId = messageGlobalId(dialect, bigChat, store.messages[0]!);
    const result = await execute(t.rig.yoga, ChatById, { id: messageId });
    expect(onlyError(result).extensions).toEqual({ code: 'INVALID_ID', reason: 'WRONG_TYPE' });
    const back = await execute(t.rig.yoga, MessageById, { id: t.chatId });
    expect(onlyError(back).extensions?.reason).toBe('WRONG_TYPE');
  });

  it('an id issued under the other dialect → INVALID_ID/WRONG_DIALECT', async () => {
    const otherDialect = dialect === 'v2' ? 'v3' : 'v2';
    const result = await execute(t.rig.yoga, ChatById, {
      id: chatGlobalId(otherDialect, t.rig.fixtures.bigChat),
    });
    const error = onlyError(result);
    expect(error.extensions).toEqual({ code: 'INVALID_ID', reason: 'WRONG_DIALECT' });
    expect(error.message).toContain(`Linq ${otherDialect} API`);
  });

  it('well-formed ids of missing or foreign chats → NOT_FOUND (traceId on v3)', async () => {
    const missing = encodeNodeId(
      dialect,
      'Chat',
      dialect === 'v2' ? '987654' : '00000000-0000-4000-8000-000000000000',
    );
    const foreign = chatGlobalId(dialect, t.rig.fixtures.otherChat);
    for (const id of [missing, foreign]) {
      const result = await execute(t.rig.yoga, ChatById, { id });
      const error = onlyError(result);
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect(typeof error.extensions?.traceId).toBe(dialect === 'v3' ? 'string' : 'undefined');
    }
  });

  it('nodes: a bad id fails only its own entry', async () => {
    const group = chatGlobalId(dialect, t.rig.fixtures.groupChat);
    const result = await execute(t.rig.yoga, NodesById, { ids: [t.chatId, 'junk', group] });
    expect(result.data?.nodes).toEqual([
      { __typename: 'Chat', id: t.chatId },
      null,
      { __typename: 'Chat', id: group },
    ]);
    expect(errorSummary(result)).toEqual([['nodes.1', 'INVALID_ID']]);
  });

  it('nodes: more than 100 ids → BAD_USER_INPUT', async () => {
    const result = await execute(t.rig.yoga, NodesById, { ids: Array(101).fill(t.chatId) });
    expect(onlyError(result).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps serving after all of the above', async () => {
    const data = dataOf(await execute(t.rig.yoga, ChatById, { id: t.chatId }));
    expect(data.chat?.id).toBe(t.chatId);
  });
});
