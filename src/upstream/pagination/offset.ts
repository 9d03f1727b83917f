/** v2 paging: offsets pushed down to `page`/`per_page`, positions found again by id. */
import {
  decodePosition,
  encodePosition,
  invalidPosition,
  lostItem,
  MAX_PAGE_SIZE,
  SEEK_PAGES,
  toWindow,
  type Identified,
} from './window.js';
import type { Page, PageQuery, Position } from '../model.js';

export interface OffsetPage<T> {
  items: T[];
  total: number | null;
}
export type FetchOffsetPage<T> = (page: number, perPage: number) => Promise<OffsetPage<T>>;

/**
 * The smallest `per_page` ≥ count that covers [start, start+count) with one page, else pages of
 * up to MAX_PAGE_SIZE (two for the 101 items of "the named item and the 100 after it").
 */
export function planWindow(start: number, count: number): { perPage: number; pages: number[] } {
  for (let perPage = count; perPage <= MAX_PAGE_SIZE; perPage++) {
    const page = Math.floor(start / perPage);
    if (Math.floor((start + count - 1) / perPage) === page) return { perPage, pages: [page + 1] };
  }
  const perPage = Math.min(count, MAX_PAGE_SIZE);
  const first = Math.floor(start / perPage) + 1;
  const last = Math.floor((start + count - 1) / perPage) + 1;
  return { perPage, pages: Array.from({ length: last - first + 1 }, (_, i) => first + i) };
}

async function fetchRange<T>(fetch: FetchOffsetPage<T>, start: number, count: number) {
  if (count <= 0) return { items: [] as T[], total: null, more: true };
  const { perPage, pages } = planWindow(start, count);
  const firstPage = pages[0] ?? 1;
  let got: T[] = [];
  let total: number | null = null;
  let fullLastPage = false;
  for (const page of pages) {
    const res = await fetch(page, perPage);
    got = got.concat(res.items);
    total = res.total;
    fullLastPage = res.items.length >= perPage;
    if (!fullLastPage) break;
  }
  const base = (firstPage - 1) * perPage;
  const items = got.slice(start - base, start - base + count);
  const beyond = got.length > start - base + count;
  return { items, total, more: beyond || fullLastPage };
}

/**
 * A page of an offset list; its positions are encoded on first read: most queries select no
 * cursor, and encoding every item's position (JSON and base64url) cost ≈ 2 % of the CPU of a
 * page of messages. A class, not an object literal with a getter: a literal's getter is a new
 * closure per page, which gives every page a map of its own, and V8 keeps those maps (and,
 * through the closure, the page's items) past every scavenge until a full GC — the latency
 * tail of round 5 (bench/results/optimisations.md).
 */
class ItemsPage<T extends Identified> implements Page<T> {
  #positions: Position[] | null = null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;

  constructor(
    readonly items: T[],
    readonly start: number,
    readonly totalCount: number | null,
    more: boolean,
  ) {
    const end = start + items.length;
    this.hasNextPage = totalCount !== null ? end < totalCount : more;
    this.hasPreviousPage = start > 0;
  }

  get positions(): Position[] {
    return (this.#positions ??= this.items.map((item, i) =>
      encodePosition(['2i', this.start + i, item.id, this.totalCount]),
    ));
  }
}

function offsetPage<T extends Identified>(
  items: T[],
  start: number,
  total: number | null,
  more: boolean,
): Page<T> {
  return new ItemsPage(items, start, total, more);
}

/**
 * The current offset of the item a v2 position names. The item is usually where it was seen
 * (`seen`, the range read anyway, says so at no cost); else pages of MAX_PAGE_SIZE are read
 * forward from the hint (items arrived before it), then backward (items before it left), at
 * most SEEK_PAGES each way.
 */
async function seekOffset<T extends Identified>(
  fetch: FetchOffsetPage<T>,
  hint: number,
  id: string,
  seen: { start: number; items: T[] },
  field: string,
): Promise<number> {
  const at = seen.items.findIndex((item) => item.id === id);
  if (at >= 0) return seen.start + at;
  const hintPage = Math.floor(hint / MAX_PAGE_SIZE) + 1;
  const forward = Array.from({ length: SEEK_PAGES }, (_, i) => hintPage + i);
  const backward = Array.from({ length: SEEK_PAGES }, (_, i) => hintPage - 1 - i);
  for (const pages of [forward, backward]) {
    for (const page of pages) {
      if (page < 1) break;
      const res = await fetch(page, MAX_PAGE_SIZE);
      const found = res.items.findIndex((item) => item.id === id);
      if (found >= 0) return (page - 1) * MAX_PAGE_SIZE + found;
      if (res.items.length < MAX_PAGE_SIZE && pages === forward) break;
    }
  }
  throw lostItem(field);
}

