/**
 * Query.chat starts the read of its `messages` while the chat itself loads (lookahead), the way
 * a hand-written service runs both calls at once, without changing what is called or returned.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { dataOf, execute, onlyError } from '../helpers/graphql.js';
import { ROUTES } from './budgets.js';

const ChatWithMessages = graphql(`
  query PrefetchChat($id: ID!, $first: Int, $skip: Boolean! = false) {
    chat(id: $id) {
      displayName
      ... on Chat {
        messages(first: $first) @skip(if: $skip) {
          nodes {
            id
          }
        }
      }
    }
  }
`);

const TwoWindows = graphql(`
  query PrefetchTwoWindows($id: ID!) {
    chat(id: $id) {
      ...PrefetchWindows
    }
  }
  fragment PrefetchWindows on Chat {
    recent: messages(first: 3) {
      nodes {
        id
      }
    }
    again: messages(first: 3) {
      nodes {
        id
      }
    }
    more: messages(first: 5) {
      nodes {
        id
      }
    }
  }
`);

describe.each(['v2', 'v3'] as const)('chat → messages lookahead (%s)', (dialect) => {
  let rig: Rig;
  let id: string;
  const routes = ROUTES[dialect];
  beforeAll(async () => {
    rig = await startRig({ dialect });
    id = chatGlobalId(dialect, rig.sandbox.store.getChat(rig.fixtures.bigChat.uuid)!);
  });
  afterAll(() => rig.close());
  beforeEach(() => {
    rig.sandbox.controls.clearFaults();
    rig.resetCounts();
  });

  it('asks for the messages before the chat has answered', async () => {
    rig.sandbox.controls.injectFault({ route: routes.getChat, fault: { type: 'delay', ms: 300 } });
    const chatDone = rig.sandbox.controls.waitForRequest(routes.getChat);
    const pending = execute(rig.yoga, ChatWithMessages, { id, first: 5 });
    await chatDone;
    // The chat's reply has only just been sent: the list must already have been asked for.
    const asked = rig.sandbox.controls.requests().map((r) => r.route);
    expect(asked).toContain(routes.listMessages);
    const data = dataOf(await pending);
    expect(data.chat?.messages?.nodes).toHaveLength(5);
    expect(rig.calls()).toEqual({ [routes.getChat]: 1, [routes.listMessages]: 1 });
  });

  it('reads each distinct window once, through fragments and aliases', async () => {
    const data = dataOf(await execute(rig.yoga, TwoWindows, { id }));
    expect(data.chat?.recent?.nodes).toHaveLength(3);
    expect(data.chat?.again?.nodes).toEqual(data.chat?.recent?.nodes);
    expect(data.chat?.more?.nodes).toHaveLength(5);
    // Only `messages` is selected under the chat: the lists prove it exists, it is not read.
    expect(rig.calls()).toEqual({ [routes.listMessages]: 2 });
  });

  it('starts nothing for a skipped field', async () => {
    const data = dataOf(await execute(rig.yoga, ChatWithMessages, { id, first: 5, skip: true }));
    expect(data.chat?.displayName).toBeDefined();
    expect(rig.calls()).toEqual({ [routes.getChat]: 1 });
  });

  it('starts nothing for invalid arguments: the field reports them', async () => {
    const result = await execute(rig.yoga, ChatWithMessages, { id, first: 0 });
    expect(onlyError(result).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(rig.calls()).toEqual({ [routes.getChat]: 1 });
  });

  it('a chat that does not exist is NOT_FOUND, and the early read fails quietly', async () => {
    const missing = chatGlobalId(dialect, {
      v2Id: 987654,
      uuid: '0b7e6a52-1f7e-4c8e-9d43-000000000000',
    });
    const result = await execute(rig.yoga, ChatWithMessages, { id: missing, first: 5 });
    expect(onlyError(result).extensions?.['code']).toBe('NOT_FOUND');
    expect(result.data?.chat).toBeNull();
  });
});
