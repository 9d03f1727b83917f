/**
 * Stable cursors: every edge's cursor names its item, so paging after it is right however many
 * messages arrived (or left) since. On v3 (keyset upstream) the first page moves down as
 * messages arrive; on v2 (offsets upstream) a newest-first list does. Upstream list calls are
 * counted: the named item is found where it was with no extra call, else sought within bounded
 * pages.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/upstream/model.js';
import { SEEK_PAGES } from '../../src/upstream/pagination/index.js';
import type { CursorPageQueryVariables } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { chatGlobalId, messageGlobalId, upstreamId } from '../helpers/ids.js';
import { useRig } from '../helpers/rig.js';
import { dataOf, execute, onlyError } from '../helpers/graphql.js';
import { ROUTES } from './budgets.js';

const CursorPage = graphql(`
  query CursorPage(
    $id: ID!
    $first: Int
    $after: String
    $last: Int
    $before: String
    $order: MessageOrder
  ) {
    chat(id: $id) {
      messages(first: $first, after: $after, last: $last, before: $before, order: $order) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
          }
        }
      }
    }
  }
`);

const CursorSend = graphql(`
  mutation CursorSend($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ... on SendMessagePayload {
        messageEdge {
          cursor
          node {
            id
          }
        }
      }
    }
  }
`);

// v2 lists oldest first by default (arrivals at the end move nothing): newest first is the
// order in which arrivals shift offsets, as they shift v3's first page.
const ORDER = { v2: 'NEWEST_FIRST', v3: null } as const;

describe.each(['v2', 'v3'] as const)('stable cursors (%s)', (dialect: Dialect) => {
  const t = useRig({ dialect });
  const chatId = () => chatGlobalId(dialect, t.rig.fixtures.bigChat);
  beforeEach(() => t.rig.sandbox.controls.reset());

  const read = async (vars: Omit<CursorPageQueryVariables, 'id'>) =>
    dataOf(await execute(t.rig.yoga, CursorPage, { id: chatId(), ...vars })).chat!.messages!;
  const page = (first: number, after?: string) => read({ first, after, order: ORDER[dialect] });
  const ids = (p: { edges: { node: { id: string } }[] }) => p.edges.map((e) => e.node.id);
  /** n inbound messages in the big chat; their global ids, oldest first. */
  const arrive = (n: number) => {
    const chat = t.rig.fixtures.bigChat;
    return Array.from({ length: n }, (_, i) =>
      messageGlobalId(
        dialect,
        chat,
        t.rig.sandbox.controls.simulateInbound({
          chatId: upstreamId(dialect, chat),
          text: `arrival ${i}`,
        }),
      ),
    );
  };
  const listCalls = () => t.rig.calls()[ROUTES[dialect].listMessages] ?? 0;

  it('after 3 arrivals, every cursor of a page still pages on from its own message', async () => {
    const expected = ids(await page(9));
    // The 5th edge is inside the page (a v3 page's last edge is named by the keyset cursor).
    const first = await page(6);
    expect(new Set(first.edges.map((e) => e.cursor)).size).toBe(6);
    arrive(3);
    t.rig.resetCounts();
    const next = await page(3, first.edges[4]!.cursor);
    expect(ids(next)).toEqual(expected.slice(5, 8));
    // One read finds the message 3 places lower, one more reads the window after it.
    expect(listCalls()).toBe(2);
    for (const [i, edge] of first.edges.entries()) {
      expect(ids(await page(1, edge.cursor))).toEqual([expected[i + 1]]);
    }
    expect(ids(await page(3, first.pageInfo.endCursor!))).toEqual(expected.slice(6, 9));
  });

  it('after messages before it are deleted, a cursor still pages on from its message', async () => {
    const expected = ids(await page(9));
    const first = await page(6);
    const chat = t.rig.sandbox.store.getChat(upstreamId(dialect, t.rig.fixtures.bigChat))!;
    // The two newest (listed first) leave.
    for (const m of chat.messages.slice(-2)) t.rig.sandbox.store.removeMessage(m);
    t.rig.resetCounts();
    expect(ids(await page(3, first.edges[4]!.cursor))).toEqual(expected.slice(5, 8));
    // v2: the window at the old offset, page 1 of 100 (finds it 2 places up), the window.
    expect(listCalls()).toBe(dialect === 'v2' ? 3 : 1);
  });

  it('without arrivals, paging after a cursor costs one list call', async () => {
    const first = await page(5);
    t.rig.resetCounts();
    await page(3, first.edges[2]!.cursor);
    expect(listCalls()).toBe(1);
  });

  it('pages of 100 cost a call each while unchanged, and stay right after arrivals', async () => {
    const first = await page(100);
    const all = ids(first).concat(ids(await page(100, first.pageInfo.endCursor!)));
    t.rig.resetCounts();
    expect(ids(await page(100, first.pageInfo.endCursor!))).toEqual(all.slice(100));
    expect(listCalls()).toBe(1);
    arrive(3);
    t.rig.resetCounts();
    expect(ids(await page(100, first.pageInfo.endCursor!))).toEqual(all.slice(100));
    // v2: the window after the old offset shows another total: the message is found in it
    // 3 places on, and the window after it read. v3: the keyset cursor is unmoved.
    expect(listCalls()).toBe(dialect === 'v2' ? 2 : 1);
  });

  it('after 120 arrivals, the message is sought in bounded pages', async () => {
    const expected = ids(await page(9));
    const first = await page(6);
    arrive(120);
    t.rig.resetCounts();
    expect(ids(await page(3, first.edges[4]!.cursor))).toEqual(expected.slice(5, 8));
    // v2: the window at the old offset, pages 1 and 2 of 100, the window after the message.
    // v3: the first page, two pages of 100 (the second has it and what follows it).
    expect(listCalls()).toBe(dialect === 'v2' ? 4 : 3);
  });

  it('a message moved further than the seek bound is a clear BAD_USER_INPUT', async () => {
    const first = await page(6);
    arrive(SEEK_PAGES * 100 + 10);
    const vars = { id: chatId(), first: 3, after: first.edges[4]!.cursor, order: ORDER[dialect] };
    const res = await execute(t.rig.yoga, CursorPage, vars);
    expect(onlyError(res).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sendMessage edges of two messages have own cursors, stable after arrivals', async () => {
    const top = ids(await read({ first: 1 }));
    const send = async (text: string) => {
      const input = { chatId: chatId(), text };
      const res = dataOf(await execute(t.rig.yoga, CursorSend, { input }));
      if (res.sendMessage.__typename !== 'SendMessagePayload') throw new Error('send failed');
      return res.sendMessage.messageEdge;
    };
    const a = await send('first');
    const b = await send('second');
    expect(a.cursor).not.toBe(b.cursor);
    const arrivals = arrive(3);
    const after = async (cursor: string) => ids(await read({ first: 1, after: cursor }));
    // In the dialect's own order: v3 newest first (a is followed by the older top message),
    // v2 oldest first (a is followed by b).
    expect(await after(a.cursor)).toEqual(dialect === 'v3' ? top : [b.node.id]);
    expect(await after(b.cursor)).toEqual([dialect === 'v3' ? a.node.id : arrivals[0]]);
  });

  // v2 only: v3 cannot page backwards.
  it.runIf(dialect === 'v2')('last/before a cursor is right after older ones left', async () => {
    const back = (last: number, before?: string) => read({ last, before });
    const expected = ids(await back(8));
    const tail = await back(5);
    const chat = t.rig.sandbox.store.getChat(t.rig.fixtures.bigChat.v2Id)!;
    for (const m of chat.messages.slice(0, 2)) t.rig.sandbox.store.removeMessage(m);
    expect(ids(await back(3, tail.edges[0]!.cursor))).toEqual(expected.slice(0, 3));
  });
});
