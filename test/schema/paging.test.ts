/**
 * Relay paging through the 150-message chat: forward in both dialects, backward on v2 (v3 has
 * no backward paging upstream and says so with UNSUPPORTED_BY_DIALECT, before any call).
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useBigChatRig } from '../helpers/rig.js';
import { dataOf, execute, onlyError } from '../helpers/graphql.js';

const MessagePage = graphql(`
  query MessagePage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    chat(id: $id) {
      messages(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
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

const ChatPage = graphql(`
  query ChatPage($phoneNumber: String!, $first: Int, $after: String) {
    chats(phoneNumber: $phoneNumber, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
      }
    }
  }
`);

const PAGE = 7;

describe.each(['v2', 'v3'] as const)('paging (%s)', (dialect) => {
  const t = useBigChatRig(dialect);

  const page = async (vars: { first?: number; after?: string; last?: number; before?: string }) =>
    dataOf(await execute(t.rig.yoga, MessagePage, { id: t.chatId, ...vars })).chat!.messages!;

  it('forward: every message exactly once, with Relay pageInfo', async () => {
    const total = t.rig.fixtures.bigChat.messageCount;
    const seen: string[] = [];
    let after: string | undefined;
    for (let n = 0; n < 100; n++) {
      const p = await page({ first: PAGE, ...(after ? { after } : {}) });
      expect(p.totalCount).toBe(dialect === 'v2' ? total : null);
      expect(p.pageInfo.hasPreviousPage).toBe(n > 0);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor);
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      expect(p.edges).toHaveLength(PAGE);
      after = p.pageInfo.endCursor!;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('cursors are opaque: no upstream token or page number shows through', async () => {
    const p = await page({ first: 3 });
    for (const edge of p.edges) {
      expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(edge.cursor).not.toMatch(/^\d+$/);
    }
  });

  if (dialect === 'v2') {
    it('backward: last/before visits every message exactly once, newest page first', async () => {
      const total = t.rig.fixtures.bigChat.messageCount;
      const forward: string[] = [];
      let after: string | undefined;
      do {
        const p = await page({ first: 100, ...(after ? { after } : {}) });
        forward.push(...p.edges.map((e) => e.node.id));
        after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor! : undefined;
      } while (after);

      const pages: string[][] = [];
      let before: string | undefined;
      for (let n = 0; n < 100; n++) {
        const p = await page({ last: PAGE, ...(before ? { before } : {}) });
        expect(p.pageInfo.hasNextPage).toBe(n > 0);
        pages.unshift(p.edges.map((e) => e.node.id));
        if (!p.pageInfo.hasPreviousPage) break;
        expect(p.edges).toHaveLength(PAGE);
        before = p.pageInfo.startCursor!;
      }
      const backward = pages.flat();
      expect(backward).toHaveLength(total);
      expect(backward).toEqual(forward);
    });

    it('backward from the middle returns the items just before the cursor', async () => {
      const first = await page({ first: 20 });
      const cursor = first.edges[14]!.cursor;
      const p = await page({ last: 5, before: cursor });
      expect(p.edges.map((e) => e.node.id)).toEqual(first.edges.slice(9, 14).map((e) => e.node.id));
      expect(p.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    });
  } else {
    it('last/before: UNSUPPORTED_BY_DIALECT, without calling Linq', async () => {
      const first = await page({ first: 3 });
      t.rig.resetCounts();
      for (const vars of [{ last: 5 }, { last: 2, before: first.edges[2]!.cursor }]) {
        const result = await execute(t.rig.yoga, MessagePage, { id: t.chatId, ...vars });
        const error = onlyError(result);
        expect(error.extensions?.code).toBe('UNSUPPORTED_BY_DIALECT');
        expect(error.message).toMatch(/first\/after/);
        expect(result.data?.chat?.messages).toBeNull();
      }
      // Only the chat itself was read, once per request.
      expect(t.rig.calls()).toEqual({ 'GET /v3/chats/{chatId}': 2 });
    });
  }

  it('chats page forward through all chats of a number', async () => {
    const phoneNumber = t.rig.fixtures.primaryPhone;
    const ids: string[] = [];
    let after: string | undefined;
    for (let n = 0; n < 10; n++) {
      const r = dataOf(
        await execute(t.rig.yoga, ChatPage, { phoneNumber, first: 4, ...(after ? { after } : {}) }),
      ).chats!;
      ids.push(...r.nodes.map((c) => c.id));
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor!;
    }
    expect(ids).toHaveLength(14);
    expect(new Set(ids).size).toBe(14);
  });
});