interface OffsetHint {
  offset: number;
  id: string | null;
  total: number | null;
}

function offsetOf(pos: Position, field: string): OffsetHint {
  const data = decodePosition(pos, field);
  if (data[0] !== '2i') throw invalidPosition(field);
  return { offset: data[1], id: data[2], total: data[3] };
}

const requestsFor = (start: number, count: number) => planWindow(start, count).pages.length;

/**
 * Reads `count` items next to the named item (after it, or before it), making sure they are
 * next to *that item*. When reading the item along with the window costs no extra request, the
 * item is checked where it was; otherwise (e.g. pages of 100) the window alone is read and an
 * unchanged total stands for an unchanged list. Either way a moved item is sought (seekOffset),
 * then the window next to it is read.
 */
async function windowNextTo<T extends Identified>(
  fetch: FetchOffsetPage<T>,
  hint: OffsetHint & { id: string },
  side: 'after' | 'before',
  count: number,
): Promise<Page<T>> {
  const { offset, id } = hint;
  const from = side === 'after' ? offset + 1 : Math.max(0, offset - count);
  const size = side === 'after' ? count : offset - from;
  // Before an item there is always a next page (the item itself).
  const page = (items: T[], start: number, total: number | null, more: boolean) =>
    offsetPage(items, start, total, side === 'after' ? more : true);
  let seen: { start: number; items: T[] };
  const withItem = side === 'after' ? offset : from;
  if (size === 0 || requestsFor(withItem, size + 1) <= requestsFor(from, size)) {
    const r = await fetchRange(fetch, side === 'after' ? offset : from, size + 1);
    const at = side === 'after' ? r.items[0] : r.items[size];
    if (at?.id === id) {
      const items = side === 'after' ? r.items.slice(1) : r.items.slice(0, size);
      return page(items, from, r.total, r.more);
    }
    seen = { start: side === 'after' ? offset : from, items: r.items };
  } else {
    const r = await fetchRange(fetch, from, size);
    if (hint.total !== null && r.total === hint.total) return page(r.items, from, r.total, r.more);
    seen = { start: from, items: r.items };
  }
  const now = await seekOffset(fetch, offset, id, seen, side);
  const start = side === 'after' ? now + 1 : Math.max(0, now - count);
  const r = await fetchRange(fetch, start, side === 'after' ? count : now - start);
  return page(r.items, start, r.total, r.more);
}

export async function pageByOffset<T extends Identified>(
  fetch: FetchOffsetPage<T>,
  q: PageQuery,
): Promise<Page<T>> {
  const w = toWindow(q);
  const named = w.dir === 'forward' ? w.after : w.before;
  const hint = named === null ? null : offsetOf(named, w.dir === 'forward' ? 'after' : 'before');
  if (hint !== null && hint.id !== null) {
    const side = w.dir === 'forward' ? 'after' : 'before';
    return windowNextTo(fetch, { ...hint, id: hint.id }, side, w.count);
  }
  if (w.dir === 'forward') {
    // From the start, or after an older positional cursor (no id).
    const start = hint === null ? 0 : hint.offset + 1;
    const r = await fetchRange(fetch, start, w.count);
    return offsetPage(r.items, start, r.total, r.more);
  }
  let end: number;
  if (hint !== null) {
    end = hint.offset;
  } else {
    // Learn the total with a first page of the wanted size; small lists end here.
    const probe = await fetch(1, w.count);
    const total = probe.total ?? probe.items.length;
    if (total <= w.count) return offsetPage(probe.items, 0, probe.total, false);
    end = total;
  }
  const start = Math.max(0, end - w.count);
  if (end === start) {
    const probe = await fetch(1, 1);
    // Nothing before the named item: the item itself is next.
    const page = new ItemsPage<T>([], 0, probe.total, probe.items.length > 0);
    page.hasNextPage = true;
    return page;
  }
  const r = await fetchRange(fetch, start, end - start);
  return offsetPage(r.items, start, r.total, true);
}
