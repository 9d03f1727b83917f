/**
 * Pagination pushed down to the upstream: request counts per window, positions usable as
 * after/before, mid-page resumption in v3, validation of sizes and positions.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedByDialectError, type Message, type Page } from '../../src/upstream/index.js';
import { planWindow } from '../../src/upstream/pagination/index.js';
import { useAdapterRig } from './sandbox-clients.js';

const t = useAdapterRig();
const V2_LIST = 'GET /api/partner/v2/chats/{chat_id}/chat_messages';
const V3_LIST = 'GET /v3/chats/{chatId}/messages';

const ids = (p: Page<Message>) => p.items.map((m) => m.id);
const count = (route: string) => t.rig.sandbox.controls.count(route);

describe('planWindow', () => {
  it('covers any window with one request when a page size allows, else two', () => {
    expect(planWindow(0, 10)).toEqual({ perPage: 10, pages: [1] });
    expect(planWindow(10, 10)).toEqual({ perPage: 10, pages: [2] });
    expect(planWindow(4, 10)).toEqual({ perPage: 14, pages: [1] });
    expect(planWindow(99, 100)).toEqual({ perPage: 100, pages: [1, 2] });
    for (let start = 0; start < 400; start += 7) {
      for (const n of [1, 5, 25, 60, 100]) {
        const { perPage, pages } = planWindow(start, n);
        expect(perPage).toBeLessThanOrEqual(100);
        expect((pages[0]! - 1) * perPage).toBeLessThanOrEqual(start);
        expect(pages[pages.length - 1]! * perPage).toBeGreaterThanOrEqual(start + n);
      }
    }
  });
});

describe('v2 offsets', () => {
  const chatId = () => String(t.fx.bigChat.v2Id);
  const all = () =>
    t.rig.sandbox.store.getChat(t.fx.bigChat.v2Id)!.messages.map((m) => String(m.v2Id));

  it('pages forward with one request per page, totals and flags', async () => {
    const p1 = await t.rig.v2.listMessages({ chatId: chatId(), first: 10 });
    const p2 = await t.rig.v2.listMessages({
      chatId: chatId(),
      first: 10,
      after: p1.positions.at(-1),
    });
    expect(ids(p1)).toEqual(all().slice(0, 10));
    expect(ids(p2)).toEqual(all().slice(10, 20));
    expect(count(V2_LIST)).toBe(2);
    expect(p1).toMatchObject({ totalCount: 150, hasNextPage: true, hasPreviousPage: false });
    expect(p2).toMatchObject({ hasPreviousPage: true });
  });

  it('starts after a position in the middle of a page with one request', async () => {
    const p1 = await t.rig.v2.listMessages({ chatId: chatId(), first: 10 });
    t.rig.sandbox.controls.resetCounts();
    const p2 = await t.rig.v2.listMessages({ chatId: chatId(), first: 10, after: p1.positions[3] });
    expect(ids(p2)).toEqual(all().slice(4, 14));
    expect(count(V2_LIST)).toBe(1);
  });

  it('supports last/before', async () => {
    const tail = await t.rig.v2.listMessages({ chatId: chatId(), last: 5 });
    expect(ids(tail)).toEqual(all().slice(145));
    expect(tail).toMatchObject({ hasNextPage: false, hasPreviousPage: true, totalCount: 150 });
    expect(count(V2_LIST)).toBe(2);
    t.rig.sandbox.controls.resetCounts();
    const before = await t.rig.v2.listMessages({
      chatId: chatId(),
      last: 7,
      before: tail.positions[0],
    });
    expect(ids(before)).toEqual(all().slice(138, 145));
    expect(before.hasNextPage).toBe(true);
    expect(count(V2_LIST)).toBe(1);
  });

  it('ends with hasNextPage false on the last page', async () => {
    const p = await t.rig.v2.listMessages({
      chatId: chatId(),
      first: 100,
      after: (await t.rig.v2.listMessages({ chatId: chatId(), first: 100 })).positions.at(-1),
    });
    expect(p.items).toHaveLength(50);
    expect(p.hasNextPage).toBe(false);
  });
});

describe('v3 cursors', () => {
  const all = () =>
    [...t.rig.sandbox.store.getChat(t.fx.bigChat.uuid)!.messages].reverse().map((m) => m.uuid);

  it('pages forward with exactly one request per page', async () => {
    let after: string | undefined;
    const seen: string[] = [];
    for (let page = 0; page < 4; page++) {
      const p = await t.rig.v3.listMessages({ chatId: t.fx.bigChat.uuid, first: 40, after });
      seen.push(...ids(p));
      after = p.positions.at(-1);
      expect(p.hasNextPage).toBe(page < 3);
      expect(p.totalCount).toBeNull();
    }
    expect(seen).toEqual(all());
    expect(count(V3_LIST)).toBe(4);
  });

  it('resumes after an item in the middle of a page', async () => {
    const p1 = await t.rig.v3.listMessages({ chatId: t.fx.bigChat.uuid, first: 20 });
    const p2 = await t.rig.v3.listMessages({
      chatId: t.fx.bigChat.uuid,
      first: 20,
      after: p1.positions.at(-1),
    });
    t.rig.sandbox.controls.resetCounts();
    const mid = await t.rig.v3.listMessages({
      chatId: t.fx.bigChat.uuid,
      first: 10,
      after: p2.positions[4],
    });
    expect(ids(mid)).toEqual(all().slice(25, 35));
    expect(count(V3_LIST)).toBe(1);
    expect(mid.hasPreviousPage).toBe(true);
    const across = await t.rig.v3.listMessages({
      chatId: t.fx.bigChat.uuid,
      first: 100,
      after: p2.positions[4],
    });
    expect(ids(across)).toEqual(all().slice(25, 125));
  });

  it('refuses last/before and filters v3 cannot do', async () => {
    await expect(
      t.rig.v3.listMessages({ chatId: t.fx.bigChat.uuid, last: 5 }),
    ).rejects.toBeInstanceOf(UnsupportedByDialectError);
    await expect(
      t.rig.v3.listMessages({
        chatId: t.fx.bigChat.uuid,
        first: 5,
        sentAfter: '2025-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_BY_DIALECT',
    });
    expect(count(V3_LIST)).toBe(0);
  });
});

describe('validation', () => {
  it('rejects sizes outside 1..100 and foreign or garbage positions', async () => {
    const v2 = { chatId: String(t.fx.bigChat.v2Id) };
    const v3 = { chatId: t.fx.bigChat.uuid };
    for (const first of [0, 101, 1.5, -1]) {
      await expect(t.rig.v2.listMessages({ ...v2, first })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await expect(t.rig.v3.listMessages({ ...v3, first })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    }
    const v3pos = (await t.rig.v3.listMessages({ ...v3, first: 2 })).positions[0]!;
    const v2pos = (await t.rig.v2.listMessages({ ...v2, first: 2 })).positions[0]!;
    t.rig.sandbox.controls.resetCounts();
    for (const after of [
      'garbage',
      '',
      'W10',
      Buffer.from('["2",-1]').toString('base64url'),
      v3pos,
    ]) {
      await expect(t.rig.v2.listMessages({ ...v2, first: 2, after })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    }
    await expect(t.rig.v3.listMessages({ ...v3, first: 2, after: v2pos })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(t.rig.v3.listMessages({ ...v3, first: 2, after: '%%%' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(t.rig.sandbox.controls.count()).toBe(0);
  });
});
