/**
 * Relay-style windows (`first/after`, `last/before`) pushed down to the upstream's pagination.
 *
 * v2 is page-based with totals: a position is an offset into the list, and a window is covered
 * by choosing `page`/`per_page` so that it needs one request (two at most).
 * v3 is cursor-based without totals: a position is the upstream cursor of the page an item came
 * from plus its index in that page; the last item of a page carries `next_cursor` instead, so
 * plain forward paging costs exactly one request per page. v3 cannot page backwards.
 */
import { UnsupportedByDialectError, ValidationError, badInput } from './errors.js';
import type { Page, PageQuery, Position } from './model.js';

export const MAX_PAGE_SIZE = 100;

export type Window =
  | { dir: 'forward'; count: number; after: Position | null }
  | { dir: 'backward'; count: number; before: Position | null };

function checkCount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(field, `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** Validates a PageQuery: exactly one of `first`/`last`, in 1..100. */
export function toWindow(q: PageQuery): Window {
  const hasFirst = q.first !== undefined && q.first !== null;
  const hasLast = q.last !== undefined && q.last !== null;
  if (hasFirst === hasLast) {
    throw new ValidationError('Pass exactly one of first or last', [
      { field: 'first', message: 'pass exactly one of first or last' },
    ]);
  }
  if (hasFirst && q.before != null) throw badInput('before', 'use before with last');
  if (hasLast && q.after != null) throw badInput('after', 'use after with first');
  return hasFirst
    ? { dir: 'forward', count: checkCount('first', q.first), after: q.after ?? null }
    : { dir: 'backward', count: checkCount('last', q.last), before: q.before ?? null };
}

// ---------------------------------------------------------------------------------------------
// Position codec: base64url(JSON) with a dialect tag; anything else is BAD_USER_INPUT.
//
// A position names its item (its id) and remembers where it was seen, as a hint:
//   ['2i', offset, id, total]   v2: the item's offset and the list's total when it was listed
//   ['3i', cursor, index, id]   v3: the upstream cursor of the page it came from and its index
//   ['3n', next]                v3: the last item of a page, named by the upstream's next cursor
//                               (keyset: the cursor itself names that item)
// Paging after (or before) a position finds its item again by id, so it stays right when items
// arrived or left since. ['2', offset] and ['3c', cursor, index] are the older, positional
// forms; they are still read (as hints without an id).

type PositionData =
  | ['2i', number, string | null, number | null]
  | ['3i', string | null, number, string | null]
  | ['3n', string];

/** Items are located again by their id. */
export interface Identified {
  id: string;
}

/** How many pages of MAX_PAGE_SIZE are read, each way, to find a moved item again. */
export const SEEK_PAGES = 3;

export function encodePosition(data: PositionData): Position {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

function invalidPosition(field: string): ValidationError {
  return badInput(field, 'is not a valid cursor for this list');
}

function lostItem(field: string): ValidationError {
  return badInput(
    field,
    `names an item that is no longer in this list (deleted, or more than ` +
      `${SEEK_PAGES * MAX_PAGE_SIZE} items arrived since); start again from the first page`,
  );
}

export function decodePosition(pos: Position, field: string): PositionData {
  let data: unknown;
  try {
    if (typeof pos !== 'string' || pos.length === 0 || pos.length > 4096) throw new Error();
    data = JSON.parse(Buffer.from(pos, 'base64url').toString('utf8'));
  } catch {
    throw invalidPosition(field);
  }
  if (!Array.isArray(data)) throw invalidPosition(field);
  const [tag, a, b, d] = data as unknown[];
  const isIndex = (n: unknown, max: number): n is number =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
  const isCursor = (c: unknown): c is string => typeof c === 'string' && c.length <= 2048;
  const isId = (id: unknown): id is string =>
    typeof id === 'string' && id.length > 0 && id.length <= 256;
  if (tag === '2i' && data.length === 4 && isIndex(a, 1e9) && isId(b)) {
    return ['2i', a, b, isIndex(d, 1e9) ? d : null];
  }
  if (tag === '2' && data.length === 2 && isIndex(a, 1e9)) return ['2i', a, null, null];
  const cursorOk = a === null || isCursor(a);
  if (tag === '3i' && data.length === 4 && cursorOk && isIndex(b, 99) && isId(d)) {
    return ['3i', a, b, d];
  }
  if (tag === '3c' && data.length === 3 && cursorOk && isIndex(b, 99)) return ['3i', a, b, null];
  if (tag === '3n' && data.length === 2 && isCursor(a)) return ['3n', a];
  throw invalidPosition(field);
}

/**
 * A position naming `id` whose whereabouts are only roughly known (near the item of `near`, a
 * position of the same list): paging from it seeks the item around that hint.
 */
export function positionNear(near: Position, id: string): Position {
  const data = decodePosition(near, 'after');
  if (data[0] === '2i') return encodePosition(['2i', data[1], id, null]);
  // A v3 item is sought from the top of the list (where arrivals are).
  return encodePosition(['3i', null, 0, id]);
}

// ---------------------------------------------------------------------------------------------
// v2: offsets

export interface OffsetPage<T> {
  items: T[];
  total: number | null;
}
export type FetchOffsetPage<T> = (page: number, perPage: number) => Promise<OffsetPage<T>>;

/**
 * The smallest `per_page` ≥ count that covers [start, start+count) with one page, else pages of
 * up to MAX_PAGE_SIZE (two, or three for the 101 items of "the named item and 100 after it").
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

function offsetPage<T extends Identified>(
  items: T[],
  start: number,
  total: number | null,
  more: boolean,
): Page<T> {
  const end = start + items.length;
  return {
    items,
    positions: items.map((item, i) => encodePosition(['2i', start + i, item.id, total])),
    hasNextPage: total !== null ? end < total : more,
    hasPreviousPage: start > 0,
    totalCount: total,
  };
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
  const page = (items: T[], start: number, total: number | null, more: boolean) =>
    side === 'after' ? offsetPage(items, start, total, more) : offsetPage(items, start, total, true);
  let seen: { start: number; items: T[] };
  const verifyInline =
    size === 0 || requestsFor(side === 'after' ? offset : from, size + 1) <= requestsFor(from, size);
  if (verifyInline) {
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
    return { ...offsetPage<T>([], 0, probe.total, probe.items.length > 0), hasNextPage: true };
  }
  const r = await fetchRange(fetch, start, end - start);
  return offsetPage(r.items, start, r.total, true);
}

// ---------------------------------------------------------------------------------------------
// v3: cursors

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}
export type FetchCursorPage<T> = (cursor: string | null, limit: number) => Promise<CursorPage<T>>;

/** Upstream requests of one v3 window at most, besides those spent seeking a moved item. */
const MAX_WINDOW_REQUESTS = 4;

export async function pageByCursor<T extends Identified>(
  fetch: FetchCursorPage<T>,
  q: PageQuery,
): Promise<Page<T>> {
  const w = toWindow(q);
  if (w.dir === 'backward') {
    throw new UnsupportedByDialectError('Backward pagination (last/before) needs the v2 dialect');
  }
  let cursor: string | null = null;
  let skip = 0;
  // The id of the item to page after, while it has not been found again.
  let seek: string | null = null;
  if (w.after !== null) {
    const data = decodePosition(w.after, 'after');
    if (data[0] === '2i') throw invalidPosition('after');
    if (data[0] === '3i') {
      cursor = data[1];
      skip = data[2] + 1;
      seek = data[3];
    } else {
      cursor = data[1];
    }
  }
  const items: T[] = [];
  const positions: Position[] = [];
  let hasNextPage = false;
  let requests = 0;
  let seekRequests = 0;
  while (requests < MAX_WINDOW_REQUESTS && items.length < w.count) {
    const need = w.count - items.length;
    // Seeking beyond the first page reads whole pages.
    const limit = seek !== null && seekRequests > 0 ? MAX_PAGE_SIZE : skip + need;
    const res = await fetch(cursor, Math.min(MAX_PAGE_SIZE, limit));
    if (seek !== null) {
      // Find the named item again: where it was (normally), lower when items arrived above it.
      const found = res.items.findIndex((item) => item.id === seek);
      if (found < 0) {
        if (res.next === null || res.next === cursor || ++seekRequests > SEEK_PAGES) {
          throw lostItem('after');
        }
        cursor = res.next;
        skip = 0;
        continue;
      }
      skip = found + 1;
      seek = null;
    }
    requests++;
    const taken = res.items.slice(skip, skip + need);
    taken.forEach((item, i) => {
      const index = skip + i;
      const last = index === res.items.length - 1 && res.next !== null;
      items.push(item);
      positions.push(
        encodePosition(last ? ['3n', res.next as string] : ['3i', cursor, index, item.id]),
      );
    });
    hasNextPage = res.items.length > skip + taken.length || res.next !== null;
    if (res.next === null || res.next === cursor) break;
    if (items.length < w.count) {
      cursor = res.next;
      skip = 0;
    }
  }
  return { items, positions, hasNextPage, hasPreviousPage: w.after !== null, totalCount: null };
}
