/**
 * The gateway as a Federation v2 subgraph: `_service { sdl }` and `_entities`, resolved through
 * the per-request loaders (upstream reads counted on the sandbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSortedSchema } from '../../src/print-schema.js';
import { chatGlobalId } from '../helpers/ids.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { ROUTES } from '../schema/budgets.js';
import { JSON_ONLY, post } from '../helpers/graphql.js';

const ENTITIES = `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Chat { id isGroup }
      ... on Message { id text chat { id } }
      ... on Reaction { id type message { id } }
      ... on Handle { address isMe service }
    }
  }
`;

interface Listed {
  chat: {
    messages: {
      nodes: { id: string; reactions: { id: string }[]; sender: { address: string } | null }[];
    };
  };
}

describe.each(['v2', 'v3'] as const)('subgraph (%s)', (dialect) => {
  let rig: Rig;
  const gql = <T>(query: string, variables?: Record<string, unknown>) =>
    post<T>(rig.yoga, query, variables, JSON_ONLY);

  beforeAll(async () => {
    rig = await startRig({ dialect });
  });
  afterAll(() => rig.close());

  it('serves its SDL with the federation directives on _service', async () => {
    const result = await gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = result.data?._service.sdl ?? '';
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
    expect(sdl).toMatch(/type Chat implements Node\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Message implements Node\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Reaction implements Node\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Handle\s+@key\(fields: "address"\)/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    // schema.graphql is the same subgraph SDL (sorted), so composition from the file works too.
    expect(printSortedSchema()).toContain('type Handle @key(fields: "address")');
  });

  it('resolves _entities through the loaders: one read per distinct object', async () => {
    const chatId = chatGlobalId(dialect, rig.fixtures.bigChat);
    const groupId = chatGlobalId(dialect, rig.fixtures.groupChat);
    const listed = await gql<Listed>(
      `query($id: ID!) { chat(id: $id) { messages(first: 30) { nodes {
        id sender { address } reactions { id } } } } }`,
      { id: chatId },
    );
    const nodes = listed.data!.chat.messages.nodes;
    const withReaction = nodes.find((m) => m.reactions.length > 0)!;
    const [m1, m2] = nodes.filter((m) => m !== withReaction);
    expect(withReaction && m1 && m2).toBeTruthy();
    const address = nodes.find((m) => m.sender)!.sender!.address;

    rig.resetCounts();
    const representations = [
      { __typename: 'Chat', id: chatId },
      { __typename: 'Chat', id: groupId },
      { __typename: 'Chat', id: chatId }, // a repeat costs nothing
      { __typename: 'Message', id: m1!.id },
      { __typename: 'Message', id: m2!.id },
      { __typename: 'Reaction', id: withReaction.reactions[0]!.id },
      { __typename: 'Handle', address },
      { __typename: 'Chat', id: 'not-an-id' },
    ];
    const result = await gql<{ _entities: ({ __typename: string; id?: string } | null)[] }>(
      ENTITIES,
      { representations },
    );
    const entities = result.data!._entities;
    expect(entities.map((e) => e?.__typename ?? null)).toEqual([
      'Chat',
      'Chat',
      'Chat',
      'Message',
      'Message',
      'Reaction',
      'Handle',
      null,
    ]);
    expect(entities[0]).toMatchObject({ id: chatId, isGroup: false });
    expect(entities[1]).toMatchObject({ id: groupId, isGroup: true });
    expect(entities[3]).toMatchObject({ id: m1!.id, chat: { id: chatId } });
    expect(entities[5]).toMatchObject({ message: { id: withReaction.id } });
    expect(entities[6]).toMatchObject({ address, service: null });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.7', 'INVALID_ID'],
    ]);
    // Two chats, three messages (two asked for, one behind the reaction); Message.chat is the
    // chat already loaded; the handle needs no read (v2 reads the account's numbers for isMe).
    const routes = ROUTES[dialect];
    const calls = rig.calls();
    expect(calls[routes.getChat]).toBe(2);
    expect(calls[routes.getMessage]).toBe(3);
    expect(calls[routes.phoneNumbers]).toBe(dialect === 'v2' ? 1 : undefined);
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(dialect === 'v2' ? 6 : 5);
  });
});
