import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { v2, v3 } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('pagination', () => {
  it('visits every message exactly once through v3 cursors (newest first)', async () => {
    const { bigChat } = sandbox.store.fixtures();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const r = await v3(sandbox, 'GET', `/chats/${bigChat.uuid}/messages?limit=17${q}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.messages.map((m: { id: string }) => m.id));
      cursor = r.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(bigChat.messageCount / 17));
    expect(new Set(seen).size).toBe(seen.length);
    const expected = sandbox.store
      .getChat(bigChat.uuid)!
      .messages.map((m) => m.uuid)
      .reverse();
    expect(seen).toEqual(expected);
  });

  it('keeps v3 cursors stable when a message arrives between pages', async () => {
    const { bigChat } = sandbox.store.fixtures();
    const first = await v3(sandbox, 'GET', `/chats/${bigChat.uuid}/messages?limit=10`);
    await v3(sandbox, 'POST', `/chats/${bigChat.uuid}/messages`, {
      body: { message: { parts: [{ type: 'text', value: 'new' }] } },
    });
    const next = first.body.next_cursor as string;
    const second = await v3(
      sandbox,
      'GET',
      `/chats/${bigChat.uuid}/messages?limit=10&cursor=${encodeURIComponent(next)}`,
    );
    const all = sandbox.store
      .getChat(bigChat.uuid)!
      .messages.map((m) => m.uuid)
      .reverse();
    // all[0] is the new message; the second page continues right after the first page.
    expect(second.body.messages.map((m: { id: string }) => m.id)).toEqual(all.slice(11, 21));
    sandbox.controls.reset();
  });

  it('visits every message exactly once through v2 pages, in both orders', async () => {
    const { bigChat } = sandbox.store.fixtures();
    for (const sort of ['asc', 'desc']) {
      const seen: number[] = [];
      let page = 1;
      let totalPages = 1;
      do {
        const r = await v2(
          sandbox,
          'GET',
          `/chats/${bigChat.v2Id}/chat_messages?per_page=40&page=${page}&sort=${sort}`,
        );
        seen.push(...r.body.data.map((m: { id: number }) => m.id));
        totalPages = r.body.meta.total_pages;
        expect(r.body.meta.total_count).toBe(bigChat.messageCount);
        page++;
      } while (page <= totalPages);
      const expected = sandbox.store.getChat(bigChat.uuid)!.messages.map((m) => m.v2Id);
      expect(seen).toEqual(sort === 'asc' ? expected : [...expected].reverse());
    }
    const past = await v2(sandbox, 'GET', `/chats/${bigChat.v2Id}/chat_messages?page=99`);
    expect(past.body.data).toEqual([]);
  });

  it('pages chats in both dialects', async () => {
    const { primaryPhone } = sandbox.store.fixtures();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const r = await v3(
        sandbox,
        'GET',
        `/chats?from=${encodeURIComponent(primaryPhone)}&limit=5${q}`,
      );
      ids.push(...r.body.chats.map((c: { id: string }) => c.id));
      cursor = r.body.next_cursor;
    } while (cursor);
    expect(ids.length).toBe(14);
    expect(new Set(ids).size).toBe(14);
    const p2 = await v2(
      sandbox,
      'GET',
      `/chats?phone_number=${encodeURIComponent(primaryPhone)}&per_page=5&page=3`,
    );
    expect(p2.body.data).toHaveLength(4);
    expect(p2.body.meta).toEqual({ page: 3, total_pages: 3, total_count: 14, per_page: 5 });
  });

  it('rejects a forged cursor with 400', async () => {
    const { bigChat } = sandbox.store.fixtures();
    const r = await v3(sandbox, 'GET', `/chats/${bigChat.uuid}/messages?cursor=not-a-cursor`);
    expect(r.status).toBe(400);
  });
});
